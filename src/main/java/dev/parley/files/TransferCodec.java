package dev.parley.files;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * JSON Lines of the transfer connection, through Jackson, read strictly: every member has its own
 * JSON kind and every id its exact shape, because a handshake decides which file is opened.
 * Thread-safe.
 */
public final class TransferCodec {
    /** Longest transfer line, newline included; real ones are under 250 bytes. */
    public static final int MAX_LINE = 1024;
    /** The transfer protocol's version, {@code v} in a handshake. */
    public static final int VERSION = 1;

    private final JsonMapper mapper = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** The line as UTF-8 JSON with its newline. */
    public byte[] encode(TransferLine line) {
        ObjectNode node = mapper.createObjectNode();
        switch (line) {
            case TransferLine.Upload u -> node.put("type", TransferLine.Upload.TYPE).put("v", VERSION)
                    .put("token", u.token());
            case TransferLine.Download d -> node.put("type", TransferLine.Download.TYPE).put("v", VERSION)
                    .put("key", d.key()).put("sha256", d.sha256()).put("offset", d.offset());
            case TransferLine.Ready r -> node.put("type", TransferLine.Ready.TYPE).put("offset", r.offset())
                    .put("size", r.size());
            case TransferLine.Done d -> node.put("type", TransferLine.Done.TYPE).put("sha256", d.sha256())
                    .put("size", d.size());
            case TransferLine.Refused r -> node.put("type", TransferLine.Refused.TYPE).put("code", r.code())
                    .put("message", r.message());
        }
        byte[] json = mapper.writeValueAsBytes(node);
        byte[] out = Arrays.copyOf(json, json.length + 1);
        out[json.length] = '\n';
        return out;
    }

    /**
     * The handshake in a connection's first line, or empty when that line is not one (its
     * {@code type} is not {@code upload} or {@code download}: a chat {@code hello}, say).
     *
     * @throws TransferProtocolException ({@link FileProblem#BAD_HANDSHAKE}) for an upload or
     *         download line that is malformed
     */
    public Optional<TransferLine.Handshake> handshake(String line) throws TransferProtocolException {
        JsonNode node;
        try {
            node = mapper.readTree(line);
        } catch (JacksonException e) {
            return Optional.empty();
        }
        if (node == null || !node.isObject() || !node.path("type").isString()) {
            return Optional.empty();
        }
        String type = node.get("type").stringValue();
        if (!type.equals(TransferLine.Upload.TYPE) && !type.equals(TransferLine.Download.TYPE)) {
            return Optional.empty();
        }
        if (!node.path("v").isIntegralNumber() || node.get("v").longValue() != VERSION) {
            throw bad("this host speaks transfer version " + VERSION);
        }
        String token = string(node, type.equals(TransferLine.Upload.TYPE) ? "token" : "key");
        if (!Hex.isToken(token)) {
            throw bad("the token is not one this host issues");
        }
        if (type.equals(TransferLine.Upload.TYPE)) {
            return Optional.of(new TransferLine.Upload(token));
        }
        String sha256 = string(node, "sha256");
        if (!Hex.isSha256(sha256)) {
            throw bad("sha256 must be 64 lower-case hex digits");
        }
        return Optional.of(new TransferLine.Download(token, sha256, count(node, "offset")));
    }

    /** A line the host sends, as the peer reads it. */
    public TransferLine hostLine(String line) throws TransferProtocolException {
        JsonNode node;
        try {
            node = mapper.readTree(line);
        } catch (JacksonException e) {
            throw new TransferProtocolException(FileProblem.BAD_HANDSHAKE, "the host sent a line that is not JSON");
        }
        if (node == null || !node.isObject() || !node.path("type").isString()) {
            throw new TransferProtocolException(FileProblem.BAD_HANDSHAKE, "the host sent a line without a type");
        }
        return switch (node.get("type").stringValue()) {
            case TransferLine.Ready.TYPE -> {
                long offset = count(node, "offset");
                long size = count(node, "size");
                if (offset > size) {
                    throw bad("ready offset " + offset + " is past the size " + size);
                }
                yield new TransferLine.Ready(offset, size);
            }
            case TransferLine.Done.TYPE -> new TransferLine.Done(string(node, "sha256"), count(node, "size"));
            case TransferLine.Refused.TYPE -> new TransferLine.Refused(string(node, "code"),
                    node.path("message").isString() ? node.get("message").stringValue() : "");
            default -> throw bad("unexpected line from the host: " + node.get("type").stringValue());
        };
    }

    /**
     * Reads one line of at most {@link #MAX_LINE} bytes, byte by byte so nothing after it is
     * consumed: give it a buffered stream and keep reading the file's bytes from that same stream.
     *
     * @throws EOFException when the stream ends before a whole line
     */
    public static String readLine(InputStream in) throws IOException {
        var line = new ByteArrayOutputStream(128);
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException(line.size() == 0 ? "the connection closed" : "the connection closed mid-line");
            }
            if (b == '\n') {
                break;
            }
            if (line.size() >= MAX_LINE) {
                throw new TransferProtocolException(FileProblem.BAD_HANDSHAKE, "line longer than " + MAX_LINE + " bytes");
            }
            line.write(b);
        }
        byte[] bytes = line.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes, 0, length)).toString();
        } catch (CharacterCodingException e) {
            throw new TransferProtocolException(FileProblem.BAD_HANDSHAKE, "line is not UTF-8");
        }
    }

    /** Writes a line and flushes it. */
    public void write(OutputStream out, TransferLine line) throws IOException {
        out.write(encode(line));
        out.flush();
    }

    private static String string(JsonNode node, String field) throws TransferProtocolException {
        JsonNode value = node.get(field);
        if (value == null || !value.isString()) {
            throw bad(field + " must be a string");
        }
        return value.stringValue();
    }

    private static long count(JsonNode node, String field) throws TransferProtocolException {
        JsonNode value = node.get(field);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
            throw bad(field + " must be a whole number of bytes, 0 or more");
        }
        return value.longValue();
    }

    private static TransferProtocolException bad(String why) {
        return new TransferProtocolException(FileProblem.BAD_HANDSHAKE, why);
    }
}
