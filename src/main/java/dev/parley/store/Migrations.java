package dev.parley.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Brings a database's schema up to date: runs, in order, each migration newer than the file's
 * {@code PRAGMA user_version}, each in its own transaction together with the new version number,
 * so a crash between two steps leaves a file at one of them and the next open carries on.
 * Running it again on an up-to-date file does nothing.
 */
final class Migrations {
    private static final System.Logger LOG = System.getLogger("dev.parley.store");

    private Migrations() {
    }

    /**
     * @return the schema version before any step ran (0 for a new file)
     * @throws StoreException the file was written by a newer Parley, whose schema this one does not know
     */
    static int apply(Connection c, List<Migration> migrations, String what) throws SQLException, StoreException {
        for (int i = 0; i < migrations.size(); i++) {
            if (migrations.get(i).version() != i + 1) {
                throw new IllegalArgumentException("migrations must be numbered 1, 2, 3 ... in order");
            }
        }
        int found = version(c);
        if (found > migrations.size()) {
            throw new StoreException("The " + what + " was written by a newer version of Parley (schema " + found
                    + "; this one knows up to " + migrations.size() + "). Update Parley to open it.");
        }
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            for (Migration m : migrations.subList(found, migrations.size())) {
                try (Statement s = c.createStatement()) {
                    for (String sql : m.statements()) {
                        s.execute(sql);
                    }
                    s.execute("PRAGMA user_version = " + m.version());
                    c.commit();
                } catch (SQLException e) {
                    c.rollback();
                    throw e;
                }
                LOG.log(System.Logger.Level.INFO, "{0}: schema {1} ({2})", what, m.version(), m.description());
            }
        } finally {
            c.setAutoCommit(autoCommit);
        }
        return found;
    }

    static int version(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA user_version")) {
            r.next();
            return r.getInt(1);
        }
    }
}
