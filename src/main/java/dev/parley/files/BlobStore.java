package dev.parley.files;

import dev.parley.protocol.LogText;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The room's files, content-addressed: {@code <folder>/blobs/<sha256>}, each written first as
 * {@code <folder>/partial/<token>.part} and moved in atomically once its hash matches, so a blob
 * under a name is always whole and always that content. Stored files and accepted uploads together
 * stay under a cap; going over it evicts the oldest stored files, and the commit says which.
 *
 * <p>Thread-safe. The accounting ({@link #reserve}, {@link #contains}, sizes) is memory only and
 * never waits for the disk, so the server's event loop may call it; everything that touches files
 * runs on transfer threads. Blobs are never changed in place, so any number of readers may read
 * while uploads are written and committed. Only hex ids become paths ({@link Hex}).
 */
public final class BlobStore {
    private static final System.Logger LOG = System.getLogger("dev.parley.files");
    private static final String PARTIAL_SUFFIX = ".part";

    private final Path blobs;
    private final Path partials;
    private final long capBytes;
    private final long maxFileBytes;
    /** Held while files in {@code blobs} are moved in or deleted; never by the accounting. */
    private final Object files = new Object();
    /** sha256 to size, oldest first. */
    private final LinkedHashMap<String, Long> index = new LinkedHashMap<>();
    private long used;
    private long reserved;

    /** A stored file opened for reading; close it when done. */
    public record Blob(String sha256, long size, FileChannel channel) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    private BlobStore(Path folder, long capBytes, long maxFileBytes) {
        this.blobs = folder.resolve("blobs");
        this.partials = folder.resolve("partial");
        this.capBytes = capBytes;
        this.maxFileBytes = maxFileBytes;
    }

    /**
     * Opens (creating it if needed) the store in {@code folder}. Unfinished uploads of an earlier
     * run are deleted (their tokens lived in that run's memory); files that are not named by a
     * hash are left alone and ignored. If the stored files exceed the cap, the oldest are evicted.
     */
    public static BlobStore open(Path folder, long capBytes, long maxFileBytes) throws IOException {
        var store = new BlobStore(folder, capBytes, maxFileBytes);
        Files.createDirectories(store.blobs);
        Files.createDirectories(store.partials);
        store.deleteLeftoverPartials();
        store.loadIndex();
        return store;
    }

    /** Bytes of stored files. */
    public synchronized long usedBytes() {
        return used;
    }

    /** Bytes promised to accepted uploads not yet stored. */
    public synchronized long reservedBytes() {
        return reserved;
    }

    public long capBytes() {
        return capBytes;
    }

    /** Whether the file with this hash is stored now. Memory only. */
    public synchronized boolean contains(String sha256) {
        return index.containsKey(sha256);
    }

    /**
     * Promises room for an upload of {@code bytes}, or empty when accepted uploads would then pass
     * the cap (stored files do not count: they can be evicted). Memory only.
     */
    public synchronized Optional<Reservation> reserve(long bytes) {
        if (bytes < 0 || bytes > maxFileBytes || reserved + bytes > capBytes) {
            return Optional.empty();
        }
        reserved += bytes;
        return Optional.of(new Reservation(this, bytes));
    }

    synchronized void release(long bytes) {
        reserved -= bytes;
    }

    /** Free bytes on the disk under the store, for the last check before an upload's bytes come. */
    public long usableDiskBytes() throws IOException {
        return Files.getFileStore(blobs).getUsableSpace();
    }

    /** Where a stored file lies, for decoding its preview; it may be evicted at any time. */
    Path path(String sha256) {
        requireSha(sha256);
        return blobs.resolve(sha256);
    }

    /** Opens a stored file, or empty when it is not (or no longer) stored. */
    public Optional<Blob> open(String sha256) throws IOException {
        requireSha(sha256);
        try {
            FileChannel channel = FileChannel.open(blobs.resolve(sha256), StandardOpenOption.READ);
            return Optional.of(new Blob(sha256, channel.size(), channel));
        } catch (NoSuchFileException gone) {
            return Optional.empty();
        }
    }

    /**
     * The partial file of the upload with this token, created empty or opened where an earlier
     * connection left it, ready to take bytes from its {@link PartialUpload#offset()}.
     */
    public PartialUpload partial(String token, long size) throws IOException {
        if (!Hex.isToken(token)) {
            throw new IllegalArgumentException("not an upload token: " + LogText.safe(token));
        }
        if (size < 0 || size > maxFileBytes) {
            throw new IllegalArgumentException("size out of bounds: " + size);
        }
        return PartialUpload.open(this, partials.resolve(token + PARTIAL_SUFFIX), size);
    }

    /** Deletes the partial file of an upload that will not be finished. */
    public void discardPartial(String token) throws IOException {
        if (Hex.isToken(token)) {
            Files.deleteIfExists(partials.resolve(token + PARTIAL_SUFFIX));
        }
    }

    /**
     * Moves a verified partial file in under its hash (or drops it, when that content is already
     * stored, which then counts as new), settles its reservation, and evicts the oldest other files
     * until stored files and accepted uploads fit the cap.
     *
     * @return the hashes of the evicted files, oldest first
     */
    List<String> commit(String sha256, long size, Path partial, Reservation reservation) throws IOException {
        requireSha(sha256);
        Path target = blobs.resolve(sha256);
        List<String> evicted;
        synchronized (files) {
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                Files.setLastModifiedTime(target, FileTime.from(Instant.now()));
            } finally {
                reservation.release();
            }
            evicted = account(sha256, size);
            for (String old : evicted) {
                try {
                    Files.deleteIfExists(blobs.resolve(old));
                } catch (IOException e) {
                    // Windows refuses to delete a file being read; the next open of the store retries.
                    LOG.log(System.Logger.Level.WARNING, "evicted file {0} could not be deleted yet: {1}", old, e);
                }
            }
        }
        if (!evicted.isEmpty()) {
            LOG.log(System.Logger.Level.INFO, "store over its cap of {0} bytes; evicted {1}", capBytes, evicted);
        }
        return evicted;
    }

    private synchronized List<String> account(String sha256, long size) {
        Long before = index.remove(sha256);
        used += size - (before == null ? 0 : before);
        index.put(sha256, size);
        var evicted = new ArrayList<String>();
        var oldest = index.entrySet().iterator();
        while (used + reserved > capBytes && oldest.hasNext()) {
            Map.Entry<String, Long> entry = oldest.next();
            if (!entry.getKey().equals(sha256)) {
                used -= entry.getValue();
                evicted.add(entry.getKey());
                oldest.remove();
            }
        }
        return evicted;
    }

    private void deleteLeftoverPartials() throws IOException {
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(partials, "*" + PARTIAL_SUFFIX)) {
            for (Path leftover : leftovers) {
                Files.deleteIfExists(leftover);
            }
        }
    }

    private void loadIndex() throws IOException {
        record Found(String sha256, long size, FileTime modified) {
        }
        var found = new ArrayList<Found>();
        try (DirectoryStream<Path> stored = Files.newDirectoryStream(blobs)) {
            for (Path file : stored) {
                String name = file.getFileName().toString();
                if (Hex.isSha256(name) && Files.isRegularFile(file)) {
                    found.add(new Found(name, Files.size(file), Files.getLastModifiedTime(file)));
                }
            }
        }
        found.sort(Comparator.comparing(Found::modified).thenComparing(Found::sha256));
        for (Found f : found) {
            index.put(f.sha256(), f.size());
            used += f.size();
        }
        if (used > capBytes) {
            Found newest = found.getLast();
            synchronized (files) {
                for (String old : account(newest.sha256(), newest.size())) {
                    Files.deleteIfExists(blobs.resolve(old));
                }
            }
        }
    }

    private static void requireSha(String sha256) {
        if (!Hex.isSha256(sha256)) {
            throw new IllegalArgumentException("not a sha256: " + LogText.safe(sha256));
        }
    }
}
