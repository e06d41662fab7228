package dev.parley.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A few reader threads, each with its own read-only connection, that run queries off the caller's
 * thread. WAL lets them read while the writer commits; each query sees the last committed state.
 *
 * <p>{@link #submit} may be called from any thread and never blocks; its future completes on a
 * reader thread, so a caller that must stay on its own thread hops back with
 * {@code whenCompleteAsync(..., itsExecutor)}.
 */
final class ReadPool implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("dev.parley.store");
    /** Reads waiting beyond this are refused at once: a flood of searches must not queue forever. */
    static final int MAX_QUEUED = 256;

    /** A query on a reader's connection. */
    @FunctionalInterface
    interface Query<T> {
        T run(Connection c) throws SQLException;
    }

    private record Task<T>(Query<T> query, CompletableFuture<T> result) {
    }

    private static final Task<Object> STOP = new Task<>(c -> null, new CompletableFuture<>());

    private final DatabaseFiles files;
    private final Consumer<SQLException> onDamage;
    private final BlockingQueue<Task<?>> tasks = new ArrayBlockingQueue<>(MAX_QUEUED);
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean closed;

    /** @param onDamage told (on a reader thread) when a query reports a damaged file */
    ReadPool(DatabaseFiles files, int size, String name, Consumer<SQLException> onDamage) {
        this.files = files;
        this.onDamage = onDamage;
        for (int i = 0; i < size; i++) {
            threads.add(Thread.ofPlatform().name(name + "-" + i).daemon().start(this::run));
        }
    }

    <T> CompletableFuture<T> submit(Query<T> query) {
        var task = new Task<>(query, new CompletableFuture<T>());
        if (closed) {
            task.result.completeExceptionally(new StoreException("The history is closed."));
        } else if (!tasks.offer(task)) {
            task.result.completeExceptionally(new StoreException("The history is busy; try again in a moment."));
        }
        return task.result;
    }

    private void run() {
        Connection c = null;
        try {
            while (true) {
                Task<?> task = tasks.take();
                if (task == STOP) {
                    return;
                }
                if (c == null) {
                    try {
                        c = Sqlite.openReader(files);
                        // Each query runs in a read transaction of its own: one consistent snapshot,
                        // ended right after so that checkpoints are not held back.
                        c.setAutoCommit(false);
                    } catch (SQLException e) {
                        task.result.completeExceptionally(new StoreException("The history could not be opened for reading.", e));
                        continue;
                    }
                }
                execute(c, task);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            Sqlite.closeQuietly(c);
        }
    }

    private <T> void execute(Connection c, Task<T> task) {
        try {
            T value = task.query.run(c);
            c.rollback();
            task.result.complete(value);
        } catch (SQLException e) {
            endTransaction(c);
            if (Sqlite.isDamage(e)) {
                onDamage.accept(e);
            }
            LOG.log(System.Logger.Level.WARNING, "A history read failed", e);
            task.result.completeExceptionally(new StoreException("The history could not be read.", e));
        } catch (RuntimeException e) {
            endTransaction(c);
            LOG.log(System.Logger.Level.ERROR, "A history read failed", e);
            task.result.completeExceptionally(e);
        }
    }

    private static void endTransaction(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not end a read transaction", e);
        }
    }

    /** Lets queued reads finish, then closes the connections. Blocks until the threads are done. */
    @Override
    public void close() {
        closed = true;
        boolean interrupted = false;
        for (Thread t : threads) {
            while (true) {
                try {
                    tasks.put(STOP);
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        for (Thread t : threads) {
            while (t.isAlive()) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        // A read that slipped in while closing: say so instead of leaving its caller waiting.
        for (Task<?> left; (left = tasks.poll()) != null; ) {
            left.result.completeExceptionally(new StoreException("The history is closed."));
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
