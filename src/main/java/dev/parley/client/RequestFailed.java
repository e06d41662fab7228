package dev.parley.client;

import dev.parley.protocol.ErrorCode;

/**
 * A {@code history} or {@code search} request got no answer: the host refused it (with its code), the
 * extension is not granted, or the connection went before the answer came. The message is English,
 * for logs; a window says what {@link #reason()} means in its own words.
 */
public final class RequestFailed extends Exception {
    /** Why a request failed. */
    public enum Reason {
        /** The host was too busy or the request came too fast ({@code rate_limited}): try again later. */
        BUSY,
        /** The host found the request malformed ({@code request_invalid}). */
        INVALID,
        /** The host does not speak this extension, or this client is not connected. */
        UNAVAILABLE,
        /** The connection was lost before the answer came. */
        LOST
    }

    private final Reason reason;

    public RequestFailed(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    static RequestFailed of(ErrorCode code, String message) {
        Reason reason = code == ErrorCode.RATE_LIMITED ? Reason.BUSY
                : code == ErrorCode.REQUEST_INVALID ? Reason.INVALID : Reason.UNAVAILABLE;
        return new RequestFailed(reason, message);
    }
}
