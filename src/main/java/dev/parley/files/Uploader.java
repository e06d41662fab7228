package dev.parley.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The sender's side of an upload: after the host accepted an offer, send the file's bytes over a
 * transfer connection from where the host says it stands, so a second attempt after a cut sends
 * only the rest. Blocking: call it on a background thread; progress is reported on that thread.
 */
public final class Uploader {
    private static final int CHUNK = 64 * 1024;

    private final TransferConnector connector;
    private final ClientExchange exchange = new ClientExchange();

    public Uploader(TransferConnector connector) {
        this.connector = connector;
    }

    /**
     * Uploads {@code file} for the accepted offer's {@code token}; returns once the host has checked
     * and stored it.
     *
     * @throws TransferFailure {@code REFUSED} (the host's code, e.g. {@code hash_mismatch} when the
     *         file changed since it was offered), {@code BROKEN} (try again: it resumes),
     *         {@code CANCELLED}, or {@code LOCAL} (the file cannot be read or is shorter than offered)
     */
    public TransferLine.Done upload(String token, Path file, long size, TransferProgress progress,
                                    Cancellation cancellation) throws TransferFailure {
        try (FileChannel source = FileChannel.open(file, StandardOpenOption.READ)) {
            if (source.size() < size) {
                throw new TransferFailure(TransferFailure.Kind.LOCAL, null,
                        file + " is shorter than when it was offered", null);
            }
            return send(token, source, size, progress, cancellation);
        } catch (IOException e) {
            throw new TransferFailure(TransferFailure.Kind.LOCAL, null, "cannot read " + file + ": " + e, e);
        }
    }

    private TransferLine.Done send(String token, FileChannel source, long size, TransferProgress progress,
                                   Cancellation cancellation) throws TransferFailure {
        try (TransferStream stream = connector.open()) {
            cancellation.attach(stream);
            TransferLine.Ready ready = exchange.start(stream, new TransferLine.Upload(token));
            if (ready.size() != size) {
                throw new TransferProtocolException(FileProblem.BAD_HANDSHAKE,
                        "the host expects " + ready.size() + " bytes, the file has " + size);
            }
            progress.progress(ready.offset(), size);
            ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
            for (long at = ready.offset(); at < size; ) {
                buffer.clear().limit((int) Math.min(CHUNK, size - at));
                int n = readLocal(source, buffer, at);
                stream.out().write(buffer.array(), 0, n);
                at += n;
                progress.progress(at, size);
            }
            stream.out().flush();
            return exchange.finish(stream);
        } catch (IOException e) {
            throw ClientExchange.broken(e, cancellation);
        } finally {
            cancellation.detach();
        }
    }

    private static int readLocal(FileChannel source, ByteBuffer buffer, long at) throws TransferFailure {
        try {
            int n = source.read(buffer, at);
            if (n <= 0) {
                throw new TransferFailure(TransferFailure.Kind.LOCAL, null, "the file got shorter while sending", null);
            }
            return n;
        } catch (IOException e) {
            throw new TransferFailure(TransferFailure.Kind.LOCAL, null, "cannot read the file: " + e, e);
        }
    }
}
