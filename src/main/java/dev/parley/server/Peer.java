package dev.parley.server;

/**
 * The wire end of a {@link Member}: a Parley connection now, an IRC connection or a link to
 * another host later. The room queues into its outbox what its {@link Dialect} encoded and tells
 * it when it has to go. Called under the room's lock on the loop thread; nothing here blocks.
 */
interface Peer {
    /** How this peer's bytes are spelt. */
    Dialect dialect();

    /** Where the room queues this peer's frames; written by the loop. */
    Outbox outbox();

    /** The peer fell too far behind: cut it off (the room has taken the member out already). */
    void dropAsSlow();

    /** A newer connection of the same session took this member's place: go quietly. */
    void replaced();

    /** Where the peer is, for logs. */
    String remote();
}
