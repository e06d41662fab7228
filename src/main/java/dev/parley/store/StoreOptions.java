package dev.parley.store;

/**
 * How a room store is sized.
 *
 * @param tailSize      latest events read on open for replay (the room keeps at least 1,000)
 * @param dedupSize     latest messages with a client id read on open for de-duplication
 * @param queueCapacity events waiting for the writer before {@link Admission#QUEUE_FULL}
 * @param maxBatch      most events one transaction carries
 * @param readers       reader threads (each with its own connection) for reads and searches
 * @param retention     what the log keeps
 */
public record StoreOptions(int tailSize, int dedupSize, int queueCapacity, int maxBatch, int readers,
                           Retention retention) {

    public StoreOptions {
        if (tailSize < 0 || dedupSize < 0 || queueCapacity < 1 || maxBatch < 1 || readers < 1) {
            throw new IllegalArgumentException("store sizes must be positive");
        }
        if (retention == null) {
            retention = Retention.KEEP_EVERYTHING;
        }
    }

    /** 1,000 events of tail, 10,000 de-dup entries, 16,384 queued, batches of up to 1,024, two readers, keep all. */
    public static StoreOptions defaults() {
        return new StoreOptions(1_000, 10_000, 16_384, 1_024, 2, Retention.KEEP_EVERYTHING);
    }

    public StoreOptions withRetention(Retention newRetention) {
        return new StoreOptions(tailSize, dedupSize, queueCapacity, maxBatch, readers, newRetention);
    }

    public StoreOptions withQueue(int newCapacity, int newMaxBatch) {
        return new StoreOptions(tailSize, dedupSize, newCapacity, newMaxBatch, readers, retention);
    }

    public StoreOptions withTail(int newTailSize, int newDedupSize) {
        return new StoreOptions(newTailSize, newDedupSize, queueCapacity, maxBatch, readers, retention);
    }
}
