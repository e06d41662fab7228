package dev.parley.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.List;

/**
 * One upload being written to its partial file, hashed as it goes. Opening it again with the same
 * token (a new connection after a cut) hashes what is already there and carries on from
 * {@link #offset()}. Used by one transfer thread at a time.
 */
public final class PartialUpload implements AutoCloseable {
    private final BlobStore store;
    private final Path path;
    private final long size;
    private final FileChannel channel;
    private final MessageDigest digest = Hex.sha256();
    private final byte[] head = new byte[MediaSniffer.HEAD_BYTES];
    private long offset;

    /** How a finished upload ended. */
    public sealed interface Outcome {
        /** Stored under its hash; {@code evicted} are the files that made room for it, oldest first. */
        record Stored(String sha256, List<String> evicted) implements Outcome {
        }

        /** The bytes hash to something else; the partial file is gone and nothing was stored. */
        record Mismatch(String actual) implements Outcome {
        }
    }

    private PartialUpload(BlobStore store, Path path, long size, FileChannel channel) {
        this.store = store;
        this.path = path;
        this.size = size;
        this.channel = channel;
    }

    static PartialUpload open(BlobStore store, Path path, long size) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        var upload = new PartialUpload(store, path, size, channel);
        try {
            upload.rehash();
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        return upload;
    }

    /** Re-reads what an earlier connection wrote; a partial longer than the file is started over. */
    private void rehash() throws IOException {
        long held = channel.size();
        if (held > size) {
            channel.truncate(0);
            held = 0;
        }
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        long at = 0;
        while (at < held) {
            buffer.clear().limit((int) Math.min(buffer.capacity(), held - at));
            int n = channel.read(buffer, at);
            if (n < 0) {
                break;
            }
            buffer.flip();
            keepHead(at, buffer.array(), 0, n);
            digest.update(buffer);
            at += n;
        }
        offset = at;
        channel.position(offset);
    }

    /** Bytes already held: where the uploader resumes. */
    public long offset() {
        return offset;
    }

    /** The offered size. */
    public long size() {
        return size;
    }

    /** Bytes still to come. */
    public long remaining() {
        return size - offset;
    }

    /** Appends bytes; never past the offered size. */
    public void write(byte[] bytes, int from, int length) throws IOException {
        if (length > remaining()) {
            throw new IllegalArgumentException("more bytes than offered: " + (offset + length) + " > " + size);
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes, from, length);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        digest.update(bytes, from, length);
        keepHead(offset, bytes, from, length);
        offset += length;
    }

    /** The first bytes of the file (up to {@link MediaSniffer#HEAD_BYTES}), for sniffing without reading it again. */
    public byte[] head() {
        return java.util.Arrays.copyOf(head, (int) Math.min(head.length, offset));
    }

    private void keepHead(long at, byte[] bytes, int from, int length) {
        if (at < head.length) {
            System.arraycopy(bytes, from, head, (int) at, (int) Math.min(length, head.length - at));
        }
    }

    /**
     * Checks the whole file against {@code sha256}: a match is made durable and moved into the
     * store (releasing {@code reservation}); a mismatch deletes the partial file.
     */
    public Outcome commit(String sha256, Reservation reservation) throws IOException {
        if (remaining() != 0) {
            throw new IllegalStateException("upload not complete: " + offset + " of " + size);
        }
        String actual = Hex.finish(digest);
        if (!actual.equals(sha256)) {
            channel.close();
            Files.deleteIfExists(path);
            return new Outcome.Mismatch(actual);
        }
        channel.force(true);
        channel.close();
        return new Outcome.Stored(sha256, store.commit(sha256, size, path, reservation));
    }

    /** Closes the file and keeps it, so a later connection can resume. */
    @Override
    public void close() throws IOException {
        channel.close();
    }
}
