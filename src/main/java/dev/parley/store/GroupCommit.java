package dev.parley.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One writer thread that owns a database connection and commits everything queued so far in one
 * transaction: under load a batch grows and the cost of a durable commit (an fsync) is shared by
 * all its items; when it is quiet each item is committed on its own, at once.
 *
 * <p>{@link #offer} may be called from any thread and never blocks. The handler runs on the writer
 * thread only. Between batches, when nothing waits, the handler may do upkeep in small steps.
 */
final class GroupCommit<T> implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("dev.parley.store");
    /** How long the idle writer sleeps before it looks at upkeep and at whether it should stop. */
    private static final long IDLE_POLL_MILLIS = 100;

    /** What the writer does with a batch. Every method runs on the writer thread. */
    interface Handler<T> {
        /** Writes the batch inside an open transaction; the writer commits afterwards. */
        void write(Connection c, List<T> batch) throws SQLException;

        /** The batch is committed (durable, for a store with full durability). */
        void committed(List<T> batch);

        /** Writing or committing failed; the transaction was rolled back and nothing of it is stored. */
        void failed(List<T> batch, SQLException cause);

        /**
         * One small step of upkeep (retention) in its own transaction, run when no batch waits.
         *
         * @return whether another step is needed soon
         */
        boolean upkeep(Connection c, long nowMillis) throws SQLException;
    }

    private final Connection connection;
    private final Handler<T> handler;
    private final BlockingQueue<T> queue;
    private final int maxBatch;
    private final Thread thread;
    private volatile boolean stopping;
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong events = new AtomicLong();
    private final AtomicInteger largest = new AtomicInteger();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong commitNanos = new AtomicLong();

    GroupCommit(String name, Connection connection, int capacity, int maxBatch, Handler<T> handler) {
        this.connection = connection;
        this.handler = handler;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.maxBatch = maxBatch;
        this.thread = Thread.ofPlatform().name(name).daemon().unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    /** Queues an item; {@code false} when the queue is full or the writer is stopping. */
    boolean offer(T item) {
        synchronized (queue) {
            return !stopping && queue.offer(item);
        }
    }

    boolean isStopping() {
        return stopping;
    }

    WriterStats stats() {
        return new WriterStats(batches.get(), events.get(), largest.get(), failed.get(), commitNanos.get());
    }

    /**
     * Stops taking items, commits what is queued, then returns once the thread is done. Blocks: call
     * it from a thread that may wait on disk.
     */
    @Override
    public void close() {
        synchronized (queue) {
            stopping = true;
        }
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        List<T> batch = new ArrayList<>(maxBatch);
        boolean moreUpkeep = true;
        long lastUpkeep = 0;
        try {
            connection.setAutoCommit(false);
            while (true) {
                T first = queue.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, maxBatch - 1);
                    commit(batch);
                    batch.clear();
                }
                long now = System.currentTimeMillis();
                // Upkeep waits for a quiet moment, but not longer than a second under a steady flood.
                if (moreUpkeep && (queue.isEmpty() || now - lastUpkeep >= 1_000)) {
                    moreUpkeep = upkeep(now);
                    lastUpkeep = now;
                } else if (!moreUpkeep && now - lastUpkeep >= 1_000) {
                    moreUpkeep = true;
                }
                if (stopping && queue.isEmpty()) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            LOG.log(System.Logger.Level.WARNING, "{0} was interrupted", thread.getName());
        } catch (SQLException | RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, thread.getName() + " stopped", e);
        } finally {
            failWhatIsLeft();
        }
    }

    /** The writer ends: nothing more is taken, and whatever still waits is reported failed, never dropped. */
    private void failWhatIsLeft() {
        List<T> left = new ArrayList<>();
        synchronized (queue) {
            stopping = true;
            queue.drainTo(left);
        }
        if (!left.isEmpty()) {
            LOG.log(System.Logger.Level.ERROR, "{0} stopped with {1} items not written", thread.getName(), left.size());
            handler.failed(List.copyOf(left), new SQLException("the history writer stopped"));
        }
    }

    private void commit(List<T> batch) {
        long start = System.nanoTime();
        try {
            handler.write(connection, batch);
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            rollback();
            failed.incrementAndGet();
            LOG.log(System.Logger.Level.ERROR, thread.getName() + ": a batch of " + batch.size()
                    + " could not be written", e);
            handler.failed(List.copyOf(batch), e instanceof SQLException sql ? sql : new SQLException(e));
            return;
        }
        commitNanos.addAndGet(System.nanoTime() - start);
        batches.incrementAndGet();
        events.addAndGet(batch.size());
        largest.accumulateAndGet(batch.size(), Math::max);
        handler.committed(List.copyOf(batch));
    }

    private boolean upkeep(long now) {
        try {
            boolean more = handler.upkeep(connection, now);
            connection.commit();
            return more;
        } catch (SQLException e) {
            rollback();
            LOG.log(System.Logger.Level.WARNING, thread.getName() + ": upkeep failed; trying again later", e);
            return false;
        }
    }

    private void rollback() {
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOG.log(System.Logger.Level.WARNING, thread.getName() + ": rollback failed", e);
        }
    }
}
