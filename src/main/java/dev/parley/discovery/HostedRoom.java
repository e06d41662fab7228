package dev.parley.discovery;

/**
 * What a host tells the network about its room, read again before every announcement.
 *
 * @param room           the room's name (cut to what fits, see {@link DatagramCodec#fitRoomName})
 * @param port           its TCP port
 * @param hostKey        64 lowercase hex digits, or {@code null} until the host has a key
 * @param passwordNeeded whether joining asks for a password
 * @param people         how many are in the room now
 */
public record HostedRoom(String room, int port, String hostKey, boolean passwordNeeded, int people) {
}
