package dev.parley.files;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The checks of an offer that need nothing but the offer: id, hash, size and name shape. Each
 * broken rule has its code and a sentence for the sender. Pure; thread-safe.
 */
public final class OfferRules {
    /** Longest offer id: {@code x-} and the id still fit a version-1 {@code msg} id (64). */
    public static final int MAX_ID = 62;
    /** Longest offered name in UTF-8 bytes; the host then sanitises it to {@link SafeNames#MAX_BYTES}. */
    public static final int MAX_NAME_BYTES = 1024;

    private OfferRules() {
    }

    /** The first rule the offer breaks, or empty when its shape is fine. */
    public static Optional<OfferDecision.Refused> check(FileOffer offer) {
        String ref = validId(offer.id()) ? offer.id() : null;
        if (ref == null) {
            return refuse(null, FileProblem.OFFER_INVALID,
                    "A file offer needs an id of 1 to " + MAX_ID + " letters, digits, _ or -.");
        }
        if (!Hex.isSha256(offer.sha256())) {
            return refuse(ref, FileProblem.OFFER_INVALID, "A file offer needs its SHA-256 as 64 lower-case hex digits.");
        }
        if (offer.size() < 0) {
            return refuse(ref, FileProblem.OFFER_INVALID, "A file cannot have a negative size.");
        }
        String name = offer.name();
        if (name == null || name.isEmpty()) {
            return refuse(ref, FileProblem.FILE_NAME_INVALID, "A file needs a name.");
        }
        if (hasLoneSurrogate(name)) {
            return refuse(ref, FileProblem.FILE_NAME_INVALID,
                    "A file name cannot hold a broken character (half of a UTF-16 surrogate pair).");
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            return refuse(ref, FileProblem.FILE_NAME_INVALID,
                    "A file name can be at most " + MAX_NAME_BYTES + " bytes long.");
        }
        if (!hasVisible(name)) {
            return refuse(ref, FileProblem.FILE_NAME_INVALID, "A file name needs at least one visible character.");
        }
        return Optional.empty();
    }

    static boolean validId(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_ID) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasLoneSurrogate(String s) {
        return s.codePoints().anyMatch(cp -> cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE);
    }

    /** Something other than dots, spaces and invisible characters, which sanitising would remove. */
    private static boolean hasVisible(String name) {
        String safe = SafeNames.sanitise(name);
        return !safe.equals(SafeNames.FALLBACK) || name.contains(SafeNames.FALLBACK);
    }

    private static Optional<OfferDecision.Refused> refuse(String ref, FileProblem problem, String message) {
        return Optional.of(new OfferDecision.Refused(ref, problem, message));
    }
}
