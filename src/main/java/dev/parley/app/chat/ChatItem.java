package dev.parley.app.chat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** One row of the chat list. Immutable: a changed row is replaced in the list, which redraws its cell. */
public sealed interface ChatItem {

    /** Stable identity of the row across replacements. */
    String key();

    /** Where one of your own messages is. */
    enum Delivery { SENDING, DELIVERED, FAILED }

    /**
     * A chat message.
     *
     * @param localId  the id this app sent it with, for own messages; else {@code null}
     * @param delivery for own messages; {@code DELIVERED} for everyone else's
     * @param failure  why it could not be sent, when {@code delivery == FAILED}
     * @param runFirst first of a run of messages from one person (shows the name)
     * @param runLast  last of a run (shows the avatar)
     * @param colour   the sender's colour in this room ({@link Avatars#pseudoClass})
     * @param sentAt   when this app sent it, for own messages the host stamped later than that
     *                 (delivered after a reconnect); else {@code null}
     * @param seq      the room's seq for it, 0 while one's own message has none yet
     */
    record Message(String key, String sender, boolean host, String text, Instant time, boolean outgoing,
                   String localId, Delivery delivery, String failure, boolean runFirst, boolean runLast,
                   int colour, Instant sentAt, long seq)
            implements ChatItem {

        public Message(String key, String sender, boolean host, String text, Instant time, boolean outgoing,
                       String localId, Delivery delivery, String failure, boolean runFirst, boolean runLast,
                       int colour, Instant sentAt) {
            this(key, sender, host, text, time, outgoing, localId, delivery, failure, runFirst, runLast, colour, sentAt, 0);
        }

        public Message withDelivery(Delivery newDelivery, String newLocalId, String newFailure, Instant newTime) {
            return new Message(key, sender, host, text, newTime, outgoing, newLocalId, newDelivery, newFailure,
                    runFirst, runLast, colour, sentAt, seq);
        }

        public Message withRun(boolean first, boolean last) {
            return new Message(key, sender, host, text, time, outgoing, localId, delivery, failure, first, last,
                    colour, sentAt, seq);
        }

        public Message withSentAt(Instant sent) {
            return new Message(key, sender, host, text, time, outgoing, localId, delivery, failure, runFirst, runLast,
                    colour, sent, seq);
        }

        public Message withSeq(long newSeq) {
            return new Message(key, sender, host, text, time, outgoing, localId, delivery, failure, runFirst, runLast,
                    colour, sentAt, newSeq);
        }
    }

    /**
     * What kind of room or connection news a system row carries. {@code GAP} stands between two
     * stretches of history with events not loaded between them (after a jump to a search hit);
     * clicking it loads them.
     */
    enum InfoKind { JOINED, LEFT, CONNECTION, ENDED, NOTICE, GAP }

    /**
     * A small centred line: someone joined or left, the connection dropped or came back.
     *
     * @param details for a row that sums up several joins and leaves, each of them in order (its
     *                tooltip); else empty
     */
    record Info(String key, InfoKind kind, String text, Instant time, List<String> details) implements ChatItem {
        public Info {
            details = List.copyOf(details);
        }

        public Info(String key, InfoKind kind, String text, Instant time) {
            this(key, kind, text, time, List.of());
        }
    }

    /**
     * A file shared in the room, or one's own on its way (extension {@code files}). The row stays put
     * while its transfer moves: the bubble follows {@code entry}'s properties.
     *
     * @param seq the room's seq for it, 0 while one's own file has none yet
     */
    record File(String key, String sender, boolean host, Instant time, boolean outgoing, int colour, long seq,
                dev.parley.app.files.FileEntry entry) implements ChatItem {
    }

    /** A day separator before the first row of a day. */
    record Day(String key, LocalDate date) implements ChatItem {
    }
}
