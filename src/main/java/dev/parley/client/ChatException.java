package dev.parley.client;

import dev.parley.protocol.ErrorCode;

/** Joining failed; the message is a sentence to show a person as it is. */
public final class ChatException extends Exception {
    private final ErrorCode code;

    public ChatException(String sentence, ErrorCode code, Throwable cause) {
        super(sentence, cause);
        this.code = code;
    }

    /** The host's error code, or {@code null} when the host was never reached. */
    public ErrorCode code() {
        return code;
    }
}
