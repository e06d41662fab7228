package dev.parley.store;

import java.time.Duration;

/**
 * How much history a room keeps. By default everything; with limits, the writer removes the
 * oldest events (their search entries too) in small steps between batches.
 *
 * @param keepFor      events older than this go; {@code null} keeps them whatever their age
 * @param keepMessages only the latest this many seqs stay; 0 keeps them however many
 */
public record Retention(Duration keepFor, long keepMessages) {
    public static final Retention KEEP_EVERYTHING = new Retention(null, 0);

    public Retention {
        if (keepFor != null && (keepFor.isNegative() || keepFor.isZero())) {
            throw new IllegalArgumentException("keepFor must be positive, was " + keepFor);
        }
        if (keepMessages < 0) {
            throw new IllegalArgumentException("keepMessages must be 0 (no limit) or more, was " + keepMessages);
        }
    }

    /** As the command line says it: days and messages, 0 meaning no limit. */
    public static Retention of(int keepDays, long keepMessages) {
        if (keepDays < 0) {
            throw new IllegalArgumentException("keepDays must be 0 (no limit) or more, was " + keepDays);
        }
        return new Retention(keepDays == 0 ? null : Duration.ofDays(keepDays), keepMessages);
    }

    public boolean keepsEverything() {
        return keepFor == null && keepMessages == 0;
    }
}
