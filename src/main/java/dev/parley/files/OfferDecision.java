package dev.parley.files;

/** The host's answer to an offer: go ahead with this upload token, or a refusal with its code. */
public sealed interface OfferDecision {
    /** The offer's id, as {@code ref} in the answer. */
    String ref();

    /** Upload the bytes over a transfer connection, presenting {@code token}. */
    record Accepted(String ref, String token) implements OfferDecision {
    }

    /**
     * Not now or not ever; {@code message} is a sentence for the sender, and for
     * {@link FileProblem#UPLOAD_RATE} {@code retryAfterSeconds} says when an offer of this size
     * would pass (0 otherwise).
     */
    record Refused(String ref, FileProblem problem, String message, long retryAfterSeconds) implements OfferDecision {
        public Refused(String ref, FileProblem problem, String message) {
            this(ref, problem, message, 0);
        }
    }
}
