package dev.parley.store;

import java.util.List;

/**
 * A database's shape: its migrations, and the tables holding what cannot be rebuilt, in the order
 * a salvage copies them. Those are plain rowid tables; indexes and full-text tables are derived
 * from them and rebuilt by the copy.
 */
record Schema(String what, List<Migration> migrations, List<String> salvageTables) {
    Schema {
        migrations = List.copyOf(migrations);
        salvageTables = List.copyOf(salvageTables);
    }

    /** The same schema with one more migration, for tests of upgrades. */
    Schema plus(Migration next) {
        var more = new java.util.ArrayList<>(migrations);
        more.add(next);
        return new Schema(what, more, salvageTables);
    }
}
