package dev.parley.app.files;

import dev.parley.client.ChatClient;
import dev.parley.files.FileProblem;
import dev.parley.files.TransferFailure;
import dev.parley.protocol.FileSizes;

import java.text.MessageFormat;
import java.util.ResourceBundle;

/**
 * The sentence a person reads when a transfer did not finish, from the bundle, chosen by the failure's
 * {@link TransferFailure#kind()} and, for a refusal, its {@link TransferFailure#code()}. The failure's
 * own message is for the log only.
 */
public final class FileSentences {
    private final ResourceBundle bundle;

    public FileSentences(ResourceBundle bundle) {
        this.bundle = bundle;
    }

    /**
     * @param size    the file's size, for the too-large sentence
     * @param maxSize the host's cap as it announced it (0: unknown)
     */
    public String of(TransferFailure failure, long size, long maxSize) {
        return switch (failure.kind()) {
            case REFUSED -> refused(failure, size, maxSize);
            case BROKEN -> text("files.error.broken");
            case CANCELLED -> text("files.error.cancelled");
            case CORRUPT -> text("files.error.corrupt");
            case LOCAL -> text("files.error.local");
        };
    }

    private String refused(TransferFailure failure, long size, long maxSize) {
        if (ChatClient.NO_FILES.equals(failure.code())) {
            return text("files.error.noFiles");
        }
        FileProblem problem = failure.problem();
        if (problem == null) {
            return text("files.error.refused");
        }
        return switch (problem) {
            case FILE_TOO_LARGE -> maxSize > 0
                    ? format("files.error.tooLarge", FileSizes.format(size), FileSizes.format(maxSize))
                    : text("files.error.tooLargeUnknown");
            case STORE_FULL -> text("files.error.storeFull");
            case UPLOAD_RATE -> failure.retryAfterSeconds() > 0
                    ? format("files.error.uploadRateWait", failure.retryAfterSeconds())
                    : text("files.error.uploadRate");
            case TOO_MANY_TRANSFERS -> text("files.error.tooMany");
            case FILE_GONE -> text("files.gone");
            case FILE_NAME_INVALID -> text("files.error.nameInvalid");
            case HASH_MISMATCH -> text("files.error.changed");
            case TRANSFER_FAILED -> text("files.error.hostFailed");
            case OFFER_INVALID, TRANSFER_DENIED, BAD_HANDSHAKE, OFFSET_INVALID -> text("files.error.refused");
        };
    }

    /** A file over the host's cap, found before any byte is hashed or sent. */
    public String tooLarge(long size, long maxSize) {
        return format("files.error.tooLarge", FileSizes.format(size), FileSizes.format(maxSize));
    }

    String text(String key) {
        return bundle.getString(key);
    }

    String format(String key, Object... args) {
        return new MessageFormat(bundle.getString(key), bundle.getLocale()).format(args);
    }
}
