package dev.parley.discovery;

/**
 * What travels on the discovery port: a host's announcement of its room, or a query asking every
 * host to announce at once. Both are one small JSON object (see docs/protocol.md, "Discovery").
 */
public sealed interface Datagram permits Datagram.Announcement, Datagram.Query {

    /**
     * A host saying "my room is here". Where the room is comes from the packet's source address,
     * never from anything written in here.
     *
     * @param instance       random per announcer start, so one host seen over IPv4 and IPv6 shows once
     * @param room           the room's name, at most {@link DatagramCodec#MAX_ROOM} characters, no control characters
     * @param port           the room's TCP port
     * @param hostKey        SHA-256 of the host certificate's public key, 64 lowercase hex digits, or
     *                       {@code null} while the host has none
     * @param passwordNeeded whether joining asks for a password
     * @param people         how many are in the room now
     */
    record Announcement(String instance, String room, int port, String hostKey, boolean passwordNeeded, int people)
            implements Datagram {
    }

    /**
     * "Every host, announce now." {@code nonce} (may be {@code null}) lets the sender recognise its
     * own query when it comes back: the troubleshooter's multicast loop-back check.
     */
    record Query(String nonce) implements Datagram {
    }
}
