package dev.parley.discovery;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.regex.Pattern;

/**
 * Discovery datagrams to bytes and back. Every limit is checked before Jackson sees a byte, and
 * every field is checked for its own JSON kind afterwards; unknown fields are ignored.
 *
 * <p>Thread-safe: one instance may be shared.
 */
public final class DatagramCodec {
    /** The discovery protocol version this code speaks; a datagram with another {@code v} is ignored. */
    public static final int VERSION = 1;
    /** Largest datagram accepted or sent, in bytes: well under the 1,200 bytes that cross any LAN unfragmented. */
    public static final int MAX_DATAGRAM = 1_024;
    /** Longest room name in an announcement, in characters (the start screen allows 64). */
    public static final int MAX_ROOM = 64;
    /** Most people an announcement may claim. */
    public static final int MAX_PEOPLE = 1_000_000;
    private static final int MAX_INSTANCE = 32;
    private static final int MAX_NONCE = 32;
    /** What tells a Parley datagram from anything else that lands on the port. */
    static final String MAGIC = "parley";
    static final String ANNOUNCE = "announce";
    static final String QUERY = "query";
    private static final Pattern HOST_KEY = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern TOKEN = Pattern.compile("[0-9A-Za-z_-]+");

    private final JsonMapper mapper = JsonMapper.builder(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(4).maxStringLength(MAX_DATAGRAM).maxNumberLength(12).build())
            .build()).build();

    /** The bytes of {@code datagram}; never longer than {@link #MAX_DATAGRAM}. */
    public byte[] encode(Datagram datagram) {
        ObjectNode o = mapper.createObjectNode();
        switch (datagram) {
            case Datagram.Announcement a -> {
                o.put(MAGIC, ANNOUNCE).put("v", VERSION).put("id", a.instance()).put("room", a.room())
                        .put("port", a.port());
                if (a.hostKey() != null) {
                    o.put("key", a.hostKey());
                }
                o.put("password", a.passwordNeeded()).put("people", a.people());
            }
            case Datagram.Query q -> {
                o.put(MAGIC, QUERY).put("v", VERSION);
                if (q.nonce() != null) {
                    o.put("nonce", q.nonce());
                }
            }
        }
        byte[] bytes = mapper.writeValueAsBytes(o);
        if (bytes.length > MAX_DATAGRAM) {
            throw new IllegalArgumentException("datagram of " + bytes.length + " bytes is over the limit");
        }
        return bytes;
    }

    /**
     * Reads {@code length} bytes of {@code data} from {@code offset}.
     *
     * @throws DatagramException when it is too large, not JSON, not ours, of another version, or a
     *                           field is missing, of the wrong kind or out of its limits
     */
    public Datagram decode(byte[] data, int offset, int length) throws DatagramException {
        if (length > MAX_DATAGRAM) {
            throw new DatagramException("oversized datagram (" + length + " bytes)");
        }
        if (length < 2 || data[offset] != '{') {
            throw new DatagramException("not a JSON object");
        }
        JsonNode root;
        try {
            root = mapper.readTree(data, offset, length);
        } catch (JacksonException e) {
            // Jackson's message quotes the peer's bytes; the log gets only where parsing stopped.
            throw new DatagramException("malformed JSON" + (e.getLocation() == null ? ""
                    : " at byte " + e.getLocation().getByteOffset()));
        }
        if (root == null || !root.isObject()) {
            throw new DatagramException("not a JSON object");
        }
        String kind = string(root, MAGIC);
        int version = integer(root, "v", 0, Integer.MAX_VALUE);
        if (version != VERSION) {
            throw new DatagramException("unknown version " + version);
        }
        return switch (kind) {
            case ANNOUNCE -> announcement(root);
            case QUERY -> new Datagram.Query(optionalToken(root, "nonce", MAX_NONCE));
            default -> throw new DatagramException("unknown kind");
        };
    }

    /** Reads a whole array; see {@link #decode(byte[], int, int)}. */
    public Datagram decode(byte[] data) throws DatagramException {
        return decode(data, 0, data.length);
    }

    private static Datagram.Announcement announcement(JsonNode root) throws DatagramException {
        String instance = optionalToken(root, "id", MAX_INSTANCE);
        if (instance == null) {
            throw new DatagramException("missing field id");
        }
        String room = string(root, "room").strip();
        if (room.isEmpty() || room.codePointCount(0, room.length()) > MAX_ROOM) {
            throw new DatagramException("room name empty or longer than " + MAX_ROOM);
        }
        if (room.codePoints().anyMatch(DatagramCodec::unshowable)) {
            throw new DatagramException("control or bidi-override character in the room name");
        }
        int port = integer(root, "port", 1, 65_535);
        String key = null;
        JsonNode k = root.get("key");
        if (k != null && !k.isNull()) {
            if (!k.isString() || !HOST_KEY.matcher(k.stringValue()).matches()) {
                throw new DatagramException("key is not 64 lowercase hex digits");
            }
            key = k.stringValue();
        }
        JsonNode password = root.get("password");
        if (password == null || !password.isBoolean()) {
            throw new DatagramException("missing or non-boolean field password");
        }
        int people = integer(root, "people", 0, MAX_PEOPLE);
        return new Datagram.Announcement(instance, room, port, key, password.booleanValue(), people);
    }

    private static String string(JsonNode root, String field) throws DatagramException {
        JsonNode n = root.get(field);
        if (n == null || !n.isString()) {
            throw new DatagramException("missing or non-string field " + field);
        }
        return n.stringValue();
    }

    private static String optionalToken(JsonNode root, String field, int max) throws DatagramException {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isString() || n.stringValue().length() > max || !TOKEN.matcher(n.stringValue()).matches()) {
            throw new DatagramException("bad field " + field);
        }
        return n.stringValue();
    }

    private static int integer(JsonNode root, String field, int min, int max) throws DatagramException {
        JsonNode n = root.get(field);
        if (n == null || !n.isIntegralNumber() || !n.canConvertToInt()) {
            throw new DatagramException("missing or non-integer field " + field);
        }
        int value = n.intValue();
        if (value < min || value > max) {
            throw new DatagramException(field + " out of range: " + value);
        }
        return value;
    }

    /**
     * Control characters would break {@code discover}'s tab-separated lines and a log; bidi
     * overrides and isolates could make a listed name read as another ("Trojan Source").
     */
    static boolean unshowable(int c) {
        return Character.isISOControl(c) || c >= 0x202A && c <= 0x202E || c >= 0x2066 && c <= 0x2069;
    }

    /** {@code room} cut to what an announcement may carry: control and bidi-override characters become spaces, at most {@link #MAX_ROOM} characters. */
    public static String fitRoomName(String room) {
        String clean = room.codePoints().map(c -> unshowable(c) ? ' ' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString().strip();
        if (clean.codePointCount(0, clean.length()) > MAX_ROOM) {
            clean = clean.substring(0, clean.offsetByCodePoints(0, MAX_ROOM - 1)).strip() + "…";
        }
        return clean;
    }
}
