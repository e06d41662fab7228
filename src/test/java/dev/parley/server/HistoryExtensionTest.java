package dev.parley.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.parley.server.RawPeer.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code ext} negotiation and the {@code history} and {@code search} extensions, spoken over raw
 * sockets as docs/protocol.md describes them, with the room's log in memory and on disk. A peer that
 * asks for nothing (a version-1 client) sees version 1 only.
 */
@Timeout(90)
class HistoryExtensionTest extends RoomFixture {
    private static final Map<String, Integer> BOTH = Map.of("history", 1, "search", 1);

    @TempDir
    Path data;

    private void start(boolean onDisk) {
        var c = withRate(config(), 0, 1);
        start(onDisk ? c.withLog(c.log().inFolder(data)) : c);
    }

    private static List<Long> seqs(JsonNode page) {
        List<Long> seqs = new ArrayList<>();
        page.path("events").forEach(e -> seqs.add(e.path("seq").asLong()));
        return seqs;
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void theHostGrantsWhatBothSpeakAtTheLowerVersion(boolean onDisk) {
        start(onDisk);
        JsonNode welcome = connect().hello("alice", "ext", Map.of("history", 3, "search", 1, "teleport", 2));
        assertThat(welcome.path("ext").path("history").asInt()).isEqualTo(1);
        assertThat(welcome.path("ext").path("search").asInt()).isEqualTo(1);
        assertThat(welcome.path("ext").has("teleport")).isFalse();
        assertThat(welcome.path("roomId").asString()).hasSizeGreaterThanOrEqualTo(16);
    }

    @Test
    void aVersionOnePeerGetsNoExtAndItsHistoryRequestIsAnUnknownType() {
        start(false);
        RawPeer alice = join("alice");
        chat(alice, "m", 5);
        RawPeer old = connect();
        JsonNode welcome = old.hello("oldie");
        assertThat(welcome.has("ext")).isFalse();
        old.replay(welcome);
        old.send(json("type", "history", "ref", "h1", "before", 5));
        old.send(json("type", "search", "ref", "s1", "q", "message"));
        List<JsonNode> answers = old.sync();
        assertThat(answers).filteredOn(f -> f.path("type").asString().equals("error"))
                .extracting(f -> f.path("code").asString()).containsExactly("unknown_type", "unknown_type");
        assertThat(answers).noneMatch(f -> Set.of("page", "found").contains(f.path("type").asString()));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void pagesGoBackThroughTheHistoryAndJumpAroundASeq(boolean onDisk) {
        start(onDisk);
        RawPeer alice = connect();
        alice.join("alice", "ext", BOTH);
        List<JsonNode> echoes = chat(alice, "m", 300);
        long last = echoes.getLast().path("seq").asLong();

        alice.send(json("type", "history", "ref", "h1", "before", last + 1));
        JsonNode page = alice.awaitType("page");
        assertThat(page.path("ref").asString()).isEqualTo("h1");
        assertThat(seqs(page)).hasSize(100).endsWith(last);
        assertThat(page.path("moreBefore").asBoolean()).isTrue();
        assertThat(page.path("moreAfter").asBoolean()).isFalse();
        assertThat(page.path("events").get(99)).isEqualTo(echoes.getLast());

        long target = echoes.get(120).path("seq").asLong();
        alice.send(json("type", "history", "ref", "h2", "around", target, "limit", 21));
        JsonNode around = alice.awaitType("page");
        assertThat(seqs(around)).hasSize(21).contains(target);
        assertThat(seqs(around).get(10)).isEqualTo(target);

        long early = echoes.get(50).path("seq").asLong();
        alice.send(json("type", "history", "ref", "h3", "after", early, "limit", 500));
        JsonNode after = alice.awaitType("page");
        assertThat(seqs(after)).as("capped at 200 events").hasSize(200).startsWith(early + 1);
        assertThat(after.path("moreAfter").asBoolean()).isTrue();
    }

    @Test
    void aPageOfLongMessagesStaysWithinOneFrame() {
        start(true);
        RawPeer alice = connect();
        alice.join("alice", "ext", BOTH);
        String longText = "🦦".repeat(4_000);
        for (int i = 0; i < 40; i++) {
            alice.say("long" + i, longText);
        }
        alice.send(json("type", "history", "ref", "big", "before", Long.MAX_VALUE, "limit", 200));
        String line = alice.nextLine(RawPeer.WAIT);
        assertThat(line.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 1).isLessThanOrEqualTo(65_536);
        JsonNode page = RawPeer.JSON.readTree(line);
        assertThat(page.path("type").asString()).isEqualTo("page");
        assertThat(page.path("moreBefore").asBoolean()).isTrue();
        assertThat(page.path("events").size()).isBetween(1, 39);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void searchFindsMessagesNewestFirstWithWhereTheWordsMatched(boolean onDisk) {
        start(onDisk);
        RawPeer alice = connect();
        alice.join("alice", "ext", BOTH);
        alice.say("a", "the otter swims in the river");
        alice.say("b", "lunch at noon");
        alice.say("c", "another otter sighting by the river bank");
        alice.send(json("type", "search", "ref", "s1", "q", "otter river"));
        JsonNode found = alice.awaitType("found");
        assertThat(found.path("ref").asString()).isEqualTo("s1");
        assertThat(found.path("hits")).hasSize(2);
        JsonNode newest = found.path("hits").get(0);
        assertThat(newest.path("event").path("id").asString()).isEqualTo("c");
        String text = newest.path("event").path("text").asString();
        List<String> matched = new ArrayList<>();
        newest.path("match").forEach(r -> matched.add(text.substring(r.path("start").asInt(), r.path("end").asInt())));
        assertThat(matched).containsExactly("otter", "river");
        assertThat(found.path("more").asBoolean()).isFalse();
    }

    @Test
    void searchesBeyondTheRateAreRefusedWithoutClosing() {
        var c = withRate(config(), 0, 1);
        start(c.withLog(c.log().withRequestRates(10, 1)));
        RawPeer alice = connect();
        alice.join("alice", "ext", BOTH);
        for (int i = 0; i < 5; i++) {
            alice.send(json("type", "search", "ref", "s" + i, "q", "anything"));
        }
        List<JsonNode> answers = new ArrayList<>();
        // Answers come a loop turn after the refusals: read until all five are in.
        while (answers.stream().filter(f -> f.has("ref")).count() < 5) {
            answers.add(alice.next());
        }
        assertThat(answers).filteredOn(f -> f.path("type").asString().equals("found")).hasSize(2);
        assertThat(answers).filteredOn(f -> f.path("code").asString().equals("rate_limited"))
                .extracting(f -> f.path("ref").asString()).containsExactly("s2", "s3", "s4");
        alice.say("still", "here");
    }

    @Test
    void aMalformedRequestIsRefusedWithItsRefAndTheConnectionStays() {
        start(false);
        RawPeer alice = connect();
        alice.join("alice", "ext", BOTH);
        alice.send(json("type", "history", "ref", "h1", "before", 5, "after", 2));
        assertThat(alice.expectError("request_invalid").path("ref").asString()).isEqualTo("h1");
        alice.send(json("type", "search", "ref", "s1", "q", "x".repeat(201)));
        assertThat(alice.expectError("request_invalid").path("ref").asString()).isEqualTo("s1");
        alice.send(json("type", "history", "before", 5));
        assertThat(alice.expectError("request_invalid").has("ref")).isFalse();
        alice.say("after", "still connected");
    }

}
