package dev.parley.store;

/** How an export ended. */
public enum ExportResult {
    /** Every event is written and the file is in place. */
    COMPLETE,
    /** The monitor cancelled it; nothing was left at the target. */
    CANCELLED
}
