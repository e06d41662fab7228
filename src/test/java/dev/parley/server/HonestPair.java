package dev.parley.server;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two honest members, carol and dave, who chat while a test attacks the room, and the check the
 * issue asks for at the end: both saw every message exactly once, in the same order. Every frame
 * they read is kept, so waiting for something never loses what came before it.
 */
final class HonestPair {
    final Watcher carol;
    final Watcher dave;
    private final List<String> sent = new ArrayList<>();
    private int round;

    private HonestPair(RawPeer carol, RawPeer dave) {
        this.carol = new Watcher(carol);
        this.dave = new Watcher(dave);
    }

    static HonestPair join(RoomFixture room) {
        RawPeer carol = room.join("carol");
        RawPeer dave = room.join("dave");
        return new HonestPair(carol, dave);
    }

    /** Each says {@code n} more messages, without waiting for their echoes. */
    void chat(int n) {
        for (int i = 0; i < n; i++) {
            String c = "c-" + round + "-" + i;
            String d = "d-" + round + "-" + i;
            carol.peer.send(RawPeer.json("type", "send", "id", c, "text", "carol says " + i));
            dave.peer.send(RawPeer.json("type", "send", "id", d, "text", "dave says " + i));
            sent.add("carol/" + c);
            sent.add("dave/" + d);
        }
        round++;
    }

    /**
     * Both say a last message and read until they have both; then each saw every message of
     * {@code others} (as {@code from/id}) and of their own chat exactly once, both in one order, by
     * increasing seq.
     */
    void assertEverythingSeenOnceInOrder(Set<String> others) {
        carol.peer.send(RawPeer.json("type", "send", "id", "c-end", "text", "bye from carol"));
        dave.peer.send(RawPeer.json("type", "send", "id", "d-end", "text", "bye from dave"));
        Set<String> expected = new HashSet<>(sent);
        expected.addAll(others);
        expected.add("carol/c-end");
        expected.add("dave/d-end");
        List<String> carolOrder = carol.messagesUntilBothEnds();
        List<String> daveOrder = dave.messagesUntilBothEnds();
        assertThat(carolOrder).as("carol saw each message once (by sender, id and text)").doesNotHaveDuplicates();
        assertThat(carolOrder.stream().map(m -> m.substring(0, m.lastIndexOf('/'))).toList())
                .as("carol saw every message").containsAll(expected);
        assertThat(daveOrder).as("dave saw the very same messages in the same order").isEqualTo(carolOrder);
    }

    /** One honest member's reading: every frame kept, in the order it came. */
    static final class Watcher {
        final RawPeer peer;
        final List<JsonNode> frames = new ArrayList<>();

        Watcher(RawPeer peer) {
            this.peer = peer;
        }

        JsonNode await(Predicate<JsonNode> wanted) {
            List<JsonNode> read = peer.readUntil(wanted);
            frames.addAll(read);
            return read.getLast();
        }

        /** Messages as {@code from/id/text} in the order seen, each seq higher than the last, up to both ends. */
        List<String> messagesUntilBothEnds() {
            Set<String> ends = new HashSet<>(Set.of("c-end", "d-end"));
            frames.stream().filter(f -> RawPeer.isMsg(f, "c-end") || RawPeer.isMsg(f, "d-end"))
                    .forEach(f -> ends.remove(f.path("id").asString()));
            while (!ends.isEmpty()) {
                JsonNode f = await(x -> x.path("type").asString().equals("msg")
                        && ends.contains(x.path("id").asString()));
                ends.remove(f.path("id").asString());
            }
            long last = 0;
            List<String> ids = new ArrayList<>();
            for (JsonNode f : frames) {
                if (f.path("type").asString().equals("msg")) {
                    long seq = f.path("seq").asLong();
                    assertThat(seq).as("messages arrive by increasing seq").isGreaterThan(last);
                    last = seq;
                    ids.add(f.path("from").asString() + "/" + f.path("id").asString() + "/" + f.path("text").asString());
                }
            }
            return ids;
        }
    }
}
