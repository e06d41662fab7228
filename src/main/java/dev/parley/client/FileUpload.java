package dev.parley.client;

import dev.parley.files.Cancellation;
import dev.parley.files.FileHasher;
import dev.parley.files.FileOffer;
import dev.parley.files.FileProblem;
import dev.parley.files.TransferConnector;
import dev.parley.files.TransferFailure;
import dev.parley.files.TransferLine;
import dev.parley.files.TransferProgress;
import dev.parley.files.Uploader;
import dev.parley.protocol.FileSizes;
import dev.parley.protocol.Frame;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One file this person sends to the room (extension {@code files}): hashed once, offered in the chat, its
 * bytes uploaded over a transfer connection. Running it again after a failure resumes: the same offer gets
 * the same token back, and the host says how much it holds already; a token that expired meanwhile (an
 * hour without bytes, a host restart) is offered anew. A file changed since it was hashed is hashed again.
 *
 * <p>{@link #run} blocks: call it on a background thread, one run at a time; {@link Cancellation#cancel()}
 * from any thread stops it, keeping what arrived for the next run.
 */
public final class FileUpload {
    /** How often a wait for the host's answer to the offer looks whether it was cancelled. */
    private static final long ANSWER_POLL_MILLIS = 200;

    private final String id;
    private final Path path;
    private volatile FileOffer offer;

    /** A new upload of {@code path} under a fresh offer id. */
    public FileUpload(Path path) {
        this("f-" + UUID.randomUUID().toString().replace("-", ""), path);
    }

    /** @param id the offer's id: 1–62 of {@code A-Z a-z 0-9 _ -}; the room's {@code file} event carries it back */
    public FileUpload(String id, Path path) {
        this.id = id;
        this.path = path;
    }

    public String id() {
        return id;
    }

    public Path path() {
        return path;
    }

    /** The offer, once the file was hashed; {@code null} before. */
    public FileOffer offer() {
        return offer;
    }

    /**
     * Hashes the file (the first time), offers it and uploads what the host does not hold yet; returns once
     * the host has checked and stored it (its {@code file} event is then on its way to the room).
     *
     * @param hashing progress of the hash, reported on this thread
     * @param sending progress of the upload, counting what the host held already, on this thread
     * @throws TransferFailure {@code REFUSED} with the host's code ({@code file_too_large} before any
     *         hashing when the file is over the cap the host announced; {@link ChatClient#NO_FILES} when the
     *         host takes no files), {@code BROKEN} (run it again: it resumes), {@code CANCELLED}, or
     *         {@code LOCAL} (the file cannot be read)
     */
    public TransferLine.Done run(ChatClient client, TransferProgress hashing, TransferProgress sending,
                                 Cancellation cancellation) throws TransferFailure {
        return run(client, client.transfers(), hashing, sending, cancellation);
    }

    /** {@link #run(ChatClient, TransferProgress, TransferProgress, Cancellation)} over these transfer connections. */
    public TransferLine.Done run(ChatClient client, TransferConnector connector, TransferProgress hashing,
                                 TransferProgress sending, Cancellation cancellation) throws TransferFailure {
        FileOffer o = offer;
        if (o == null) {
            checkSize(client.maxFileSize());
            o = FileHasher.offer(id, path, hashing, cancellation);
            offer = o;
        }
        var uploader = new Uploader(connector);
        try {
            Frame.OfferOk ok = answer(client.offer(o), cancellation);
            try {
                return uploader.upload(ok.token(), path, o.size(), sending, cancellation);
            } catch (TransferFailure f) {
                if (f.problem() != FileProblem.TRANSFER_DENIED) {
                    throw f;
                }
                ok = answer(client.offer(o), cancellation);
                return uploader.upload(ok.token(), path, o.size(), sending, cancellation);
            }
        } catch (TransferFailure f) {
            if (f.problem() == FileProblem.HASH_MISMATCH) {
                offer = null; // the file changed since it was hashed: the next run hashes it again
            }
            throw f;
        }
    }

    private void checkSize(long max) throws TransferFailure {
        long size;
        try {
            size = Files.size(path);
        } catch (IOException e) {
            throw new TransferFailure(TransferFailure.Kind.LOCAL, null, "cannot read " + path + ": " + e, e);
        }
        if (max > 0 && size > max) {
            throw new TransferFailure(TransferFailure.Kind.REFUSED, FileProblem.FILE_TOO_LARGE.wire(),
                    "The file is " + FileSizes.format(size) + "; this room takes files of at most "
                            + FileSizes.format(max) + ".", null);
        }
    }

    /** Waits for the host's answer to the offer, which may take a reconnect; a cancel stops the wait. */
    private static Frame.OfferOk answer(CompletableFuture<Frame.OfferOk> answer, Cancellation cancellation)
            throws TransferFailure {
        while (true) {
            if (cancellation.isCancelled()) {
                throw new TransferFailure(TransferFailure.Kind.CANCELLED, null, "cancelled", null);
            }
            try {
                return answer.get(ANSWER_POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // Still waiting: the offer goes out again after a reconnect.
            } catch (ExecutionException e) {
                if (e.getCause() instanceof TransferFailure f) {
                    throw f;
                }
                throw new TransferFailure(TransferFailure.Kind.BROKEN, null, String.valueOf(e.getCause()), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransferFailure(TransferFailure.Kind.CANCELLED, null, "interrupted", e);
            }
        }
    }
}
