package dev.parley.files;

import java.io.Closeable;
import java.io.IOException;

/**
 * Stops a transfer from another thread (a Cancel button): {@link #cancel} closes the connection the
 * transfer is blocked on, and the transfer ends with {@link TransferFailure.Kind#CANCELLED}. What
 * arrived is kept, so starting it again resumes. Thread-safe.
 */
public final class Cancellation {
    private boolean cancelled;
    private Closeable current;

    public synchronized void cancel() {
        cancelled = true;
        closeQuietly(current);
    }

    public synchronized boolean isCancelled() {
        return cancelled;
    }

    synchronized void attach(Closeable connection) {
        current = connection;
        if (cancelled) {
            closeQuietly(connection);
        }
    }

    synchronized void detach() {
        current = null;
    }

    private static void closeQuietly(Closeable connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (IOException ignored) {
            // Closing is all cancelling wants; a failure to close leaves nothing to undo.
        }
    }
}
