package dev.parley.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Copies every row that can still be read from a damaged database into a fresh one with the same
 * schema. Rows are read in rowid order; where a read fails, it probes further rowids (1, 2, 4 ...
 * ahead, then halves back) for the next one that reads, so one bad page costs only the rows on it.
 */
final class Salvage {
    private static final System.Logger LOG = System.getLogger("dev.parley.store");
    private static final int PAGE = 500;

    /** What one table gave back: rows copied and the rowid ranges that could not be read. */
    record TableResult(String table, long copied, List<String> skipped) {
    }

    private Salvage() {
    }

    static List<TableResult> copy(Connection from, Connection to, List<String> tables) throws SQLException {
        List<TableResult> results = new ArrayList<>();
        for (String table : tables) {
            List<String> columns = sharedColumns(from, to, table);
            results.add(columns.isEmpty()
                    ? new TableResult(table, 0, List.of("all (the table could not be read)"))
                    : copyTable(from, to, table, columns));
            to.commit();
        }
        return results;
    }

    private static TableResult copyTable(Connection from, Connection to, String table, List<String> columns)
            throws SQLException {
        String list = String.join(", ", columns);
        String read = "SELECT rowid, " + list + " FROM " + table + " WHERE rowid > ? ORDER BY rowid LIMIT " + PAGE;
        String write = "INSERT OR IGNORE INTO " + table + "(rowid, " + list + ") VALUES (?"
                + ", ?".repeat(columns.size()) + ")";
        long cursor = Long.MIN_VALUE;
        long copied = 0;
        List<String> skipped = new ArrayList<>();
        try (PreparedStatement in = from.prepareStatement(read); PreparedStatement out = to.prepareStatement(write)) {
            while (true) {
                int rows = 0;
                try {
                    in.setLong(1, cursor);
                    try (ResultSet r = in.executeQuery()) {
                        while (r.next()) {
                            for (int i = 1; i <= columns.size() + 1; i++) {
                                out.setObject(i, r.getObject(i));
                            }
                            out.executeUpdate();
                            cursor = r.getLong(1);
                            copied++;
                            rows++;
                        }
                    }
                    if (rows < PAGE) {
                        break;
                    }
                } catch (SQLException e) {
                    if (!Sqlite.isDamage(e)) {
                        throw e;
                    }
                    long next = nextReadable(in, cursor);
                    skipped.add(next == Long.MAX_VALUE ? "after " + cursor : (cursor + 1) + " to " + (next - 1));
                    if (next == Long.MAX_VALUE) {
                        break;
                    }
                    cursor = next - 1;
                }
                to.commit();
            }
        }
        LOG.log(System.Logger.Level.WARNING, "Salvaged {0} rows of {1}; unreadable rowids: {2}", copied, table,
                skipped.isEmpty() ? "none" : String.join(", ", skipped));
        return new TableResult(table, copied, skipped);
    }

    /**
     * The smallest rowid above {@code cursor} from which a row reads, or {@link Long#MAX_VALUE} when
     * none does. Steps 1, 2, 4 ... ahead until a read works, then halves back towards the failure.
     */
    private static long nextReadable(PreparedStatement in, long cursor) {
        long failed = cursor;
        long step = 1;
        long found = -1;
        while (found < 0) {
            if (cursor > Long.MAX_VALUE - step) {
                return Long.MAX_VALUE;
            }
            long probe = cursor + step;
            switch (readsFrom(in, probe)) {
                case READS -> found = probe;
                case NOTHING_AFTER -> {
                    return Long.MAX_VALUE;
                }
                case FAILS -> {
                    failed = probe;
                    step = step > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : step * 2;
                }
            }
        }
        while (found - failed > 1) {
            long mid = failed + (found - failed) / 2;
            if (readsFrom(in, mid) == Probe.READS) {
                found = mid;
            } else {
                failed = mid;
            }
        }
        return found;
    }

    private enum Probe { READS, NOTHING_AFTER, FAILS }

    private static Probe readsFrom(PreparedStatement in, long rowid) {
        try {
            in.setLong(1, rowid - 1);
            in.setMaxRows(1);
            try (ResultSet r = in.executeQuery()) {
                if (!r.next()) {
                    return Probe.NOTHING_AFTER;
                }
                for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                    r.getObject(i);
                }
                return Probe.READS;
            }
        } catch (SQLException e) {
            return Probe.FAILS;
        } finally {
            try {
                in.setMaxRows(0);
            } catch (SQLException ignored) {
                // a statement that cannot reset its row limit fails its next read, which is handled there
            }
        }
    }

    /** Columns the fresh table has and the damaged one still names (all of the fresh ones if its schema is unreadable). */
    private static List<String> sharedColumns(Connection from, Connection to, String table) throws SQLException {
        List<String> fresh = columns(to, table);
        try {
            List<String> old = columns(from, table);
            if (old.isEmpty()) {
                return List.of();
            }
            fresh.retainAll(old);
        } catch (SQLException e) {
            if (!Sqlite.isDamage(e)) {
                throw e;
            }
            return List.of();
        }
        return fresh;
    }

    private static List<String> columns(Connection c, String table) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA table_info(" + table + ")")) {
            while (r.next()) {
                // An INTEGER PRIMARY KEY is the rowid itself, which the copy names as rowid.
                boolean rowidAlias = r.getInt("pk") == 1 && "INTEGER".equalsIgnoreCase(r.getString("type"));
                if (!rowidAlias) {
                    names.add(r.getString("name"));
                }
            }
        }
        return names;
    }
}
