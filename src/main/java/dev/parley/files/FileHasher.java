package dev.parley.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;

/**
 * The sender's first step: hash a local file and describe it as an offer. Blocking: call it on a
 * background thread; a 100 MiB file takes a fraction of a second to a few seconds.
 */
public final class FileHasher {
    private static final int CHUNK = 64 * 1024;

    private FileHasher() {
    }

    /** The file's SHA-256 as 64 lower-case hex digits. */
    public static String sha256(Path file, TransferProgress progress, Cancellation cancellation)
            throws TransferFailure {
        MessageDigest digest = Hex.sha256();
        try (InputStream in = Files.newInputStream(file)) {
            long total = Files.size(file);
            long done = 0;
            byte[] buffer = new byte[CHUNK];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                if (cancellation.isCancelled()) {
                    throw new TransferFailure(TransferFailure.Kind.CANCELLED, null, "cancelled", null);
                }
                digest.update(buffer, 0, n);
                done += n;
                progress.progress(done, total);
            }
        } catch (IOException e) {
            throw new TransferFailure(TransferFailure.Kind.LOCAL, null, "cannot read " + file + ": " + e, e);
        }
        return Hex.finish(digest);
    }

    /**
     * An offer for a local file: its name, size, hash and sniffed media type, under the sender's
     * {@code id} (1–{@value OfferRules#MAX_ID} of {@code A-Z a-z 0-9 _ -}).
     */
    public static FileOffer offer(String id, Path file, TransferProgress progress, Cancellation cancellation)
            throws TransferFailure {
        try {
            long size = Files.size(file);
            String sha256 = sha256(file, progress, cancellation);
            if (Files.size(file) != size) {
                throw new TransferFailure(TransferFailure.Kind.LOCAL, null, file + " changed while it was hashed", null);
            }
            return new FileOffer(id, file.getFileName().toString(), size, sha256, MediaSniffer.sniff(file).mime());
        } catch (IOException e) {
            throw new TransferFailure(TransferFailure.Kind.LOCAL, null, "cannot read " + file + ": " + e, e);
        }
    }
}
