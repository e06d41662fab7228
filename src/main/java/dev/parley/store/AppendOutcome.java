package dev.parley.store;

/** How an accepted append ended; delivered on the store's callback executor, in seq order. */
public sealed interface AppendOutcome {
    StoredEvent event();

    /** Its batch is committed and synced: it survives a crash or a power cut. Broadcast it now. */
    record Durable(StoredEvent event) implements AppendOutcome {
    }

    /**
     * Its batch could not be written (disk full, I/O error) and nothing of it is stored. Its seq
     * stays unused; later events keep theirs. The log has the detail.
     */
    record Failed(StoredEvent event, StoreException cause) implements AppendOutcome {
    }
}
