package dev.parley.app.start;

/**
 * A room a person picked from the list: where it is and the key it announced, kept for the trust
 * check when joining.
 *
 * @param address the room's source address and port
 * @param hostKey the announced host key (64 hex digits), or {@code null}
 * @param room    the room's name
 */
public record RoomPick(HostAddress address, String hostKey, String room) {
}
