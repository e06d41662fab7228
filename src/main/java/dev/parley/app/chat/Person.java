package dev.parley.app.chat;

/** Someone in the room, as the side panel lists them. */
public record Person(String nick, boolean host, boolean you) {
}
