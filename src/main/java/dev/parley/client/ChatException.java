package dev.parley.client;

import dev.parley.protocol.ErrorCode;

/**
 * Joining failed. {@link #problem()} says why, typed, for the app to put in a sentence;
 * {@link #getMessage()} is the English description for logs.
 */
public final class ChatException extends Exception {
    private final Problem problem;

    public ChatException(Problem problem, Throwable cause) {
        super(problem.describe(), cause);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    /** The host's error code, or {@code null} when the host was never reached or did not refuse. */
    public ErrorCode code() {
        return problem instanceof Problem.Refused r ? r.code() : null;
    }
}
