package dev.parley.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Looks at a database before it is used. Cheap checks always: the header, whether the file is as
 * long as its header says (a cut last page, or bytes added after it, when no WAL is pending), the
 * schema and each table's first and last row. The full {@code PRAGMA quick_check}, which reads every
 * page, only when the last run saw damage. After an unclean end (a WAL still there) the store runs
 * that full check in the background once the room is open ({@link BackgroundCheck}): SQLite's WAL
 * already drops a torn last commit by its checksums, and a room of a million events would
 * otherwise wait 1.0-1.4 s for the check before it listens.
 */
final class DamageCheck {
    private static final byte[] MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER = 100;

    /** What the check found. */
    sealed interface Finding {
    }

    record Healthy() implements Finding {
    }

    /** Bytes after the last page the header counts, with no WAL that could explain them. */
    record ExtraBytes(long validLength, long fileLength) implements Finding {
    }

    record Damaged(String why) implements Finding {
    }

    private DamageCheck() {
    }

    static Finding inspect(DatabaseFiles files, Schema schema, boolean thorough) throws IOException {
        if (!Files.exists(files.db())) {
            return new Healthy();
        }
        long length = Files.size(files.db());
        boolean hotWal = files.hasHotWal();
        if (length == 0) {
            return new Healthy();
        }
        if (length < HEADER) {
            return new Damaged("the file is " + length + " bytes, shorter than a SQLite header");
        }
        byte[] header = new byte[HEADER];
        try (InputStream in = Files.newInputStream(files.db())) {
            in.readNBytes(header, 0, HEADER);
        }
        if (!Arrays.equals(header, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            return new Damaged("the file does not start with a SQLite header");
        }
        ByteBuffer b = ByteBuffer.wrap(header);
        int pageSize = b.getShort(16) & 0xffff;
        pageSize = pageSize == 1 ? 65_536 : pageSize;
        if (pageSize < 512 || Integer.bitCount(pageSize) != 1) {
            return new Damaged("the header names an impossible page size " + pageSize);
        }
        long pages = b.getInt(28) & 0xffffffffL;
        boolean pagesValid = pages > 0 && b.getInt(24) == b.getInt(92);
        if (!hotWal && pagesValid) {
            long expected = pages * pageSize;
            if (length < expected) {
                return new Damaged("the file ends " + (expected - length) + " bytes before its last page does");
            }
            if (length > expected) {
                return new ExtraBytes(expected, length);
            }
        }
        return readable(files, schema, thorough);
    }

    /** Opens it and reads: the schema, each table's first and last row, and every page when thorough. */
    private static Finding readable(DatabaseFiles files, Schema schema, boolean thorough) {
        try (Connection c = Sqlite.openWriter(files, Sqlite.Durability.FULL); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet r = s.executeQuery("SELECT name FROM sqlite_schema WHERE type = 'table'")) {
                while (r.next()) {
                    tables.add(r.getString(1));
                }
            }
            if (thorough) {
                List<String> problems = new ArrayList<>();
                try (ResultSet r = s.executeQuery("PRAGMA quick_check(5)")) {
                    while (r.next()) {
                        problems.add(r.getString(1));
                    }
                }
                if (!problems.equals(List.of("ok"))) {
                    return new Damaged("quick_check: " + String.join("; ", problems));
                }
            }
            for (String table : schema.salvageTables()) {
                if (tables.contains(table)) {
                    for (String order : List.of("ASC", "DESC")) {
                        try (ResultSet r = s.executeQuery("SELECT * FROM " + table + " ORDER BY rowid " + order + " LIMIT 1")) {
                            while (r.next()) {
                                for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                                    r.getObject(i);
                                }
                            }
                        }
                    }
                }
            }
            return new Healthy();
        } catch (SQLException e) {
            if (Sqlite.isDamage(e)) {
                return new Damaged(String.valueOf(e.getMessage()));
            }
            return new Healthy(); // not damage (full disk, permissions): the open that follows reports it
        }
    }
}
