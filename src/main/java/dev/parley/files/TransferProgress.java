package dev.parley.files;

/**
 * Progress of a transfer or a hash, reported on the thread doing it after each chunk (about every
 * 64 KiB): a window must hand it to its UI thread itself, batched.
 */
@FunctionalInterface
public interface TransferProgress {
    TransferProgress NONE = (done, total) -> {
    };

    /** {@code done} of {@code total} bytes, counting bytes already held before a resume. */
    void progress(long done, long total);
}
