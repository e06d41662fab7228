package dev.parley.protocol;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link FrameCodec#decode(byte[], int, int)} reads the common frames in one streaming pass; this
 * holds it to the general tree-based reading it replaced ({@link Reference}, kept here verbatim),
 * frame by frame: the same record, or the same error code and message.
 */
@Timeout(60)
class FrameCodecEquivalenceTest {
    private final FrameCodec codec = new FrameCodec();

    /** The decoder as it was before the streaming pass: strict UTF-8 String, tree, treeToValue. */
    static final class Reference {
        private static final Map<String, Class<? extends Frame>> TYPES = Map.ofEntries(
                Map.entry(Frame.Hello.TYPE, Frame.Hello.class),
                Map.entry(Frame.Welcome.TYPE, Frame.Welcome.class),
                Map.entry(Frame.Msg.TYPE, Frame.Msg.class),
                Map.entry(Frame.Joined.TYPE, Frame.Joined.class),
                Map.entry(Frame.Left.TYPE, Frame.Left.class),
                Map.entry(Frame.Send.TYPE, Frame.Send.class),
                Map.entry(Frame.Typing.TYPE, Frame.Typing.class),
                Map.entry(Frame.Ping.TYPE, Frame.Ping.class),
                Map.entry(Frame.Pong.TYPE, Frame.Pong.class),
                Map.entry(Frame.Bye.TYPE, Frame.Bye.class),
                Map.entry(Frame.Error.TYPE, Frame.Error.class));

        private static final JsonMapper MAPPER = JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(EnumFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL)
                .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .withCoercionConfig(LogicalType.Textual, text -> text
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .build();

        static Frame decode(byte[] bytes, int offset, int length) throws ProtocolException {
            String text;
            try {
                text = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes, offset, length))
                        .toString();
            } catch (CharacterCodingException e) {
                throw new ProtocolException(ErrorCode.BAD_FRAME, "That frame is not valid UTF-8.", e);
            }
            JsonNode node;
            try {
                node = MAPPER.readTree(text);
            } catch (JacksonException e) {
                throw new ProtocolException(ErrorCode.BAD_FRAME, "That frame is not valid JSON.", e);
            }
            if (node == null || !node.isObject()) {
                throw new ProtocolException(ErrorCode.BAD_FRAME, "A frame must be one JSON object.");
            }
            JsonNode type = node.get("type");
            if (type == null || !type.isString()) {
                throw new ProtocolException(ErrorCode.BAD_FRAME, "A frame needs a string \"type\".");
            }
            Class<? extends Frame> kind = TYPES.get(type.asString());
            if (kind == null) {
                String t = type.asString();
                throw new ProtocolException(ErrorCode.UNKNOWN_TYPE, "Frames of type \""
                        + (t.length() <= 40 ? t : t.substring(0, 40) + "…") + "\" are not understood here.");
            }
            try {
                return MAPPER.treeToValue(node, kind);
            } catch (JacksonException e) {
                throw new ProtocolException(ErrorCode.BAD_FRAME,
                        "The \"" + kind.getSimpleName().toLowerCase(java.util.Locale.ROOT)
                                + "\" frame has a member of the wrong kind.", e);
            }
        }
    }

    /** "ok: record" or "code: message", for comparing outcomes. */
    private static String outcome(Decoder decoder, byte[] line) {
        try {
            return "ok: " + decoder.decode(line, 0, line.length);
        } catch (ProtocolException e) {
            return e.code() + ": " + e.getMessage();
        }
    }

    interface Decoder {
        Frame decode(byte[] bytes, int offset, int length) throws ProtocolException;
    }

    private void assertSameAsReference(byte[] line) {
        assertEquals(outcome(Reference::decode, line), outcome(codec::decode, line),
                () -> "for " + new String(line, StandardCharsets.UTF_8) + " (" + HexFormat.of().formatHex(line) + ")");
    }

    static Stream<String> awkwardFrames() {
        return Stream.of(
                "{\"type\":\"send\",\"id\":\"a\",\"text\":\"hi\"}",
                "{\"type\":\"send\"}", "{\"type\":\"ping\"}", "{\"type\":\"pong\"}", "{\"type\":\"typing\"}",
                "{\"type\":\"send\",\"id\":null,\"text\":null}", "{\"type\":\"ping\",\"n\":null}",
                "{\"type\":\"typing\",\"active\":null,\"nick\":null}",
                "{\"type\":\"ping\",\"type\":\"pong\",\"n\":1}", "{\"type\":\"ping\",\"n\":1,\"type\":\"send\"}",
                "{\"type\":\"ping\",\"n\":1,\"type\":7}", "{\"type\":7,\"type\":\"ping\",\"n\":1}",
                "{\"n\":1,\"type\":\"ping\"}", "{\"id\":\"a\",\"type\":\"send\",\"text\":\"b\"}",
                "{\"type\":\"ping\",\"n\":\"x\",\"n\":1}", "{\"type\":\"ping\",\"n\":1,\"n\":\"x\"}",
                "{\"type\":\"ping\",\"n\":1,\"n\":2}", "{\"type\":\"send\",\"id\":\"a\",\"id\":\"b\",\"text\":\"c\"}",
                "{\"type\":\"send\",\"id\":5,\"id\":\"b\"}",
                "{\"type\":\"ping\",\"n\":9223372036854775807}", "{\"type\":\"ping\",\"n\":-9223372036854775808}",
                "{\"type\":\"ping\",\"n\":9223372036854775808}", "{\"type\":\"ping\",\"n\":-9223372036854775809}",
                "{\"type\":\"ping\",\"n\":-0}", "{\"type\":\"ping\",\"n\":1e2}", "{\"type\":\"ping\",\"n\":1.0}",
                "{\"type\":\"ping\",\"n\":01}", "{\"type\":\"ping\",\"n\":+1}", "{\"type\":\"ping\",\"n\":\"\"}",
                "{\"type\":\"typing\",\"active\":true,\"active\":false}", "{\"type\":\"typing\",\"active\":0}",
                "{\"type\":\"typing\",\"active\":\"\"}", "{\"type\":\"typing\",\"nick\":\"b\",\"active\":true}",
                "{\"type\":\"send\",\"id\":\"a\",\"text\":\"\\ud800\"}", "{\"type\":\"send\",\"id\":\"a\",\"text\":\"\\udc00x\\ud83d\"}",
                "{\"type\":\"send\",\"id\":\"a\",\"text\":\"\\ud83d\\ude00 \\u0000 \\n\\t\\\"\\\\\\/\"}",
                "{\"t\\u0079pe\":\"send\",\"id\":\"a\",\"text\":\"b\"}", "{\"type\":\"s\\u0065nd\",\"id\":\"a\"}",
                "{\"type\":\"send\",\"\\u0069d\":\"a\"}",
                "{\"type\":\"send\",\"x\":{\"type\":\"ping\",\"n\":[1,{\"y\":null}]},\"id\":\"a\",\"text\":\"b\"}",
                "{\"type\":\"send\",\"x\":{\"a\":[1,2},\"id\":\"a\"}", "{\"type\":\"send\",\"x\":[1,2,],\"id\":\"a\"}",
                "{\"type\":\"send\",\"id\":\"a\",}", "{\"type\":\"send\",,\"id\":\"a\"}", "{\"type\":\"send\" \"id\":\"a\"}",
                "{\"type\":\"ping\",\"n\":1} ", "{\"type\":\"ping\",\"n\":1}\t\r", "{\"type\":\"ping\",\"n\":1} x",
                "{\"type\":\"ping\",\"n\":1}{}", "{\"type\":\"ping\",\"n\":1}]", "{\"type\":\"ping\",\"n\":1}//c",
                "{\"type\":\"ping\",\"n\":1}/*c*/", "{\"type\":\"ping\",\"n\":1,}", "{\"type\":\"ping\",\"n\":1",
                " {\"type\":\"ping\",\"n\":1}", "\t{\"type\":\"ping\"}", "{ \"type\" : \"ping\" , \"n\" : 3 }",
                "{\"type\":\"ping\",'n':1}", "{\"type\":\"ping\",n:1}", "{\"type\":\"ping\",\"n\":NaN}",
                "{\"type\":\"ping\",\"n\":0x10}", "{\"type\":\"send\",\"id\":\"a\",\"text\":\"tab\there\"}",
                "{\"type\":\"send\",\"id\":\"a\",\"text\":\"\\x41\"}", "{\"type\":\"send\",\"id\":\"a\",\"text\":\"\\u12\"}",
                "{\"type\":\"hello\",\"v\":1,\"nick\":\"a\"}", "{\"type\":\"bye\"}", "{\"type\":\"reaction\"}",
                "{\"type\":\"SEND\",\"id\":\"a\"}", "{\"type\":\"send \",\"id\":\"a\"}", "{\"type\":\"\"}", "{}", "{",
                "{\"type\":\"ping\",\"n\":1}\u00a0", "\u00a0{\"type\":\"ping\",\"n\":1}", "\ufeff{\"type\":\"ping\",\"n\":1}",
                "{\"type\":\"send\",\"id\":\"é\",\"text\":\"😀 Grüße € \\u00e9\"}", "{\"type\":\"send\",\"id\":\"a\",\"té\":1,\"text\":\"b\"}");
    }

    @ParameterizedTest
    @MethodSource("awkwardFrames")
    void awkwardFramesDecodeAsTheTreeReadingDid(String frame) {
        assertSameAsReference(frame.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void bytesJacksonMightTakeForAnotherEncodingOrNotUtf8DecodeAsTheTreeReadingDid() {
        List<byte[]> lines = new ArrayList<>();
        String ping = "{\"type\":\"ping\",\"n\":1}";
        lines.add(ping.getBytes(StandardCharsets.UTF_16LE));
        lines.add(ping.getBytes(StandardCharsets.UTF_16BE));
        lines.add(ping.getBytes(StandardCharsets.UTF_16));
        lines.add(ping.getBytes(java.nio.charset.Charset.forName("UTF-32LE")));
        lines.add(ping.getBytes(java.nio.charset.Charset.forName("UTF-32BE")));
        lines.add(HexFormat.of().parseHex("efbbbf" + HexFormat.of().formatHex(ping.getBytes(StandardCharsets.UTF_8))));
        lines.add("{\u0000\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8));
        lines.add("{\"type\":\"ping\",\"n\":1}\u0000".getBytes(StandardCharsets.UTF_8));
        lines.add("{\"type\":\"send\",\"id\":\"a\",\"text\":\"\u0000\"}".getBytes(StandardCharsets.UTF_8));
        lines.add(new byte[0]);
        lines.add(new byte[] {'{'});
        lines.add(new byte[] {'{', 0});
        lines.add(new byte[] {'{', '}'});
        for (String bad : List.of("C3", "C0AF", "C1BF", "EDA080", "EDBFBF", "E080AF", "F08F8080", "F4908080", "F5", "E9",
                "F8888080", "FF", "FE", "80", "BF", "E282", "F09F98", "C328", "E228A1", "F0289F98")) {
            String head = "{\"type\":\"send\",\"id\":\"a\",\"text\":\"";
            lines.add(HexFormat.of().parseHex(HexFormat.of().formatHex(head.getBytes(StandardCharsets.UTF_8)) + bad + "227d"));
            lines.add(HexFormat.of().parseHex(HexFormat.of().formatHex(head.getBytes(StandardCharsets.UTF_8)) + "227d" + bad));
        }
        for (byte[] line : lines) {
            assertSameAsReference(line);
        }
    }

    @Test
    void randomFramesDecodeAsTheTreeReadingDid() {
        Random random = new Random(20261125);
        String[] types = {"send", "typing", "ping", "pong", "hello", "bye", "msg", "reaction"};
        String[] names = {"type", "id", "text", "nick", "active", "n", "x", "v", "\\u0074ype", "ID"};
        String[] values = {"\"s\"", "\"\"", "\"ping\"", "\"send\"", "7", "-0", "0", "1.5", "1e2", "-3", "99999999999999999999",
            "9223372036854775807", "-9223372036854775808", "2147483648", "true", "false", "null", "{}", "[]",
            "[1,{\"a\":[]}]", "{\"type\":\"send\"}", "\"\\ud800\"", "\"é😀\"", "\"a\\\"b\"", "\"host\""};
        for (int i = 0; i < 20_000; i++) {
            var members = new ArrayList<String>();
            int count = random.nextInt(5);
            for (int m = 0; m < count; m++) {
                members.add("\"" + names[random.nextInt(names.length)] + "\":" + values[random.nextInt(values.length)]);
            }
            if (random.nextInt(10) > 0) {
                String type = random.nextInt(20) == 0 ? values[random.nextInt(values.length)]
                        : "\"" + types[random.nextInt(types.length)] + "\"";
                members.add(random.nextInt(4) == 0 ? random.nextInt(members.size() + 1) : 0, "\"type\":" + type);
            }
            String json = "{" + String.join(random.nextInt(10) == 0 ? " , " : ",", members) + "}";
            byte[] line = json.getBytes(StandardCharsets.UTF_8);
            switch (random.nextInt(12)) {
                case 0 -> line = java.util.Arrays.copyOf(line, random.nextInt(line.length + 1));
                case 1 -> line[random.nextInt(line.length)] = (byte) random.nextInt(256);
                case 2 -> line = (json + List.of(" ", "x", "{}", ",", "\n", "0").get(random.nextInt(6))).getBytes(StandardCharsets.UTF_8);
                default -> { }
            }
            assertSameAsReference(line);
        }
    }

    @Test
    void utf8CheckAgreesWithTheJdksStrictDecoder() {
        CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        int[] probes = {0x00, 0x01, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1,
            0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xF7, 0xF8, 0xFE, 0xFF};
        // Every sequence of one or two bytes; three and four from bytes at each boundary, with
        // every second byte after a three- or four-byte lead.
        for (int a = 0; a < 256; a++) {
            check(strict, new byte[] {(byte) a});
            for (int b = 0; b < 256; b++) {
                check(strict, new byte[] {(byte) a, (byte) b});
            }
        }
        for (int a : probes) {
            for (int b = 0; b < 256; b++) {
                for (int c : probes) {
                    check(strict, new byte[] {(byte) a, (byte) b, (byte) c});
                    for (int d : probes) {
                        if (a >= 0xF0) {
                            check(strict, new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
                        }
                    }
                }
            }
        }
        Random random = new Random(7);
        for (int i = 0; i < 200_000; i++) {
            byte[] bytes = new byte[1 + random.nextInt(8)];
            for (int j = 0; j < bytes.length; j++) {
                bytes[j] = (byte) (random.nextBoolean() ? 0x80 + random.nextInt(128) : random.nextInt(256));
            }
            check(strict, bytes);
        }
    }

    private static void check(CharsetDecoder strict, byte[] bytes) {
        CharBuffer out = CharBuffer.allocate(2 * bytes.length + 2);
        boolean valid = !strict.reset().decode(ByteBuffer.wrap(bytes), out, true).isError()
                && !strict.flush(out).isError();
        boolean hasNul = false;
        for (byte b : bytes) {
            hasNul |= b == 0;
        }
        byte[] padded = new byte[bytes.length + 4];
        System.arraycopy(bytes, 0, padded, 2, bytes.length);
        assertEquals(valid && !hasNul, FrameCodec.isUtf8WithoutNul(padded, 2, bytes.length),
                () -> HexFormat.of().formatHex(bytes));
    }

    @ParameterizedTest
    @MethodSource("dev.parley.protocol.FrameCodecTest#framesAndTheirWireForm")
    void encodingIsByteForByteWhatWritingToAStreamGave(Frame frame, String wire) {
        var out = new ByteArrayOutputStream();
        Reference.MAPPER.writeValue(out, frame);
        out.write('\n');
        assertArrayEquals(out.toByteArray(), codec.encode(frame));
        var msg = new Frame.Msg(1, "a", "Zoë", Role.GUEST, "é € 😀 \u0001 \" \\ </", "2026-11-23T22:40:00.123Z");
        out.reset();
        Reference.MAPPER.writeValue(out, msg);
        out.write('\n');
        assertArrayEquals(out.toByteArray(), codec.encode(msg));
    }
}
