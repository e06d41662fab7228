package dev.parley.protocol;

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
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Turns frames into JSON Lines and back, through Jackson.
 *
 * <p>Thread-safe: one instance may be shared by every connection.
 */
public final class FrameCodec {
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

    // Members must have their own JSON kind: Jackson's default coercions ("7" or 7.9 as 7, 1 as
    // true, 5 as "5", 0 as the first enum constant) would quietly rewrite what the peer sent.
    private final JsonMapper mapper = JsonMapper.builder()
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

    /** The frame as one line of UTF-8 JSON, newline included. */
    public byte[] encode(Frame frame) {
        var out = new ByteArrayOutputStream(128);
        mapper.writeValue(out, frame);
        out.write('\n');
        return out.toByteArray();
    }

    /** The frame as JSON text without the newline, for logs and tests. */
    public String toJson(Frame frame) {
        return mapper.writeValueAsString(frame);
    }

    /**
     * Reads one frame from a line (its newline and any {@code \r} already removed).
     *
     * @throws ProtocolException {@link ErrorCode#BAD_FRAME} for bytes that are not strict UTF-8,
     *     text that is not one JSON object, an object without a string {@code type}, or members of
     *     the wrong kind; {@link ErrorCode#UNKNOWN_TYPE} for a well-formed frame of a type this
     *     version does not know
     */
    public Frame decode(byte[] bytes, int offset, int length) throws ProtocolException {
        String text = strictUtf8(bytes, offset, length);
        JsonNode node;
        try {
            node = mapper.readTree(text);
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
            throw new ProtocolException(ErrorCode.UNKNOWN_TYPE,
                    "Frames of type \"" + abbreviate(type.asString()) + "\" are not understood here.");
        }
        try {
            return mapper.treeToValue(node, kind);
        } catch (JacksonException e) {
            throw new ProtocolException(ErrorCode.BAD_FRAME,
                    "The \"" + kind.getSimpleName().toLowerCase(java.util.Locale.ROOT)
                            + "\" frame has a member of the wrong kind.", e);
        }
    }

    public Frame decode(String line) throws ProtocolException {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        return decode(bytes, 0, bytes.length);
    }

    private static String strictUtf8(byte[] bytes, int offset, int length) throws ProtocolException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, length))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ProtocolException(ErrorCode.BAD_FRAME, "That frame is not valid UTF-8.", e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
