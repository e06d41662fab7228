package dev.parley.server;

import dev.parley.protocol.Frame;

/**
 * A room event as the {@link RoomLog} keeps it: the frame, and its Parley wire bytes, encoded
 * once when the event happened and shared by every Parley member, the replay and resends.
 */
public record LoggedEvent(Frame.RoomEvent event, byte[] wire) {

    public long seq() {
        return event.seq();
    }
}
