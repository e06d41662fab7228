package dev.parley.files;

/**
 * What a sender's {@code offer} frame in the chat stream says about a file, before any byte moves.
 *
 * @param id     the sender's id for it (like a {@code send} id: 1–64 of {@code A-Z a-z 0-9 _ -});
 *               the {@code file} event carries it back as its echo
 * @param name   the name as the sender's system shows it; the host sanitises it
 * @param size   bytes
 * @param sha256 the content's SHA-256, 64 lower-case hex digits; the host checks the bytes against it
 * @param media  the media type the sender claims, or {@code null}; informational only, the host
 *               sniffs the stored bytes
 */
public record FileOffer(String id, String name, long size, String sha256, String media) {
}
