package dev.parley.server;

import java.io.IOException;

/**
 * The room's history cannot be opened: another host uses its data folder, the folder cannot be
 * written, or a newer Parley wrote the file. The message is a sentence for the person running the
 * host; the cause has the detail.
 */
public final class LogUnavailableException extends IOException {
    private final boolean inUse;

    public LogUnavailableException(String sentence, boolean inUse, Throwable cause) {
        super(sentence, cause);
        this.inUse = inUse;
    }

    /** Whether another host holds the history (as opposed to the folder or file being unusable). */
    public boolean inUse() {
        return inUse;
    }
}
