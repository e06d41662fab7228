package dev.parley.store;

/**
 * Follows an export and may stop it. Both methods are called on the exporting thread, between
 * pages of events, so a window forwards progress to its own thread itself.
 */
public interface ExportMonitor {
    /** Watches nothing and never cancels. */
    ExportMonitor NONE = new ExportMonitor() {
        @Override
        public void progress(long done, long total) {
        }

        @Override
        public boolean isCancelled() {
            return false;
        }
    };

    /** {@code done} of {@code total} events are written; {@code total} is fixed when the export starts. */
    void progress(long done, long total);

    /** Asked between pages; {@code true} stops the export, and nothing is left at the target. */
    boolean isCancelled();
}
