package dev.parley.protocol;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * Turns frames into JSON Lines and back, through Jackson.
 *
 * <p>Thread-safe: one instance may be shared by every connection.
 */
public final class FrameCodec {
    private static final int SEND = 0;
    private static final int TYPING = 1;
    private static final int PING = 2;
    private static final int PONG = 3;

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
            Map.entry(Frame.Error.TYPE, Frame.Error.class),
            Map.entry(Frame.History.TYPE, Frame.History.class),
            Map.entry(Frame.Page.TYPE, Frame.Page.class),
            Map.entry(Frame.Search.TYPE, Frame.Search.class),
            Map.entry(Frame.Found.TYPE, Frame.Found.class),
            Map.entry(Frame.Offer.TYPE, Frame.Offer.class),
            Map.entry(Frame.OfferOk.TYPE, Frame.OfferOk.class),
            Map.entry(Frame.FileEvent.TYPE, Frame.FileEvent.class),
            Map.entry(Frame.FileGone.TYPE, Frame.FileGone.class));

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
        // Jackson writes into a recycled buffer and hands back an exact copy; one more copy for
        // the newline allocates less (about 190 bytes a frame) than a ByteArrayOutputStream that
        // grows and is copied again, in about the same time. The bytes are the same.
        byte[] json = mapper.writeValueAsBytes(frame);
        byte[] line = Arrays.copyOf(json, json.length + 1);
        line[json.length] = '\n';
        return line;
    }

    /**
     * A welcome in two pieces around its {@code users} list, which the caller keeps encoded in
     * an {@link EncodedUsers} and queues between them: {@code head + users + tail} are exactly the
     * bytes of {@link #encode} for the same welcome with those users. {@code welcome.users()} is
     * ignored. Written member by member with Jackson's generator in the order of
     * {@link Frame.Welcome}'s {@code @JsonPropertyOrder}; a test compares it with {@link #encode}.
     */
    public WelcomeParts encodeWelcome(Frame.Welcome welcome) {
        var out = new java.io.ByteArrayOutputStream(256);
        int split;
        try (JsonGenerator g = mapper.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringProperty("type", Frame.Welcome.TYPE);
            g.writeNumberProperty("v", welcome.v());
            if (welcome.room() != null) {
                g.writeStringProperty("room", welcome.room());
            }
            if (welcome.you() != null) {
                g.writeStringProperty("you", welcome.you());
            }
            g.writeName("users");
            g.writeStartArray();
            g.flush();
            split = out.size();
            g.writeEndArray();
            g.writeNumberProperty("history", welcome.history());
            g.writeBooleanProperty("gap", welcome.gap());
            if (welcome.session() != null) {
                g.writeStringProperty("session", welcome.session());
            }
            if (welcome.limits() != null) {
                g.writePOJOProperty("limits", welcome.limits());
            }
            if (welcome.roomId() != null) {
                g.writeStringProperty("roomId", welcome.roomId());
            }
            if (welcome.ext() != null) {
                g.writePOJOProperty("ext", welcome.ext());
            }
            if (welcome.files() != null) {
                g.writePOJOProperty("files", welcome.files());
            }
            g.writeEndObject();
        }
        out.write('\n');
        byte[] all = out.toByteArray();
        return new WelcomeParts(Arrays.copyOfRange(all, 0, split), Arrays.copyOfRange(all, split, all.length));
    }

    /** One entry of a welcome's {@code users} list, as {@link #encode} writes it there. */
    public byte[] encodeUser(Frame.User user) {
        return mapper.writeValueAsBytes(user);
    }

    /**
     * A welcome's bytes before its users ({@code ...,"users":[}) and after them
     * ({@code ],"history":...}\n}).
     */
    public record WelcomeParts(byte[] head, byte[] tail) {
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
        Objects.checkFromIndexSize(offset, length, bytes.length);
        // The frames a server reads all the time (send, typing, ping, pong) in their plain shape
        // are read in one streaming pass straight from the bytes; anything else, including every
        // frame that is wrong, goes the general way, which is the one that defines the behaviour.
        // Kept after measuring it against Jackson's own polymorphic ObjectReader on "type"
        // (CodecBenchmark, JMH, 1 fork, 3+5 iterations, shared 2-core machine at load 8-10): a send
        // allocates 896 B against 1,280 B (non-ASCII 1,056 against 1,472), a ping 744 B against
        // 1,064 B in about a quarter of the time (220 against 860 ns); the send's time was the same
        // within that machine's noise (about 1.1 µs each). A quiet re-run decides the time.
        if (length > 0 && bytes[offset] == '{' && isUtf8WithoutNul(bytes, offset, length)) {
            Frame frame = decodeCommon(bytes, offset, length);
            if (frame != null) {
                return frame;
            }
        }
        return decodeTree(strictUtf8(bytes, offset, length));
    }

    /**
     * The general way: the whole text as a tree, its {@code type} looked up, the tree mapped onto
     * that frame's record.
     */
    private Frame decodeTree(String text) throws ProtocolException {
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
            if (kind == Frame.Page.class) {
                return page(node);
            }
            if (kind == Frame.Found.class) {
                return found(node);
            }
            return mapper.treeToValue(node, kind);
        } catch (JacksonException e) {
            throw new ProtocolException(ErrorCode.BAD_FRAME,
                    "The \"" + kind.getSimpleName().toLowerCase(java.util.Locale.ROOT)
                            + "\" frame has a member of the wrong kind.", e);
        }
    }

    /**
     * A {@code page}: its members as in any frame, its {@code events} each read by its own
     * {@code type}. An event of a type this version does not know (a newer extension's) is skipped,
     * as an unknown frame would be; an element that is not a room event at all is {@code bad_frame}.
     */
    private Frame.Page page(JsonNode node) throws ProtocolException {
        JsonNode events = node.get("events");
        return new Frame.Page(optionalString(node, "ref"), events(events, "page"),
                bool(node, "moreBefore", "page"), bool(node, "moreAfter", "page"));
    }

    private Frame.Found found(JsonNode node) throws ProtocolException {
        JsonNode hits = node.get("hits");
        java.util.List<Frame.Hit> list = new java.util.ArrayList<>();
        if (hits != null && !hits.isNull()) {
            if (!hits.isArray()) {
                throw wrongKind("found");
            }
            for (JsonNode hit : hits) {
                if (!hit.isObject()) {
                    throw wrongKind("found");
                }
                Frame.RoomEvent event = roomEvent(hit.get("event"), "found");
                if (event == null) {
                    continue;
                }
                JsonNode match = hit.get("match");
                java.util.List<Frame.Range> ranges = match == null || match.isNull() ? java.util.List.of()
                        : java.util.Arrays.asList(mapper.treeToValue(match, Frame.Range[].class));
                list.add(new Frame.Hit(event, ranges));
            }
        }
        return new Frame.Found(optionalString(node, "ref"), list, bool(node, "more", "found"));
    }

    private java.util.List<Frame.RoomEvent> events(JsonNode events, String frame) throws ProtocolException {
        java.util.List<Frame.RoomEvent> list = new java.util.ArrayList<>();
        if (events == null || events.isNull()) {
            return list;
        }
        if (!events.isArray()) {
            throw wrongKind(frame);
        }
        for (JsonNode e : events) {
            Frame.RoomEvent event = roomEvent(e, frame);
            if (event != null) {
                list.add(event);
            }
        }
        return list;
    }

    /** One room event inside an answer, or {@code null} for one of a type this version does not know. */
    private Frame.RoomEvent roomEvent(JsonNode e, String frame) throws ProtocolException {
        if (e == null || !e.isObject() || e.get("type") == null || !e.get("type").isString()) {
            throw wrongKind(frame);
        }
        Class<? extends Frame> kind = TYPES.get(e.get("type").asString());
        if (kind == null) {
            return null;
        }
        if (!Frame.RoomEvent.class.isAssignableFrom(kind)) {
            throw wrongKind(frame);
        }
        return (Frame.RoomEvent) mapper.treeToValue(e, kind);
    }

    private static String optionalString(JsonNode node, String name) throws ProtocolException {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isString()) {
            throw wrongKind(node.get("type").asString());
        }
        return v.asString();
    }

    private static boolean bool(JsonNode node, String name, String frame) throws ProtocolException {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw wrongKind(frame);
        }
        return v.asBoolean();
    }

    private static ProtocolException wrongKind(String frame) {
        return new ProtocolException(ErrorCode.BAD_FRAME, "The \"" + frame + "\" frame has a member of the wrong kind.");
    }

    /**
     * A {@code send}, {@code typing}, {@code ping} or {@code pong} read in one pass without a tree,
     * or {@code null} when the frame is anything else and must take {@link #decodeTree}.
     *
     * <p>It answers only where the general way would give the very same record: the bytes are
     * strict UTF-8 without NUL (so Jackson cannot take them for UTF-16 or UTF-32), the object's
     * first member is a string {@code type} that does not occur again, each known member holds
     * exactly its own JSON kind (string, integer within a {@code long}, {@code true}/{@code false};
     * never {@code null}, which is left to the general way too), and nothing follows the object.
     * Duplicated members are last-wins, as in the tree; unknown members are skipped (but must
     * still be well-formed JSON). A missing string is {@code null}, as the general way makes it; a
     * missing {@code n} or {@code active} is an error there (Jackson 3 fails on null for
     * primitives), so it is left to it. Every other case, valid or not, returns {@code null}.
     */
    private Frame decodeCommon(byte[] bytes, int offset, int length) {
        // Straight from the factory: the mapper's createParser would set up a whole
        // DeserializationContext per frame, which this pass does not use.
        try (JsonParser p = mapper.tokenStreamFactory().createParser(ObjectReadContext.empty(), bytes, offset, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT
                    || p.nextToken() != JsonToken.PROPERTY_NAME || !"type".equals(p.currentName())
                    || p.nextToken() != JsonToken.VALUE_STRING) {
                return null;
            }
            int kind = switch (p.getString()) {
                case Frame.Send.TYPE -> SEND;
                case Frame.Typing.TYPE -> TYPING;
                case Frame.Ping.TYPE -> PING;
                case Frame.Pong.TYPE -> PONG;
                default -> -1;
            };
            if (kind < 0) {
                return null;
            }
            String first = null;   // send: id; typing: nick
            String second = null;  // send: text
            long n = 0;            // ping, pong
            boolean active = false; // typing
            boolean primitiveSeen = kind == SEND; // a missing n or active is an error
            JsonToken token;
            while ((token = p.nextToken()) == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals("type")) {
                    return null;
                }
                boolean known = true;
                switch (kind) {
                    case SEND -> {
                        if (name.equals("id")) {
                            if (value != JsonToken.VALUE_STRING) {
                                return null;
                            }
                            first = p.getString();
                        } else if (name.equals("text")) {
                            if (value != JsonToken.VALUE_STRING) {
                                return null;
                            }
                            second = p.getString();
                        } else {
                            known = false;
                        }
                    }
                    case TYPING -> {
                        if (name.equals("nick")) {
                            if (value != JsonToken.VALUE_STRING) {
                                return null;
                            }
                            first = p.getString();
                        } else if (name.equals("active")) {
                            if (value != JsonToken.VALUE_TRUE && value != JsonToken.VALUE_FALSE) {
                                return null;
                            }
                            active = value == JsonToken.VALUE_TRUE;
                            primitiveSeen = true;
                        } else {
                            known = false;
                        }
                    }
                    default -> { // ping, pong
                        if (name.equals("n")) {
                            if (value != JsonToken.VALUE_NUMBER_INT
                                    || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                                return null;
                            }
                            n = p.getLongValue();
                            primitiveSeen = true;
                        } else {
                            known = false;
                        }
                    }
                }
                if (!known) {
                    p.skipChildren();
                }
            }
            if (!primitiveSeen || token != JsonToken.END_OBJECT || p.nextToken() != null) {
                return null;
            }
            return switch (kind) {
                case SEND -> new Frame.Send(first, second);
                case TYPING -> new Frame.Typing(first, active);
                case PING -> new Frame.Ping(n);
                default -> new Frame.Pong(n);
            };
        } catch (JacksonException e) {
            return null;
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

    /**
     * Whether the bytes are strict UTF-8 (as {@link #strictUtf8} accepts them: no overlong forms,
     * no encoded surrogates, nothing above U+10FFFF, no cut sequence) and hold no NUL byte.
     * {@code false} only sends the frame the general way, which gives the verdict.
     */
    static boolean isUtf8WithoutNul(byte[] b, int offset, int length) {
        int i = offset;
        int end = offset + length;
        while (i < end) {
            int c = b[i];
            if (c > 0) {
                i++;
                continue;
            }
            if (c == 0) {
                return false;
            }
            c &= 0xFF;
            if (c < 0xC2) { // a continuation byte, or the lead of an overlong two-byte form
                return false;
            } else if (c < 0xE0) {
                if (i + 1 >= end || (b[i + 1] & 0xC0) != 0x80) {
                    return false;
                }
                i += 2;
            } else if (c < 0xF0) {
                if (i + 2 >= end) {
                    return false;
                }
                int c1 = b[i + 1] & 0xFF;
                if ((c1 & 0xC0) != 0x80 || (c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 > 0x9F)
                        || (b[i + 2] & 0xC0) != 0x80) {
                    return false;
                }
                i += 3;
            } else if (c < 0xF5) {
                if (i + 3 >= end) {
                    return false;
                }
                int c1 = b[i + 1] & 0xFF;
                if ((c1 & 0xC0) != 0x80 || (c == 0xF0 && c1 < 0x90) || (c == 0xF4 && c1 > 0x8F)
                        || (b[i + 2] & 0xC0) != 0x80 || (b[i + 3] & 0xC0) != 0x80) {
                    return false;
                }
                i += 4;
            } else {
                return false;
            }
        }
        return true;
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
