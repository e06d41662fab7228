package dev.parley.files;

import dev.parley.protocol.LogText;

import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * The host's side of one upload connection: find the accepted offer by its token, tell the
 * uploader how much is already held, take the rest, check the hash, store, announce. A cut
 * connection keeps what arrived for the next one. Runs on the connection's transfer thread.
 */
final class UploadSession {
    private static final System.Logger LOG = System.getLogger("dev.parley.files");
    /** Free disk the host keeps beyond an upload's bytes, so the room's other files still have room. */
    private static final long DISK_MARGIN = 16 * FileLimits.MIB;
    private static final int CHUNK = 64 * 1024;
    private static final long TAKEOVER_SECONDS = 10;

    private final FileHost host;
    private final TransferLine.Upload handshake;
    private final TransferStream stream;

    UploadSession(FileHost host, TransferLine.Upload handshake, TransferStream stream) {
        this.host = host;
        this.handshake = handshake;
        this.stream = stream;
    }

    void run() throws IOException {
        PendingUploads.Pending upload = host.pending.byToken(handshake.token());
        if (upload == null) {
            refuse(FileProblem.TRANSFER_DENIED, "This upload is unknown or has expired; offer the file again.");
            return;
        }
        if (!takeOver(upload)) {
            refuse(FileProblem.TOO_MANY_TRANSFERS, "This upload is already running on another connection.");
            return;
        }
        try {
            if (host.pending.byToken(handshake.token()) != upload) {
                refuse(FileProblem.TRANSFER_DENIED, "This upload is unknown or has expired; offer the file again.");
                return;
            }
            upload.connection = stream.connection();
            carry(upload);
        } finally {
            upload.connection = null;
            upload.lock.unlock();
        }
    }

    /**
     * Takes the upload from any connection still carrying it: a new connection for the same token
     * wins, because the old one is usually half-open after a cut. Closing it makes its thread give
     * the lock up; one that never does is waited for at most {@value #TAKEOVER_SECONDS} s.
     */
    private boolean takeOver(PendingUploads.Pending upload) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TAKEOVER_SECONDS);
        try {
            while (!upload.lock.tryLock(100, TimeUnit.MILLISECONDS)) {
                Closeable previous = upload.connection;
                if (previous != null) {
                    previous.close();
                }
                if (System.nanoTime() > deadline) {
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted waiting for the previous connection of this upload", e);
        }
    }

    private void carry(PendingUploads.Pending upload) throws IOException {
        String what = "upload of " + LogText.safe(upload.safeName) + " by " + LogText.safe(upload.person);
        long size = upload.offer.size();
        PartialUpload opened;
        try {
            opened = host.store.partial(upload.token, size);
        } catch (IOException disk) {
            LOG.log(System.Logger.Level.WARNING, "{0}: could not open its partial file: {1}", what, disk.toString());
            refuse(FileProblem.TRANSFER_FAILED, "The host could not store the file.");
            return;
        }
        try (IdleWatch.Ticket ticket = host.watch.watch(stream, what); PartialUpload partial = opened) {
            if (host.store.usableDiskBytes() < partial.remaining() + DISK_MARGIN) {
                LOG.log(System.Logger.Level.WARNING, "{0}: the disk is too full", what);
                refuse(FileProblem.STORE_FULL, "The host's disk is too full for this file right now.");
                return;
            }
            host.codec.write(stream.out(), new TransferLine.Ready(partial.offset(), size));
            if (!receive(partial, upload, ticket, what)) {
                return;
            }
            PartialUpload.Outcome outcome = partial.commit(upload.offer.sha256(), upload.reservation);
            host.settle(upload);
            switch (outcome) {
                case PartialUpload.Outcome.Mismatch mismatch -> {
                    LOG.log(System.Logger.Level.INFO, "{0}: bytes hash to {1}, not the offered {2}; nothing stored",
                            what, mismatch.actual(), upload.offer.sha256());
                    refuse(FileProblem.HASH_MISMATCH, "The bytes that arrived do not match the file's SHA-256, "
                            + "so nothing was stored; offer the file again.");
                }
                case PartialUpload.Outcome.Stored stored -> {
                    host.listener.stored(describe(upload, partial.head()));
                    if (!stored.evicted().isEmpty()) {
                        host.listener.evicted(stored.evicted());
                    }
                    host.codec.write(stream.out(), new TransferLine.Done(stored.sha256(), size));
                }
            }
        }
    }

    /** Takes the remaining bytes; false when the connection ended first (what arrived is kept). */
    private boolean receive(PartialUpload partial, PendingUploads.Pending upload, IdleWatch.Ticket ticket,
                            String what) throws IOException {
        byte[] buffer = new byte[CHUNK];
        while (partial.remaining() > 0) {
            int n;
            try {
                n = stream.in().read(buffer, 0, (int) Math.min(buffer.length, partial.remaining()));
            } catch (IOException cut) {
                n = -1;
            }
            if (n < 0) {
                LOG.log(System.Logger.Level.DEBUG, "{0}: connection ended at {1} of {2} bytes{3}", what,
                        partial.offset(), partial.size(), ticket.timedOut() ? " (idle)" : "");
                return false;
            }
            try {
                partial.write(buffer, 0, n);
            } catch (IOException disk) {
                LOG.log(System.Logger.Level.WARNING, "{0}: could not write the store: {1}", what, disk.toString());
                refuse(FileProblem.TRANSFER_FAILED, "The host could not store the file.");
                return false;
            }
            ticket.touch();
            upload.touch(host.clock.getAsLong());
        }
        return true;
    }

    private StoredFile describe(PendingUploads.Pending upload, byte[] head) {
        MediaType media = MediaSniffer.sniff(head);
        String sha256 = upload.offer.sha256();
        ImagePreview preview = null;
        if (media.previewable()) {
            try {
                preview = host.previews.preview(host.store.path(sha256), media);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                preview = new ImagePreview.Unreadable("interrupted");
            }
        }
        return new StoredFile(upload.offer.id(), upload.person, upload.safeName, upload.offer.size(), media, sha256,
                preview);
    }

    private void refuse(FileProblem problem, String message) throws IOException {
        host.codec.write(stream.out(), new TransferLine.Refused(problem, message));
    }
}
