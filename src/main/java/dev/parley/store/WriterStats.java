package dev.parley.store;

/**
 * What the group-commit writer has done since the store opened. Read from any thread.
 *
 * @param batches        transactions committed
 * @param events         events they held
 * @param largestBatch   the most events one commit carried
 * @param failedBatches  transactions that failed and were rolled back (their events reported failed)
 * @param commitNanos    time spent writing and committing, summed
 */
public record WriterStats(long batches, long events, int largestBatch, long failedBatches, long commitNanos) {
    /** Average events per commit, or 0 before the first. */
    public double averageBatch() {
        return batches == 0 ? 0 : (double) events / batches;
    }
}
