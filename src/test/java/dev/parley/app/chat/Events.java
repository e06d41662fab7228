package dev.parley.app.chat;

import dev.parley.client.ChatEvent;
import dev.parley.protocol.Frame;
import dev.parley.protocol.LeaveReason;
import dev.parley.protocol.Role;

import java.time.Instant;
import java.util.List;

/** Builds client events the way the client library would report them. */
final class Events {
    private static long seq;

    private Events() {
    }

    static ChatEvent.Connected welcome(String you, String... others) {
        var users = new java.util.ArrayList<Frame.User>();
        users.add(new Frame.User(you, Role.GUEST));
        for (String o : others) {
            users.add(new Frame.User(o, o.equals("Carol") ? Role.HOST : Role.GUEST));
        }
        return new ChatEvent.Connected("Team room", you, List.copyOf(users), false, false, false);
    }

    static ChatEvent.Message from(String nick, String text, Instant ts) {
        return new ChatEvent.Message(new Frame.Msg(++seq, "x" + seq, nick, nick.equals("Carol") ? Role.HOST : Role.GUEST,
                text, ts.toString()), false);
    }

    static ChatEvent.Message echo(String id, String nick, String text, Instant ts) {
        return new ChatEvent.Message(new Frame.Msg(++seq, id, nick, Role.GUEST, text, ts.toString()), true);
    }

    static ChatEvent.Joined joined(String nick, Instant ts) {
        return new ChatEvent.Joined(new Frame.Joined(++seq, nick, Role.GUEST, ts.toString()));
    }

    static ChatEvent.Left left(String nick, LeaveReason reason, Instant ts) {
        return new ChatEvent.Left(new Frame.Left(++seq, nick, reason, ts.toString()));
    }
}
