package dev.parley.files;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;

/**
 * The receiver's side of a download: bytes go to a partial file that a second attempt resumes
 * from, and the file counts as saved only once its hash matches; a mismatch deletes the partial
 * file and says so. Blocking: call it on a background thread; progress is reported on that thread.
 */
public final class Downloader {
    private static final int CHUNK = 64 * 1024;

    private final TransferConnector connector;
    private final String key;
    private final ClientExchange exchange = new ClientExchange();

    /** @param key the download key from this connection's {@code welcome} */
    public Downloader(TransferConnector connector, String key) {
        this.connector = connector;
        this.key = key;
    }

    /**
     * Downloads the stored file into {@code folder} as a free name made from {@code name}
     * ({@link SafeNames}); its partial file waits in {@code folder} as
     * {@code .parley-<hash>.part} until it is verified.
     *
     * @return where the verified file was saved
     */
    public Path save(String sha256, long size, Path folder, String name, TransferProgress progress,
                     Cancellation cancellation) throws TransferFailure {
        Path partial = folder.resolve(".parley-" + requireSha(sha256).substring(0, 16) + ".part");
        Path verified = download(sha256, size, partial, progress, cancellation);
        try {
            return SafeNames.moveToUnique(verified, folder, name);
        } catch (IOException e) {
            throw new TransferFailure(TransferFailure.Kind.LOCAL, null, "cannot save into " + folder + ": " + e, e);
        }
    }

    /**
     * Downloads the stored file into {@code partial}, resuming from the bytes it already holds, and
     * returns it once the whole file hashes to {@code sha256}.
     *
     * @throws TransferFailure {@code CORRUPT} (hash mismatch: the partial file was deleted),
     *         {@code REFUSED} (e.g. {@code file_gone}), {@code BROKEN} (try again: it resumes),
     *         {@code CANCELLED}, or {@code LOCAL} (the partial file cannot be written)
     */
    public Path download(String sha256, long size, Path partial, TransferProgress progress,
                         Cancellation cancellation) throws TransferFailure {
        requireSha(sha256);
        MessageDigest digest = Hex.sha256();
        try (FileChannel target = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            long held = rehash(target, size, digest);
            receive(sha256, size, target, held, digest, progress, cancellation);
            target.force(true);
        } catch (IOException e) {
            throw new TransferFailure(TransferFailure.Kind.LOCAL, null, "cannot write " + partial + ": " + e, e);
        }
        String actual = Hex.finish(digest);
        if (!actual.equals(sha256)) {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException e) {
                throw new TransferFailure(TransferFailure.Kind.LOCAL, null, "cannot delete " + partial + ": " + e, e);
            }
            throw new TransferFailure(TransferFailure.Kind.CORRUPT, null,
                    "the file arrived damaged (its SHA-256 is " + actual + ", not " + sha256 + "); it was deleted", null);
        }
        return partial;
    }

    private void receive(String sha256, long size, FileChannel target, long held, MessageDigest digest,
                         TransferProgress progress, Cancellation cancellation) throws TransferFailure {
        try (TransferStream stream = connector.open()) {
            cancellation.attach(stream);
            TransferLine.Ready ready = exchange.start(stream, new TransferLine.Download(key, sha256, held));
            if (ready.offset() != held || ready.size() != size) {
                throw new TransferProtocolException(FileProblem.BAD_HANDSHAKE, "the host offers bytes "
                        + ready.offset() + "–" + ready.size() + ", not " + held + "–" + size);
            }
            progress.progress(held, size);
            byte[] buffer = new byte[CHUNK];
            for (long at = held; at < size; ) {
                int n = stream.in().read(buffer, 0, (int) Math.min(CHUNK, size - at));
                if (n < 0) {
                    throw new EOFException("the host closed at byte " + at + " of " + size);
                }
                writeLocal(target, buffer, n, at);
                digest.update(buffer, 0, n);
                at += n;
                progress.progress(at, size);
            }
            exchange.finish(stream);
        } catch (LocalWriteFailure e) {
            throw e.failure;
        } catch (IOException e) {
            throw ClientExchange.broken(e, cancellation);
        } finally {
            cancellation.detach();
        }
    }

    /** A failed local write, kept apart from the connection's I/O errors. */
    private static final class LocalWriteFailure extends IOException {
        final TransferFailure failure;

        LocalWriteFailure(TransferFailure failure) {
            this.failure = failure;
        }
    }

    private static void writeLocal(FileChannel target, byte[] buffer, int n, long at) throws LocalWriteFailure {
        try {
            ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, n);
            long position = at;
            while (bytes.hasRemaining()) {
                position += target.write(bytes, position);
            }
        } catch (IOException e) {
            throw new LocalWriteFailure(new TransferFailure(TransferFailure.Kind.LOCAL, null,
                    "cannot write the downloaded file: " + e, e));
        }
    }

    /** Hashes the bytes an earlier attempt left; a partial file longer than the file starts over. */
    private static long rehash(FileChannel target, long size, MessageDigest digest) throws IOException {
        long held = target.size();
        if (held > size) {
            target.truncate(0);
            return 0;
        }
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
        for (long at = 0; at < held; ) {
            buffer.clear().limit((int) Math.min(CHUNK, held - at));
            int n = target.read(buffer, at);
            if (n < 0) {
                return at;
            }
            digest.update(buffer.flip());
            at += n;
        }
        return held;
    }

    private static String requireSha(String sha256) {
        if (!Hex.isSha256(sha256)) {
            throw new IllegalArgumentException("not a sha256: " + sha256);
        }
        return sha256;
    }
}
