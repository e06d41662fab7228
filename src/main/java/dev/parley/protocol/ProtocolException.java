package dev.parley.protocol;

import java.util.List;

/** Input that breaks the protocol; carries the error code the peer is told. */
public final class ProtocolException extends Exception {
    private final ErrorCode code;

    public ProtocolException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public ProtocolException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    /** The error frame telling the peer about this; {@code unsupported_version} lists the versions spoken here. */
    public Frame.Error toFrame() {
        if (code == ErrorCode.UNSUPPORTED_VERSION) {
            return new Frame.Error(code.wire(), getMessage(), null, List.of(Frame.VERSION));
        }
        return Frame.Error.of(code, getMessage());
    }
}
