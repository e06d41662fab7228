package dev.parley.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where one database lives: {@code <folder>/<name>.db} with SQLite's {@code -wal} and {@code -shm}
 * beside it, the {@code .lock} file that keeps a second host out, and {@code damaged/} for the
 * copies of files that could not be read.
 */
record DatabaseFiles(Path folder, String name) {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("uuuuMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

    DatabaseFiles {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a database name is 1-64 of a-z 0-9 _ -, was " + name);
        }
        folder = folder.toAbsolutePath().normalize();
    }

    Path db() {
        return folder.resolve(name + ".db");
    }

    Path wal() {
        return folder.resolve(name + ".db-wal");
    }

    Path shm() {
        return folder.resolve(name + ".db-shm");
    }

    Path lock() {
        return folder.resolve(name + ".lock");
    }

    /** Exists while a run saw the database report damage: the next open checks it thoroughly. */
    Path checkMarker() {
        return folder.resolve(name + ".check");
    }

    String url() {
        return "jdbc:sqlite:" + db();
    }

    /** The WAL holds frames: the last run did not close cleanly (a clean close checkpoints and removes it). */
    boolean hasHotWal() throws IOException {
        return Files.exists(wal()) && Files.size(wal()) > 0;
    }

    /** A new folder under {@code damaged/} for copies of this database's files, named by the time. */
    Path newDamagedFolder(Instant now) {
        Path base = folder.resolve("damaged").resolve(name + "-" + STAMP.format(now));
        Path candidate = base;
        for (int i = 2; Files.exists(candidate); i++) {
            candidate = base.resolveSibling(base.getFileName() + "-" + i);
        }
        return candidate;
    }

    /** The same database's files inside another folder (a working copy to salvage from). */
    DatabaseFiles in(Path otherFolder) {
        return new DatabaseFiles(otherFolder, name);
    }

    /** Copies the database and its WAL into {@code otherFolder}, for reading without touching the originals. */
    DatabaseFiles copyTo(Path otherFolder) throws IOException {
        Files.createDirectories(otherFolder);
        var copy = in(otherFolder);
        List<Path[]> pairs = new ArrayList<>();
        pairs.add(new Path[] {db(), copy.db()});
        pairs.add(new Path[] {wal(), copy.wal()});
        for (Path[] pair : pairs) {
            if (Files.exists(pair[0])) {
                Files.copy(pair[0], pair[1], StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return copy;
    }

    /** Deletes this database's files (only ever called on a working copy). */
    void deleteAll() throws IOException {
        for (Path file : List.of(db(), wal(), shm(), lock(), checkMarker())) {
            Files.deleteIfExists(file);
        }
    }
}
