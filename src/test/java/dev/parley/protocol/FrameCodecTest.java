package dev.parley.protocol;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Encoding and decoding of every frame, and the error each malformed input maps to. */
@Timeout(30)
class FrameCodecTest {
    private static final String TS = "2026-11-23T22:40:00.123Z";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final FrameCodec codec = new FrameCodec();

    /** Every frame type (and each optional member present and absent) with its exact wire form. */
    static Stream<Arguments> framesAndTheirWireForm() {
        return Stream.of(
                Arguments.of(new Frame.Hello(1, "alice", "Parley/1.0", "pw", 41L, "k3J", "hk"),
                        "{\"type\":\"hello\",\"v\":1,\"nick\":\"alice\",\"client\":\"Parley/1.0\",\"password\":\"pw\","
                                + "\"since\":41,\"session\":\"k3J\",\"hostKey\":\"hk\"}"),
                Arguments.of(new Frame.Hello("alice", "Parley/1.0"),
                        "{\"type\":\"hello\",\"v\":1,\"nick\":\"alice\",\"client\":\"Parley/1.0\"}"),
                Arguments.of(new Frame.Welcome(1, "Team room", "alice",
                                List.of(new Frame.User("carol", Role.HOST), new Frame.User("alice", Role.GUEST)),
                                3, true, "k3J", new Frame.Limits(4000, 65536)),
                        "{\"type\":\"welcome\",\"v\":1,\"room\":\"Team room\",\"you\":\"alice\",\"users\":["
                                + "{\"nick\":\"carol\",\"role\":\"host\"},{\"nick\":\"alice\",\"role\":\"guest\"}],"
                                + "\"history\":3,\"gap\":true,\"session\":\"k3J\",\"limits\":{\"maxText\":4000,\"maxFrame\":65536}}"),
                Arguments.of(new Frame.Msg(42, "c0a8", "alice", Role.GUEST, "hi", TS),
                        "{\"type\":\"msg\",\"seq\":42,\"id\":\"c0a8\",\"from\":\"alice\",\"role\":\"guest\",\"text\":\"hi\",\"ts\":\"" + TS + "\"}"),
                Arguments.of(new Frame.Joined(43, "carol", Role.HOST, TS),
                        "{\"type\":\"joined\",\"seq\":43,\"nick\":\"carol\",\"role\":\"host\",\"ts\":\"" + TS + "\"}"),
                Arguments.of(new Frame.Left(44, "bob", LeaveReason.SLOW, TS),
                        "{\"type\":\"left\",\"seq\":44,\"nick\":\"bob\",\"reason\":\"slow\",\"ts\":\"" + TS + "\"}"),
                Arguments.of(new Frame.Send("c0a8", "hi"), "{\"type\":\"send\",\"id\":\"c0a8\",\"text\":\"hi\"}"),
                Arguments.of(new Frame.Typing(null, true), "{\"type\":\"typing\",\"active\":true}"),
                Arguments.of(new Frame.Typing("bob", false), "{\"type\":\"typing\",\"nick\":\"bob\",\"active\":false}"),
                Arguments.of(new Frame.Ping(7), "{\"type\":\"ping\",\"n\":7}"),
                Arguments.of(new Frame.Pong(7), "{\"type\":\"pong\",\"n\":7}"),
                Arguments.of(new Frame.Bye(null), "{\"type\":\"bye\"}"),
                Arguments.of(new Frame.Bye(Frame.Bye.SHUTDOWN), "{\"type\":\"bye\",\"reason\":\"shutdown\"}"),
                Arguments.of(Frame.Error.of(ErrorCode.NICK_TAKEN, "The name alice is already in use."),
                        "{\"type\":\"error\",\"code\":\"nick_taken\",\"message\":\"The name alice is already in use.\"}"),
                Arguments.of(Frame.Error.of(ErrorCode.RATE_LIMITED, "Slow down.", "c0a8"),
                        "{\"type\":\"error\",\"code\":\"rate_limited\",\"message\":\"Slow down.\",\"ref\":\"c0a8\"}"),
                Arguments.of(new Frame.Error("unsupported_version", "Version 1 only.", null, List.of(1)),
                        "{\"type\":\"error\",\"code\":\"unsupported_version\",\"message\":\"Version 1 only.\",\"supported\":[1]}"));
    }

    @ParameterizedTest
    @MethodSource("framesAndTheirWireForm")
    void everyFrameIsEncodedWithTheSpecsMemberNamesAndValues(Frame frame, String wire) {
        assertEquals(JSON.readTree(wire), JSON.readTree(codec.toJson(frame)), "same members, nothing more");
        assertTrue(codec.toJson(frame).contains("\"type\":\"" + frame.type() + "\""));
    }

    @ParameterizedTest
    @MethodSource("framesAndTheirWireForm")
    void everyFrameRoundTrips(Frame frame, String wire) throws ProtocolException {
        assertEquals(frame, codec.decode(wire));
        byte[] line = codec.encode(frame);
        assertEquals('\n', line[line.length - 1], "a frame ends with a newline");
        assertEquals(frame, codec.decode(line, 0, line.length - 1));
    }

    @ParameterizedTest
    @MethodSource("framesAndTheirWireForm")
    void encodedFrameIsOneLineWithoutNulls(Frame frame, String wire) {
        String line = new String(codec.encode(frame), StandardCharsets.UTF_8);
        assertEquals(line.length() - 1, line.indexOf('\n'), "only the final newline");
        assertFalse(line.contains("null"), "absent optional members are left out, not null");
    }

    @ParameterizedTest
    @EnumSource(LeaveReason.class)
    void leaveReasonsUseTheSpecsLowerCaseNames(LeaveReason reason) throws ProtocolException {
        String json = codec.toJson(new Frame.Left(1, "bob", reason, TS));
        String wire = reason.name().toLowerCase(java.util.Locale.ROOT);
        assertTrue(Set.of("quit", "timeout", "slow", "error", "shutdown").contains(wire));
        assertTrue(json.contains("\"reason\":\"" + wire + "\""), json);
        assertEquals(reason, ((Frame.Left) codec.decode(json)).reason());
    }

    @Test
    void errorCodesAndWhetherTheyCloseMatchTheSpecTable() {
        // tls_required came with TLS (issue 14), after the v1 table: a plaintext peer on a TLS port.
        Set<String> closing = Set.of("bad_frame", "frame_too_large", "hello_required", "hello_timeout",
                "unsupported_version", "nick_invalid", "nick_taken", "bad_password", "server_full", "tls_required");
        // request_invalid belongs to the history and search extensions (docs/protocol.md, History).
        Set<String> staying = Set.of("unknown_type", "text_invalid", "rate_limited", "request_invalid");
        for (ErrorCode code : ErrorCode.values()) {
            assertEquals(closing.contains(code.wire()), code.closes(), code.wire());
            assertTrue(closing.contains(code.wire()) || staying.contains(code.wire()), code.wire());
            assertEquals(code, ErrorCode.fromWire(code.wire()));
        }
        assertEquals(closing.size() + staying.size(), ErrorCode.values().length);
    }

    @Test
    void errorWithACodeFromANewerServerStillDecodes() throws ProtocolException {
        var error = (Frame.Error) codec.decode("{\"type\":\"error\",\"code\":\"too_cool\",\"message\":\"New.\"}");
        assertEquals("too_cool", error.code());
        assertNull(error.known());
    }

    @Test
    void unknownMembersAreIgnored() throws ProtocolException {
        assertEquals(new Frame.Send("c0a8", "hi"),
                codec.decode("{\"type\":\"send\",\"format\":\"md\",\"id\":\"c0a8\",\"reply\":{\"to\":[1,2]},\"text\":\"hi\"}"));
        assertEquals(new Frame.Hello(1, "alice", null, null, null, null, null),
                codec.decode("{\"type\":\"hello\",\"v\":1,\"nick\":\"alice\",\"color\":\"teal\"}"));
    }

    @Test
    void unknownRoleOrReasonFromANewerPeerReadsAsAbsent() throws ProtocolException {
        assertNull(((Frame.Joined) codec.decode("{\"type\":\"joined\",\"seq\":1,\"nick\":\"x\",\"role\":\"admin\",\"ts\":\"" + TS + "\"}")).role());
        assertNull(((Frame.Left) codec.decode("{\"type\":\"left\",\"seq\":1,\"nick\":\"x\",\"reason\":\"kicked\",\"ts\":\"" + TS + "\"}")).reason());
    }

    @Test
    void unknownTypeIsUnknownTypeWhichDoesNotClose() {
        var e = assertThrows(ProtocolException.class, () -> codec.decode("{\"type\":\"reaction\",\"emoji\":\"+1\"}"));
        assertEquals(ErrorCode.UNKNOWN_TYPE, e.code());
        assertFalse(e.code().closes());
        assertEquals("unknown_type", e.toFrame().code());
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello there", "{\"type\":\"ping\",\"n\":1", "[{\"type\":\"ping\",\"n\":1}]", "42", "-1.5",
        "\"ping\"", "true", "null", "", "{\"type\":\"ping\",\"n\":1} x", "{\"type\":\"ping\",\"n\":1}{\"type\":\"ping\",\"n\":2}",
        "{\"type\":\"ping\",\"n\":1},", "{}", "{\"n\":1}", "{\"type\":7}", "{\"type\":null}", "{\"type\":true}",
        "{\"type\":[\"ping\"]}", "{\"type\":{\"name\":\"ping\"}}", "{'type':'ping','n':1}", "{type:\"ping\",\"n\":1}"})
    void textThatIsNotOneObjectWithAStringTypeIsBadFrame(String line) {
        assertEquals(ErrorCode.BAD_FRAME, assertThrows(ProtocolException.class, () -> codec.decode(line)).code());
    }

    @ParameterizedTest
    @ValueSource(strings = {"C3", "C0AF", "EDA080", "E9", "F8888080", "FF", "E282", "F09F98"})
    void bytesThatAreNotUtf8AreBadFrame(String hex) {
        byte[] head = "{\"type\":\"send\",\"id\":\"a\",\"text\":\"".getBytes(StandardCharsets.UTF_8);
        byte[] bad = java.util.HexFormat.of().parseHex(hex);
        byte[] tail = "\"}".getBytes(StandardCharsets.UTF_8);
        byte[] line = new byte[head.length + bad.length + tail.length];
        System.arraycopy(head, 0, line, 0, head.length);
        System.arraycopy(bad, 0, line, head.length, bad.length);
        System.arraycopy(tail, 0, line, head.length + bad.length, tail.length);
        var e = assertThrows(ProtocolException.class, () -> codec.decode(line, 0, line.length));
        assertEquals(ErrorCode.BAD_FRAME, e.code());
        assertTrue(e.code().closes());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"type\":\"ping\",\"n\":\"seven\"}", "{\"type\":\"ping\",\"n\":\"7\"}", "{\"type\":\"ping\",\"n\":1.5}",
        "{\"type\":\"ping\",\"n\":true}", "{\"type\":\"ping\",\"n\":{}}", "{\"type\":\"ping\",\"n\":99999999999999999999}",
        "{\"type\":\"typing\",\"active\":\"yes\"}", "{\"type\":\"typing\",\"active\":\"true\"}", "{\"type\":\"typing\",\"active\":1}",
        "{\"type\":\"send\",\"id\":\"a\",\"text\":{}}", "{\"type\":\"send\",\"id\":\"a\",\"text\":[\"hi\"]}",
        "{\"type\":\"send\",\"id\":5,\"text\":\"hi\"}", "{\"type\":\"send\",\"id\":\"a\",\"text\":true}",
        "{\"type\":\"hello\",\"v\":\"1\",\"nick\":\"alice\"}", "{\"type\":\"hello\",\"v\":1,\"nick\":[\"alice\"]}",
        "{\"type\":\"hello\",\"v\":1,\"nick\":\"alice\",\"since\":\"41\"}",
        "{\"type\":\"welcome\",\"v\":1,\"users\":5,\"history\":0,\"gap\":false}",
        "{\"type\":\"msg\",\"seq\":\"42\",\"id\":\"a\",\"text\":\"hi\"}",
        "{\"type\":\"joined\",\"seq\":1,\"nick\":\"x\",\"role\":0}", "{\"type\":\"left\",\"seq\":1,\"nick\":\"x\",\"reason\":1}",
        "{\"type\":\"error\",\"code\":\"x\",\"message\":\"m\",\"supported\":[\"one\"]}"})
    void membersOfTheWrongKindAreBadFrame(String line) {
        assertEquals(ErrorCode.BAD_FRAME, assertThrows(ProtocolException.class, () -> codec.decode(line)).code());
    }

    @Test
    void decodesALineInsideALargerBuffer() throws ProtocolException {
        byte[] buffer = "xx{\"type\":\"ping\",\"n\":3}yy".getBytes(StandardCharsets.UTF_8);
        assertEquals(new Frame.Ping(3), codec.decode(buffer, 2, buffer.length - 4));
    }

    @Test
    void textIsCarriedAsUtf8NotEscaped() throws ProtocolException {
        var msg = new Frame.Msg(1, "a", "Zoë", Role.GUEST, "é € 😀 \u0001", TS);
        byte[] line = codec.encode(msg);
        String text = new String(line, StandardCharsets.UTF_8);
        assertTrue(text.contains("é € 😀"), text);
        assertArrayEquals(line, codec.encode(codec.decode(line, 0, line.length - 1)));
    }
}
