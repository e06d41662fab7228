package dev.parley.files;

import java.util.concurrent.atomic.AtomicBoolean;

/** Room in the store promised to one accepted upload; released once, by commit or by giving up. */
public final class Reservation {
    private final BlobStore store;
    private final long bytes;
    private final AtomicBoolean released = new AtomicBoolean();

    Reservation(BlobStore store, long bytes) {
        this.store = store;
        this.bytes = bytes;
    }

    public long bytes() {
        return bytes;
    }

    /** Gives the room back; later calls do nothing. Memory only. */
    public void release() {
        if (released.compareAndSet(false, true)) {
            store.release(bytes);
        }
    }
}
