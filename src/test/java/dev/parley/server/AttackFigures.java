package dev.parley.server;

import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static dev.parley.server.RawPeer.json;

/**
 * Not a test: the attacks of issue 15 items 1, 4, 6, 9 and 13 run once against a real host, each
 * printing what it achieved, for the before/after figures of the report. It uses only what every
 * version of the host has (raw sockets, the default config), so the same file runs against an older
 * checkout. {@code java -cp <test class path> dev.parley.server.AttackFigures}
 */
public final class AttackFigures {
    private AttackFigures() {
    }

    public static void main(String[] args) throws Exception {
        squatting();
        tokenReuse();
        churnFlush(defaults(), "default limits");
        churnFlush(unlimited(), "per-address limits lifted");
        stateGrowth(3_000);
        resendFlush();
        System.exit(0);
    }

    private static RoomServer start(ServerConfig config) throws Exception {
        return new RoomServer(config.withBind("127.0.0.1").withPort(0)).start();
    }

    private static ServerConfig defaults() {
        var d = ServerConfig.defaults();
        return d.withTimeouts(d.helloTimeout(), d.pingAfter(), d.idleTimeout(), Duration.ofMillis(20));
    }

    /** Item 1: alice drops; a stranger from 127.0.0.2 asks for her name and resends her last id. */
    private static void squatting() throws Exception {
        try (RoomServer s = start(defaults())) {
            RawPeer watcher = RawPeer.connect(s.port());
            watcher.join("watcher");
            RawPeer alice = RawPeer.connect(s.port());
            alice.join("alice");
            alice.say("a1", "hello");
            alice.say("a2", "the secret plan");
            alice.reset();
            watcher.awaitFrame(f -> f.path("type").asString().equals("left"));
            RawPeer stranger = RawPeer.connectFrom(s.port(), "127.0.0.2");
            stranger.send(json("type", "hello", "v", 1, "nick", "alice"));
            JsonNode answer = stranger.next();
            String got = "refused (" + answer.path("code").asString() + ")";
            if (answer.path("type").asString().equals("welcome")) {
                stranger.replay(answer);
                stranger.send(json("type", "send", "id", "a2", "text", "mine now"));
                JsonNode echo = stranger.awaitFrame(f -> RawPeer.isMsg(f, "a2"));
                got = "welcomed as alice; resending her id gave back \"" + echo.path("text").asString() + "\"";
            }
            System.out.println("item 1, name squatting after a drop: stranger " + got);
        }
    }

    /** Item 13: a token seen once, used again after its owner resumed. */
    private static void tokenReuse() throws Exception {
        try (RoomServer s = start(defaults())) {
            RawPeer first = RawPeer.connect(s.port());
            String t1 = first.join("alice").path("session").asString();
            first.sync();
            RawPeer second = RawPeer.connect(s.port());
            JsonNode w2 = second.hello("alice", "session", t1);
            second.replay(w2);
            second.sync();
            RawPeer thief = RawPeer.connectFrom(s.port(), "127.0.0.2");
            thief.send(json("type", "hello", "v", 1, "nick", "alice", "session", t1));
            JsonNode answer = thief.next();
            System.out.println("item 13, token reuse: the resume's token " + (w2.path("session").asString().equals(t1)
                    ? "stayed the same" : "changed") + "; the old token from 127.0.0.2 got "
                    + (answer.path("type").asString().equals("welcome") ? "a welcome (takeover)"
                    : answer.path("code").asString()));
        }
    }

    /** {@link #defaults()} without the per-address connect, join and pending limits, to see what is left behind them. */
    private static ServerConfig unlimited() {
        var d = defaults();
        return d.withAbuse(d.abuse().withPending(100_000, 100_000).withConnectBan(1_000_000, Duration.ofSeconds(1))
                .withJoinsPerMinute(1_000_000));
    }

    /**
     * Item 4: erin away, 1,500 join+bye cycles from 127.0.0.2, bob says 40 things meanwhile. A cycle
     * the host refuses (joins too often) counts as refused.
     */
    private static void churnFlush(ServerConfig config, String label) throws Exception {
        try (RoomServer s = start(config)) {
            RawPeer bob = RawPeer.connect(s.port());
            bob.join("bob");
            RawPeer erin = RawPeer.connect(s.port());
            erin.join("erin");
            long seen = erin.say("e1", "brb").path("seq").asLong();
            erin.send(json("type", "bye"));
            erin.readUntilClosed();
            int joined = 0;
            for (int i = 0; i < 1_500; i++) {
                RawPeer p = RawPeer.connectFrom(s.port(), "127.0.0.2");
                try {
                    p.send(json("type", "hello", "v", 1, "nick", "churner " + i));
                    if (p.awaitFrame(f -> true).path("type").asString().equals("welcome")) {
                        joined++;
                        p.send(json("type", "bye"));
                    }
                    p.readUntilClosed();
                } catch (java.io.UncheckedIOException | AssertionError refused) {
                    // Banned for connecting too often: the host resets or closes the connection unanswered.
                } finally {
                    p.close();
                }
                if (i % 38 == 0) {
                    bob.send(json("type", "send", "id", "b" + i, "text", "bob " + i));
                }
            }
            bob.say("last", "bob's last");
            RawPeer back = RawPeer.connect(s.port());
            JsonNode welcome = back.hello("erin", "since", seen);
            List<JsonNode> replay = back.replay(welcome);
            long bobs = replay.stream().filter(f -> f.path("type").asString().equals("msg")
                    && f.path("from").asString().equals("bob")).count();
            System.out.println("item 4, presence churn (" + label + "): " + joined + " of 1,500 join+bye cycles let in; "
                    + "erin came back with gap=" + welcome.path("gap").asBoolean() + " and " + bobs
                    + " of bob's 41 messages replayed");
        }
    }

    /** Item 6: state kept after many distinct names came and went (join, then a cut). */
    private static void stateGrowth(int names) throws Exception {
        try (RoomServer s = start(unlimited())) {
            for (int i = 0; i < names; i++) {
                RawPeer p = RawPeer.connectFrom(s.port(), "127.0.0.2");
                p.hello("passer " + i);
                p.sync();
                p.reset();
            }
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
            System.out.println("item 6, state per name: after " + names + " distinct names joined and dropped, the room "
                    + "keeps " + sessionEntries(s) + " sessions");
        }
    }

    /** Item 9: 12,000 messages from another member, then alice resends an id she had sent before. */
    private static void resendFlush() throws Exception {
        var c = defaults();
        try (RoomServer s = start(c.withLimits(c.maxClients(), 0, 1, c.historySize(), c.outboxLimit()))) {
            RawPeer watcher = RawPeer.connect(s.port());
            watcher.join("watcher");
            RawPeer alice = RawPeer.connect(s.port());
            String token = alice.join("alice").path("session").asString();
            long original = alice.say("mine", "said once").path("seq").asLong();
            RawPeer flooder = RawPeer.connectFrom(s.port(), "127.0.0.2");
            flooder.join("flooder");
            var flood = new StringBuilder();
            for (int i = 0; i < 12_000; i++) {
                flood.append(json("type", "send", "id", "f" + i, "text", "noise " + i)).append('\n');
                if (i % 500 == 499) {
                    flooder.sendBytes(flood.toString().getBytes(StandardCharsets.UTF_8));
                    flood.setLength(0);
                    String last = "f" + i;
                    flooder.awaitFrame(f -> RawPeer.isMsg(f, last));
                }
            }
            alice.send(json("type", "send", "id", "mine", "text", "said once"));
            JsonNode answer = alice.awaitFrame(f -> RawPeer.isMsg(f, "mine"));
            watcher.send(json("type", "send", "id", "w-end", "text", "end"));
            long seenTwice = watcher.readUntil(f -> RawPeer.isMsg(f, "w-end")).stream()
                    .filter(f -> RawPeer.isMsg(f, "mine")).count();
            System.out.println("item 9, resend flushed by others: the resend came back with "
                    + (answer.path("seq").asLong() == original ? "the original seq" : "a new seq") + "; another member saw "
                    + "alice's message " + seenTwice + " time(s) (token " + (token.isEmpty() ? "none" : "kept") + ")");
        }
    }

    /** Sessions the room keeps: through the room's own count where it has one, else the size of its map. */
    private static int sessionEntries(RoomServer s) throws Exception {
        var roomField = RoomServer.class.getDeclaredField("room");
        roomField.setAccessible(true);
        Object room = roomField.get(s);
        try {
            var count = room.getClass().getDeclaredMethod("sessionCount");
            count.setAccessible(true);
            return (int) count.invoke(room);
        } catch (NoSuchMethodException e) {
            var map = room.getClass().getDeclaredField("sessions");
            map.setAccessible(true);
            return ((java.util.Map<?, ?>) map.get(room)).size();
        }
    }
}
