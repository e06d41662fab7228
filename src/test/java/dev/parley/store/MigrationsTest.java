package dev.parley.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import static dev.parley.store.StoreTesting.appendAll;
import static dev.parley.store.StoreTesting.messages;
import static dev.parley.store.StoreTesting.msg;
import static dev.parley.store.StoreTesting.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MigrationsTest {
    /** What a next release might add: a column and an index, with a default for the rows already there. */
    private static final Migration PRETEND_NEXT = new Migration(RoomSchema.MIGRATIONS.size() + 1, "reactions", List.of(
            "ALTER TABLE events ADD COLUMN reactions TEXT NOT NULL DEFAULT ''",
            "CREATE INDEX events_by_type ON events (type)"));

    @TempDir
    Path folder;

    private final ExecutorService loop = StoreTesting.loop();

    @AfterEach
    void stopLoop() {
        loop.shutdownNow();
    }

    @Test
    void aNewFileIsAtTheLatestSchemaVersion() throws Exception {
        try (RoomStore store = StoreTesting.open(folder, loop)) {
            assertThat(version(store.databaseFile())).isEqualTo(RoomSchema.MIGRATIONS.size());
        }
    }

    @Test
    void aFileOfTheFirstReleaseOpensWithTodaysSchemaAndKeepsItsHistory() throws Exception {
        // A database as the first release left it: schema 1, its events written as its writer did.
        java.nio.file.Files.createDirectories(folder);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + folder.resolve("room.db"))) {
            Migrations.apply(c, RoomSchema.MIGRATIONS.subList(0, 1), "room history");
            List<StoredEvent> old = new java.util.ArrayList<>(messages(1, 50));
            old.add(StoreTesting.joined(51, "carol"));
            try (var insert = c.prepareStatement("INSERT INTO events (" + RoomReads.COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (StoredEvent e : old) {
                    insert.setLong(1, e.seq());
                    insert.setString(2, e.type());
                    insert.setLong(3, e.time().toEpochMilli());
                    insert.setBytes(4, e.frame());
                    insert.setString(5, e.senderKey());
                    insert.setString(6, e.clientId());
                    insert.setString(7, e.text());
                    insert.executeUpdate();
                }
            }
        }
        try (RoomStore store = StoreTesting.open(folder, loop)) {
            assertThat(version(store.databaseFile())).isEqualTo(RoomSchema.MIGRATIONS.size());
            assertThat(store.nextSeq()).isEqualTo(52);
            assertThat(store.tail().recent()).hasSize(50);
            assertThat(store.tail().recentPresence()).extracting(StoredEvent::seq).containsExactly(51L);
            assertThat(store.tail().sessions()).isEmpty();
            assertThat(store.saveSession(new StoredSession("s", "alice", "alice", new byte[] {1}, null, 1)))
                    .isEqualTo(Admission.ACCEPTED);
            assertThat(store.search("otters", Long.MAX_VALUE, 50).get(10, TimeUnit.SECONDS).hits()).hasSize(50);
        }
    }

    @Test
    void aFileOpensAfterTheNextMigrationIsAddedAndKeepsItsHistory() throws Exception {
        int next = RoomSchema.MIGRATIONS.size() + 1;
        try (RoomStore store = StoreTesting.open(folder, loop)) {
            appendAll(store, messages(1, 50));
        }
        Schema later = RoomSchema.SCHEMA.plus(PRETEND_NEXT);
        try (RoomStore store = RoomStore.open(folder, "room", StoreOptions.defaults(), loop, later, Clock.systemUTC())) {
            assertThat(version(store.databaseFile())).isEqualTo(next);
            assertThat(store.nextSeq()).isEqualTo(51);
            appendAll(store, List.of(msg(51, "alice", "n", "after the upgrade about otters")));
            assertThat(readAll(store)).hasSize(51);
            assertThat(store.search("otters", Long.MAX_VALUE, 50).get(10, TimeUnit.SECONDS).hits()).hasSize(50);
        }
        // Opening again runs nothing twice (ALTER TABLE ADD COLUMN would fail a second time).
        try (RoomStore store = RoomStore.open(folder, "room", StoreOptions.defaults(), loop, later, Clock.systemUTC())) {
            assertThat(store.nextSeq()).isEqualTo(52);
            assertThat(version(store.databaseFile())).isEqualTo(next);
        }
    }

    @Test
    void stepsRunInOrderEachOnceInItsOwnTransaction() throws Exception {
        Path db = folder.resolve("plain.db");
        var log = List.of(
                new Migration(1, "one", List.of("CREATE TABLE steps (n INTEGER)", "INSERT INTO steps VALUES (1)")),
                new Migration(2, "two", List.of("INSERT INTO steps VALUES (2)")),
                new Migration(3, "broken", List.of("INSERT INTO steps VALUES (3)", "INSERT INTO nowhere VALUES (1)")));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            assertThat(Migrations.apply(c, log.subList(0, 2), "test")).isZero();
            assertThat(Migrations.apply(c, log.subList(0, 2), "test")).isEqualTo(2);
            assertThatThrownBy(() -> Migrations.apply(c, log, "test")).isInstanceOf(java.sql.SQLException.class);
            // The failed step left nothing behind: not its first statement, not its version.
            assertThat(Migrations.version(c)).isEqualTo(2);
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT group_concat(n) FROM steps")) {
                r.next();
                assertThat(r.getString(1)).isEqualTo("1,2");
            }
            assertThatThrownBy(() -> Migrations.apply(c, List.of(log.get(1)), "test"))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aFileFromANewerParleyIsRefusedWithASentence() throws Exception {
        Schema v2 = RoomSchema.SCHEMA.plus(PRETEND_NEXT);
        RoomStore.open(folder, "room", StoreOptions.defaults(), loop, v2, Clock.systemUTC()).close();
        assertThatThrownBy(() -> StoreTesting.open(folder, loop))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("newer version of Parley")
                .hasMessageContaining("Update Parley");
        // The refusal released the folder: the newer Parley can still open it.
        RoomStore.open(folder, "room", StoreOptions.defaults(), loop, v2, Clock.systemUTC()).close();
    }

    private static int version(Path db) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            return Migrations.version(c);
        }
    }
}
