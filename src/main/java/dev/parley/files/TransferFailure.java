package dev.parley.files;

/**
 * Why a transfer (or the hash of a file to offer) did not finish. The window picks its sentence by
 * {@link #kind()} and, for a refusal, by {@link #code()}; {@link #getMessage()} is the detail for
 * the log (for a refusal: the host's sentence).
 */
public final class TransferFailure extends Exception {
    /** What went wrong, and so what the person can do. */
    public enum Kind {
        /** The host said no ({@link #code()}); retrying the same way will not help, except after a wait. */
        REFUSED,
        /** The connection broke or stalled; trying again resumes where it stopped. */
        BROKEN,
        /** The person cancelled; what arrived is kept for a resume. */
        CANCELLED,
        /** A download's bytes did not match the hash; the partial file was deleted. */
        CORRUPT,
        /** This computer's file could not be read or written (moved, changed, disk full). */
        LOCAL
    }

    private final Kind kind;
    private final String code;
    private final long retryAfterSeconds;

    public TransferFailure(Kind kind, String code, String message, Throwable cause) {
        this(kind, code, message, cause, 0);
    }

    /** @param retryAfterSeconds for a refusal that passes after a wait ({@code upload_rate}), how long; else 0 */
    public TransferFailure(Kind kind, String code, String message, Throwable cause, long retryAfterSeconds) {
        super(message, cause);
        this.kind = kind;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    static TransferFailure refused(TransferLine.Refused refused) {
        return new TransferFailure(Kind.REFUSED, refused.code(), refused.message(), null);
    }

    public Kind kind() {
        return kind;
    }

    /** The host's code for {@link Kind#REFUSED}, else {@code null}. */
    public String code() {
        return code;
    }

    /** For {@code upload_rate}, in how many whole seconds the host would take the file; else 0. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** The host's code as a known problem, or {@code null}. */
    public FileProblem problem() {
        return FileProblem.fromWire(code);
    }
}
