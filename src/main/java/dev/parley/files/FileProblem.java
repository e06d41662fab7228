package dev.parley.files;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every reason the host refuses an offer or a transfer, with its wire code.
 *
 * <p>In the chat stream these are non-closing {@code error} codes of the {@code files} extension
 * (sent only to connections granted it); on a transfer connection the refusal is the last line
 * before the host closes. The {@code message} that travels with a code is a sentence for a person;
 * the desktop window shows its own translation, chosen by the code.
 */
public enum FileProblem {
    /** The offer lacks a valid id, size or hash. */
    OFFER_INVALID("offer_invalid"),
    /** The offered name is empty, broken or far too long to be a file name. */
    FILE_NAME_INVALID("file_name_invalid"),
    /** The file is larger than the per-file cap. */
    FILE_TOO_LARGE("file_too_large"),
    /** The room's store (or the disk under it) has no room for the file, even after evicting. */
    STORE_FULL("store_full"),
    /** The person has uploaded more than the rate allows lately. */
    UPLOAD_RATE("upload_rate"),
    /** The person already has as many transfers open as the host allows. */
    TOO_MANY_TRANSFERS("too_many_transfers"),
    /** A transfer handshake with an unknown or expired token or key. */
    TRANSFER_DENIED("transfer_denied"),
    /** A transfer handshake the host cannot read. */
    BAD_HANDSHAKE("bad_handshake"),
    /** A download from an offset beyond the end of the file. */
    OFFSET_INVALID("offset_invalid"),
    /** The file was evicted from the room's store (or never was in it). */
    FILE_GONE("file_gone"),
    /** The uploaded bytes do not hash to the offered sha256; nothing was stored. */
    HASH_MISMATCH("hash_mismatch"),
    /** The host failed to read or write its store; the detail is in the host's log. */
    TRANSFER_FAILED("transfer_failed");

    private static final Map<String, FileProblem> BY_WIRE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(FileProblem::wire, Function.identity()));

    private final String wire;

    FileProblem(String wire) {
        this.wire = wire;
    }

    /** The code on the wire, e.g. {@code file_too_large}. */
    public String wire() {
        return wire;
    }

    /** The problem for a wire code, or {@code null} when this version does not know it. */
    public static FileProblem fromWire(String wire) {
        return wire == null ? null : BY_WIRE.get(wire);
    }
}
