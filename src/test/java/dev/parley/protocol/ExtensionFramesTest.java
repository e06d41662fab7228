package dev.parley.protocol;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The frames of the {@code ext} negotiation and of the {@code history} and {@code search}
 * extensions: they read back as written, a page's events each by its own type, and the grant rule.
 */
@Timeout(10)
class ExtensionFramesTest {
    private final FrameCodec codec = new FrameCodec();

    private Frame roundTrip(Frame f) throws ProtocolException {
        byte[] line = codec.encode(f);
        return codec.decode(line, 0, line.length - 1);
    }

    @Test
    void helloAndWelcomeCarryTheExtensionsAndTheRoomId() throws ProtocolException {
        var hello = new Frame.Hello(1, "alice", "Parley/1.0", null, 41L, "tok", null, Map.of("history", 1, "search", 2));
        assertThat(roundTrip(hello)).isEqualTo(hello);
        assertThat(codec.toJson(hello)).contains("\"session\":\"tok\",\"ext\":{", "\"history\":1", "\"search\":2")
                .doesNotContain("hostKey");
        var welcome = new Frame.Welcome(1, "Team room", "alice", List.of(new Frame.User("alice", Role.GUEST)), 3, false,
                "t", new Frame.Limits(4000, 65536), "q3Ub0m6w1LmS0bE3lD6yxA", Map.of("history", 1));
        assertThat(roundTrip(welcome)).isEqualTo(welcome);
        assertThat(((Frame.Welcome) roundTrip(welcome)).granted("history")).isEqualTo(1);
        assertThat(((Frame.Welcome) roundTrip(welcome)).granted("files")).isZero();
    }

    @Test
    void aSplicedWelcomeWithExtensionsIsTheWholeWelcome() {
        var users = new EncodedUsers(codec);
        users.add(new Frame.User("alice", Role.GUEST));
        var bare = new Frame.Welcome(1, "r", "alice", List.of(), 0, false, "t", new Frame.Limits(4000, 65536),
                "room-id", Map.of("search", 1));
        var whole = new Frame.Welcome(1, "r", "alice", List.of(new Frame.User("alice", Role.GUEST)), 0, false, "t",
                new Frame.Limits(4000, 65536), "room-id", Map.of("search", 1));
        FrameCodec.WelcomeParts parts = codec.encodeWelcome(bare);
        var out = new ByteArrayOutputStream();
        out.writeBytes(parts.head());
        out.write(users.bytes(), 0, users.length());
        out.writeBytes(parts.tail());
        assertThat(out.toByteArray()).isEqualTo(codec.encode(whole));
    }

    @Test
    void aPageReadsEachEventByItsTypeAndSkipsTypesItDoesNotKnow() throws ProtocolException {
        var page = new Frame.Page("q1", List.of(new Frame.Msg(7, "a", "bob", Role.GUEST, "hi", "2026-12-01T10:00:00.000Z"),
                new Frame.Joined(8, "carol", Role.HOST, "2026-12-01T10:00:01.000Z"),
                new Frame.Left(9, "carol", LeaveReason.QUIT, "2026-12-01T10:00:02.000Z")), true, false);
        assertThat(roundTrip(page)).isEqualTo(page);
        // "file" was this test's unknown type until the files extension made it a room event of its own.
        var withFile = new Frame.Page("q3", List.of(new Frame.FileEvent(10, "f-1", "bob", Role.GUEST, "a.png", 42,
                "image/png", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", 1, 1, null, null,
                "2026-12-01T10:00:03.000Z")), false, false);
        assertThat(roundTrip(withFile)).isEqualTo(withFile);
        String withFuture = "{\"type\":\"page\",\"ref\":\"q2\",\"events\":[{\"type\":\"poll\",\"seq\":3,\"question\":\"lunch?\"},"
                + "{\"type\":\"msg\",\"seq\":4,\"id\":\"x\",\"from\":\"bob\",\"role\":\"guest\",\"text\":\"t\",\"ts\":\"z\"}],"
                + "\"moreBefore\":false,\"moreAfter\":true}";
        var read = (Frame.Page) codec.decode(withFuture);
        assertThat(read.events()).extracting(Frame.RoomEvent::seq).containsExactly(4L);
        assertThat(read.moreAfter()).isTrue();
        assertThatThrownBy(() -> codec.decode("{\"type\":\"page\",\"ref\":\"q\",\"events\":[{\"type\":\"ping\",\"n\":1}]}"))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_FRAME));
        assertThatThrownBy(() -> codec.decode("{\"type\":\"page\",\"events\":{}}"))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_FRAME));
    }

    @Test
    void requestsAndFoundReadBackAsWritten() throws ProtocolException {
        var history = new Frame.History("q1", null, null, 42L, 21);
        assertThat(roundTrip(history)).isEqualTo(history);
        assertThat(codec.toJson(history)).isEqualTo("{\"type\":\"history\",\"ref\":\"q1\",\"around\":42,\"limit\":21}");
        var search = new Frame.Search("q2", "otter river", 900L, null);
        assertThat(roundTrip(search)).isEqualTo(search);
        var found = new Frame.Found("q2", List.of(new Frame.Hit(
                new Frame.Msg(5, "a", "bob", Role.GUEST, "an otter", "2026-12-01T10:00:00.000Z"),
                List.of(new Frame.Range(3, 8)))), true);
        assertThat(roundTrip(found)).isEqualTo(found);
        assertThat(new String(codec.encode(found), StandardCharsets.UTF_8))
                .contains("\"match\":[{\"start\":3,\"end\":8}]");
    }

    @Test
    void theHostGrantsWhatBothSpeakAtTheLowerVersion() {
        Map<String, Integer> offered = new java.util.LinkedHashMap<>();
        offered.put("history", 1);
        offered.put("search", 2);
        assertThat(Extensions.grant(offered, Map.of("search", 1, "history", 5, "teleport", 1)))
                .containsExactly(Map.entry("history", 1), Map.entry("search", 1));
        assertThat(Extensions.grant(offered, Map.of("history", 0))).isEmpty();
        assertThat(Extensions.grant(offered, null)).isEmpty();
    }
}
