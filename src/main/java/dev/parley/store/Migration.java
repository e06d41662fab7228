package dev.parley.store;

import java.util.List;

/**
 * One step of a database's schema. Versions count 1, 2, 3 ... with no holes; version 1 is the
 * schema of the first release. A released migration is never edited, only followed by a new one.
 *
 * @param version     the {@code PRAGMA user_version} the database has once this step is done
 * @param description what it changes, for the log
 * @param statements  the SQL, run in one transaction with the version change
 */
record Migration(int version, String description, List<String> statements) {
    Migration {
        if (version < 1) {
            throw new IllegalArgumentException("migration versions start at 1");
        }
        statements = List.copyOf(statements);
    }
}
