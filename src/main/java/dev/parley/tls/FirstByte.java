package dev.parley.tls;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Frame;
import dev.parley.protocol.FrameCodec;

/**
 * Tells from a connection's first byte whether the peer speaks TLS or Parley's plain JSON Lines, so
 * one port can refuse (or, with {@code serve --allow-plaintext}, serve) both. A TLS connection starts
 * with a handshake record, byte {@code 0x16}; a JSON Lines one with <code>{</code>, possibly after
 * blank lines or spaces. The bytes read to decide are handed on with {@link ReplayChannel}.
 * Stateless; any thread.
 */
public final class FirstByte {
    /** The record type of a TLS handshake record (RFC 8446 §5.1): every ClientHello starts with it. */
    public static final byte TLS_HANDSHAKE = 0x16;
    /** What a plaintext peer on a TLS-only port is told before it is closed. */
    public static final String TLS_REQUIRED_MESSAGE =
            "This host only accepts encrypted (TLS) connections; update your Parley app to join.";

    /** What the first byte says. */
    public enum Kind {
        /** A TLS ClientHello. */
        TLS,
        /** Parley's plaintext JSON Lines. */
        PLAINTEXT,
        /** Neither: treat as plaintext that will not parse, or refuse. */
        UNKNOWN
    }

    private FirstByte() {
    }

    public static Kind classify(byte first) {
        return switch (first) {
            case TLS_HANDSHAKE -> Kind.TLS;
            case '{', ' ', '\t', '\r', '\n' -> Kind.PLAINTEXT;
            default -> Kind.UNKNOWN;
        };
    }

    /**
     * The one line a plaintext peer on a TLS-only port gets, {@code {"type":"error","code":"tls_required",…}}
     * and a newline, after which the host closes. Encode once at start-up and share the bytes.
     */
    public static byte[] tlsRequiredLine(FrameCodec codec) {
        return codec.encode(Frame.Error.of(ErrorCode.TLS_REQUIRED, TLS_REQUIRED_MESSAGE));
    }
}
