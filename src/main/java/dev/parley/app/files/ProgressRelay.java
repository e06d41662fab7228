package dev.parley.app.files;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Carries transfer progress from transfer threads to the FX thread. Transfers report after every
 * chunk (about every 64 KiB, thousands of times a second on a LAN); only the latest share of each
 * file is kept, and at most one hand-over is queued on the FX thread at a time, so the window redraws
 * progress at most once a pulse however many transfers run.
 */
final class ProgressRelay {
    private final Executor fx;
    private final Map<FileEntry, Double> latest = new ConcurrentHashMap<>();
    private final AtomicBoolean queued = new AtomicBoolean();

    ProgressRelay(Executor fx) {
        this.fx = fx;
    }

    /** Any thread: {@code done} of {@code total} bytes of {@code entry}'s transfer. */
    void report(FileEntry entry, long done, long total) {
        latest.put(entry, total <= 0 ? 0 : Math.min(1, (double) done / total));
        if (queued.compareAndSet(false, true)) {
            fx.execute(this::deliver);
        }
    }

    /** Any thread: drops what is pending for {@code entry} (its transfer ended). */
    void forget(FileEntry entry) {
        latest.remove(entry);
    }

    private void deliver() {
        queued.set(false);
        for (var it = latest.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            it.remove();
            e.getKey().progress(e.getValue());
        }
    }
}
