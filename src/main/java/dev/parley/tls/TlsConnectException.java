package dev.parley.tls;

import java.io.IOException;

/** A TLS connection to a host could not be set up; {@link #problem()} says why in a way the app can word. */
public final class TlsConnectException extends IOException {
    /** Why. */
    public enum Problem {
        /** The host answered in Parley's plain JSON Lines: an older Parley without TLS. */
        PLAINTEXT_HOST,
        /** The host answered with something that is not TLS at all: not a Parley host. */
        NOT_TLS,
        /** The host accepted the connection but sent nothing back to the TLS hello in time. */
        NO_ANSWER,
        /** TLS went wrong: no common protocol version (an old TLS stack), a bad certificate signature, … */
        HANDSHAKE_FAILED
    }

    private final Problem problem;

    public TlsConnectException(Problem problem, String message, Throwable cause) {
        super(message, cause);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
