package dev.parley.store;

/** What {@code append} did with an event, decided at once without blocking. */
public enum Admission {
    /** Queued for the next batch; its outcome comes through the callback. */
    ACCEPTED,
    /**
     * The writer is that far behind (the queue is full): nothing was queued, the seq is not used and
     * no callback will come. The caller refuses the message (the sender may try again) or retries later.
     */
    QUEUE_FULL,
    /** The store is closing or closed: nothing was queued and no callback will come. */
    CLOSED
}
