package dev.parley.app.chat;

/**
 * Someone in the room, as the side panel lists them.
 *
 * @param colour their colour in this room ({@link Avatars#pseudoClass})
 */
public record Person(String nick, boolean host, boolean you, int colour) {
}
