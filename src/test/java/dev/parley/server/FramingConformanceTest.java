package dev.parley.server;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;

import static dev.parley.server.RawPeer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Transport and framing of {@code PROTOCOL.md}: lines, size limit, malformed input. */
@Timeout(60)
class FramingConformanceTest extends RoomFixture {
    private static final int MAX_FRAME = 65_536;

    /** A send frame padded with an unknown member to exactly {@code size} bytes, newline included. */
    private static byte[] sendOfSize(String id, int size) {
        String head = "{\"type\":\"send\",\"id\":\"" + id + "\",\"text\":\"hi\",\"pad\":\"";
        String tail = "\"}\n";
        byte[] frame = (head + "x".repeat(size - head.length() - tail.length()) + tail).getBytes(StandardCharsets.UTF_8);
        assertEquals(size, frame.length);
        return frame;
    }

    @Test
    void frameOfExactly65536BytesIsAccepted() {
        start();
        RawPeer alice = join("alice");
        alice.sendBytes(sendOfSize("biggest", MAX_FRAME));
        assertEquals("hi", alice.awaitFrame(f -> RawPeer.isMsg(f, "biggest")).path("text").asString());
    }

    @Test
    void oversizedFrameIsFrameTooLargeAndClosesConnection() {
        start();
        RawPeer bob = join("bob");
        RawPeer alice = join("alice");
        alice.sendBytes(sendOfSize("too-big", MAX_FRAME + 1));
        alice.expectError("frame_too_large");
        alice.assertClosed();
        assertEquals("bob", bob.say("fine", "bob is unaffected").path("from").asString());
    }

    @Test
    void endlessLineIsRefusedAtTheLimitWithTheErrorStillDelivered() {
        start();
        RawPeer alice = join("alice");
        alice.sendBytes(("{\"type\":\"send\",\"text\":\"" + "y".repeat(300_000)).getBytes(StandardCharsets.UTF_8));
        alice.expectError("frame_too_large");
        alice.assertClosed();
    }

    private static byte[] utf8(String before, byte[] raw, String after) {
        byte[] head = before.getBytes(StandardCharsets.UTF_8);
        byte[] tail = after.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + raw.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(raw, 0, all, head.length, raw.length);
        System.arraycopy(tail, 0, all, head.length + raw.length, tail.length);
        return all;
    }

    private static Arguments malformed(String what, String frame) {
        return Arguments.of(what, (frame + "\n").getBytes(StandardCharsets.UTF_8));
    }

    static Stream<Arguments> malformedFrames() {
        String open = "{\"type\":\"send\",\"id\":\"u1\",\"text\":\"";
        return Stream.of(
                Arguments.of("truncated UTF-8", utf8(open, new byte[] {(byte) 0xC3}, "\"}\n")),
                Arguments.of("overlong UTF-8", utf8(open, new byte[] {(byte) 0xC0, (byte) 0xAF}, "\"}\n")),
                Arguments.of("UTF-8 surrogate", utf8(open, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, "\"}\n")),
                Arguments.of("Latin-1 byte", utf8(open, new byte[] {(byte) 0xE9}, "\"}\n")),
                malformed("not JSON", "hello there"),
                malformed("unfinished object", "{\"type\":\"ping\",\"n\":1"),
                malformed("a JSON array", "[{\"type\":\"ping\",\"n\":1}]"),
                malformed("a JSON number", "42"),
                malformed("a JSON string", "\"ping\""),
                malformed("JSON null", "null"),
                malformed("trailing garbage", "{\"type\":\"ping\",\"n\":1} x"),
                malformed("two objects on a line", "{\"type\":\"ping\",\"n\":1}{\"type\":\"ping\",\"n\":2}"),
                malformed("no type", "{\"n\":1}"),
                malformed("a number type", "{\"type\":7}"),
                malformed("a null type", "{\"type\":null}"),
                malformed("an object type", "{\"type\":{\"name\":\"ping\"}}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedFrames")
    void malformedFrameIsBadFrameAndClosesWithoutHarmingTheRoom(String what, byte[] frame) {
        start();
        RawPeer bob = join("bob");
        RawPeer alice = join("alice");
        alice.sendBytes(frame);
        JsonNode error = alice.expectError("bad_frame");
        assertFalse(error.path("message").asString().isBlank(), "the error has a sentence for a person");
        alice.assertClosed();
        assertEquals("bob", bob.say("after-" + what.length(), "the room goes on").path("from").asString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedFrames")
    void malformedFirstFrameIsBadFrameToo(String what, byte[] frame) {
        start();
        RawPeer peer = connect();
        peer.sendBytes(frame);
        peer.expectError("bad_frame");
        peer.assertClosed();
    }

    @Test
    void unknownTypeIsUnknownTypeAndKeepsTheConnection() {
        start();
        RawPeer alice = join("alice");
        alice.send(json("type", "reaction", "emoji", "👍"));
        alice.expectError("unknown_type");
        assertTrue(alice.sync().isEmpty());
        assertEquals("alice", alice.say("still", "still connected").path("from").asString());
    }

    @Test
    void unknownFieldsAreIgnored() {
        start();
        RawPeer alice = connect();
        alice.join("alice", "color", "teal", "future", Map.of("nested", true));
        alice.send("{\"type\":\"send\",\"id\":\"x-1\",\"text\":\"hi\",\"format\":\"markdown\",\"reply\":{\"to\":3}}");
        assertEquals("hi", alice.awaitType("msg").path("text").asString());
    }

    @Test
    void carriageReturnsAndEmptyLinesAreTolerated() {
        start();
        RawPeer alice = join("alice");
        alice.sendBytes("\n\r\n{\"type\":\"ping\",\"n\":5}\r\n\n\n{\"type\":\"ping\",\"n\":6}\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(5, alice.next().path("n").asLong());
        assertEquals(6, alice.next().path("n").asLong());
    }

    @Test
    void severalFramesInOneWriteAreEachHandled() {
        start();
        RawPeer alice = join("alice");
        alice.sendBytes((json("type", "send", "id", "one", "text", "1") + "\n" + json("type", "send", "id", "two", "text", "2")
                + "\n" + json("type", "ping", "n", 3) + "\n").getBytes(StandardCharsets.UTF_8));
        assertEquals("one", alice.next().path("id").asString());
        assertEquals("two", alice.next().path("id").asString());
        assertEquals("pong", alice.next().path("type").asString());
    }

    private static final String HUGE_ID_SEND = json("type", "send", "id", "z".repeat(MAX_FRAME - 64), "text", "hi");

    /** The next answer, which must fit in one frame although it answers a send whose id nearly fills one. */
    private static JsonNode answerFittingOneFrame(RawPeer peer) {
        String answer = peer.nextLine(RawPeer.WAIT);
        int bytes = answer.getBytes(StandardCharsets.UTF_8).length + 1;
        assertTrue(bytes <= MAX_FRAME, () -> "the server sent a frame of " + bytes + " bytes");
        return RawPeer.JSON.readTree(answer);
    }

    @Test
    void textInvalidForAHugeIdStillFitsInOneFrame() {
        start(withRate(config(), 0, 1));
        RawPeer alice = join("alice");
        alice.send(HUGE_ID_SEND);
        assertEquals("text_invalid", answerFittingOneFrame(alice).path("code").asString());
    }

    @Test
    void rateLimitedForAHugeIdStillFitsInOneFrame() {
        start(withRate(config(), 1, 1));
        RawPeer alice = join("alice");
        alice.sendBytes((HUGE_ID_SEND + "\n").repeat(3).getBytes(StandardCharsets.UTF_8));
        var codes = Stream.generate(() -> answerFittingOneFrame(alice).path("code").asString()).limit(3).toList();
        assertTrue(codes.contains("rate_limited"), codes::toString);
    }
}
