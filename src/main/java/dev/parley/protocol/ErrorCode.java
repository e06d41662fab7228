package dev.parley.protocol;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The protocol's error codes with their wire names and whether they close the connection. */
public enum ErrorCode {
    BAD_FRAME("bad_frame", true),
    FRAME_TOO_LARGE("frame_too_large", true),
    HELLO_REQUIRED("hello_required", true),
    HELLO_TIMEOUT("hello_timeout", true),
    UNSUPPORTED_VERSION("unsupported_version", true),
    NICK_INVALID("nick_invalid", true),
    NICK_TAKEN("nick_taken", true),
    BAD_PASSWORD("bad_password", true),
    SERVER_FULL("server_full", true),
    /**
     * The peer spoke plain JSON Lines to a port that only speaks TLS: it gets this one line in clear
     * and the connection closes. A client that predates the code still reads an error and closes.
     */
    TLS_REQUIRED("tls_required", true),
    UNKNOWN_TYPE("unknown_type", false),
    TEXT_INVALID("text_invalid", false),
    RATE_LIMITED("rate_limited", false),
    /**
     * Extensions {@code history} and {@code search}: a request whose members break their rules (no
     * or a malformed {@code ref}, not exactly one anchor, a search too long). Sent only to connections
     * granted the extension; it carries the request's {@code ref} when that was usable.
     */
    REQUEST_INVALID("request_invalid", false);

    private static final Map<String, ErrorCode> BY_WIRE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(ErrorCode::wire, Function.identity()));

    private final String wire;
    private final boolean closes;

    ErrorCode(String wire, boolean closes) {
        this.wire = wire;
        this.closes = closes;
    }

    public String wire() {
        return wire;
    }

    /** Whether the server closes the connection after sending this error. */
    public boolean closes() {
        return closes;
    }

    /** The code for a wire name, or {@code null} if this version does not know it. */
    public static ErrorCode fromWire(String wire) {
        return wire == null ? null : BY_WIRE.get(wire);
    }
}
