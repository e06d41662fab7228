package dev.parley.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * What the room's group-commit thread does: inserts a batch of events (the full-text index follows
 * by trigger) with the session changes queued among them, records the next seq in the same
 * transaction, and after the commit hands every append's outcome to the caller's executor, one task
 * per batch, in seq order. Also retention, in steps.
 */
final class RoomWriter implements GroupCommit.Handler<WriteItem> {
    private static final System.Logger LOG = System.getLogger("dev.parley.store");
    /** Events retention removes per transaction: small enough that a waiting batch is barely delayed. */
    static final int RETENTION_STEP = 500;

    private final Executor callbacks;
    private final Retention retention;
    private final Checkpointer checkpointer;
    private final Runnable onDamage;
    private Connection prepared;
    private PreparedStatement insert;
    private PreparedStatement nextSeq;
    private PreparedStatement saveSession;
    private PreparedStatement removeSession;

    RoomWriter(Executor callbacks, Retention retention, Checkpointer checkpointer, Runnable onDamage) {
        this.callbacks = callbacks;
        this.retention = retention;
        this.checkpointer = checkpointer;
        this.onDamage = onDamage;
    }

    @Override
    public void write(Connection c, List<WriteItem> batch) throws SQLException {
        prepare(c);
        long last = -1;
        for (WriteItem item : batch) {
            switch (item) {
                case WriteItem.Append a -> {
                    StoredEvent e = a.event();
                    insert.setLong(1, e.seq());
                    insert.setString(2, e.type());
                    insert.setLong(3, e.time().toEpochMilli());
                    insert.setBytes(4, e.frame());
                    insert.setString(5, e.senderKey());
                    insert.setString(6, e.clientId());
                    insert.setString(7, e.text());
                    insert.executeUpdate();
                    last = Math.max(last, e.seq());
                }
                case WriteItem.SaveSession save -> {
                    StoredSession x = save.session();
                    saveSession.setString(1, x.id());
                    saveSession.setString(2, x.nickKey());
                    saveSession.setString(3, x.nick());
                    saveSession.setBytes(4, x.tokenHash());
                    saveSession.setBytes(5, x.previousHash());
                    saveSession.setLong(6, x.lastSeenMillis());
                    saveSession.executeUpdate();
                }
                case WriteItem.RemoveSession remove -> {
                    removeSession.setString(1, remove.id());
                    removeSession.executeUpdate();
                }
            }
        }
        if (last >= 0) {
            nextSeq.setString(1, Long.toString(last + 1));
            nextSeq.executeUpdate();
        }
    }

    @Override
    public void committed(List<WriteItem> batch) {
        if (checkpointer != null) {
            checkpointer.committed();
        }
        deliver(appends(batch), p -> new AppendOutcome.Durable(p.event()));
    }

    @Override
    public void failed(List<WriteItem> batch, SQLException cause) {
        if (Sqlite.isDamage(cause)) {
            onDamage.run();
        }
        var failure = new StoreException("The message could not be saved to the history.", cause);
        deliver(appends(batch), p -> new AppendOutcome.Failed(p.event(), failure));
    }

    private static List<WriteItem.Append> appends(List<WriteItem> batch) {
        List<WriteItem.Append> appends = new java.util.ArrayList<>(batch.size());
        for (WriteItem item : batch) {
            if (item instanceof WriteItem.Append a) {
                appends.add(a);
            }
        }
        return appends;
    }

    private void deliver(List<WriteItem.Append> batch,
                         java.util.function.Function<WriteItem.Append, AppendOutcome> outcome) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            callbacks.execute(() -> {
                for (WriteItem.Append p : batch) {
                    try {
                        p.whenDone().accept(outcome.apply(p));
                    } catch (RuntimeException e) {
                        LOG.log(System.Logger.Level.ERROR, "An append callback failed for seq " + p.event().seq(), e);
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.log(System.Logger.Level.WARNING, "The room no longer takes outcomes; {0} append callbacks dropped",
                    batch.size());
        }
    }

    /**
     * Removes the oldest events past the limits, at most {@value #RETENTION_STEP} at a time, from the
     * oldest on until the first one that stays (times are taken to grow with seq). The newest event
     * always stays, and the next seq is kept in {@code meta}, so seqs never start over.
     */
    @Override
    public boolean upkeep(Connection c, long nowMillis) throws SQLException {
        if (checkpointer != null && checkpointer.walTooLarge()) {
            foldWal(c);
        }
        if (retention.keepsEverything()) {
            return false;
        }
        long newest = RoomReads.lastSeq(c);
        long keepAbove = retention.keepMessages() > 0 ? newest - retention.keepMessages() : Long.MIN_VALUE;
        long keepFrom = retention.keepFor() != null ? nowMillis - retention.keepFor().toMillis() : Long.MIN_VALUE;
        long last = -1;
        int count = 0;
        try (PreparedStatement s = c.prepareStatement("SELECT seq, time FROM events ORDER BY seq LIMIT ?")) {
            s.setInt(1, RETENTION_STEP);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    long seq = r.getLong(1);
                    if (seq >= newest || (seq > keepAbove && r.getLong(2) >= keepFrom)) {
                        break;
                    }
                    last = seq;
                    count++;
                }
            }
        }
        if (count == 0) {
            return false;
        }
        try (PreparedStatement d = c.prepareStatement("DELETE FROM events WHERE seq <= ?")) {
            d.setLong(1, last);
            d.executeUpdate();
        }
        LOG.log(System.Logger.Level.DEBUG, "Retention removed {0} events up to seq {1}", count, last);
        return count == RETENTION_STEP;
    }

    /** The WAL outgrew the background checkpoints: fold it in here, once, and start it over. */
    private static void foldWal(Connection c) throws SQLException {
        LOG.log(System.Logger.Level.INFO, "The WAL outgrew its limit; folding it into the database");
        c.commit();
        c.setAutoCommit(true); // a checkpoint cannot run inside the transaction sqlite-jdbc keeps open
        try (var s = c.createStatement()) {
            s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        } finally {
            c.setAutoCommit(false);
        }
    }

    private void prepare(Connection c) throws SQLException {
        if (prepared != c) {
            insert = c.prepareStatement("INSERT INTO events (" + RoomReads.COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)");
            nextSeq = c.prepareStatement("INSERT INTO meta (key, value) VALUES ('next_seq', ?) "
                    + "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
            saveSession = c.prepareStatement("INSERT INTO sessions (id, nick_key, nick, token_hash, previous_hash, "
                    + "last_seen) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET nick_key = excluded.nick_key, "
                    + "nick = excluded.nick, token_hash = excluded.token_hash, previous_hash = excluded.previous_hash, "
                    + "last_seen = excluded.last_seen");
            removeSession = c.prepareStatement("DELETE FROM sessions WHERE id = ?");
            prepared = c;
        }
    }
}
