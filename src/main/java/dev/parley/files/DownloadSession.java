package dev.parley.files;

import dev.parley.protocol.LogText;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * The host's side of one download connection: check the key, open the stored file, send it from
 * the asked offset. A slow reader blocks only this thread; a stalled one is closed by the idle
 * watch. Runs on the connection's transfer thread.
 */
final class DownloadSession {
    private static final int CHUNK = 64 * 1024;

    private final FileHost host;
    private final TransferLine.Download handshake;
    private final TransferStream stream;

    DownloadSession(FileHost host, TransferLine.Download handshake, TransferStream stream) {
        this.host = host;
        this.handshake = handshake;
        this.stream = stream;
    }

    void run() throws IOException {
        String person = host.passes.holder(handshake.key());
        if (person == null) {
            refuse(FileProblem.TRANSFER_DENIED, "This download key is not valid here; join the room again.");
            return;
        }
        if (!host.quota.tryOpen(person, host.clock.getAsLong())) {
            refuse(FileProblem.TOO_MANY_TRANSFERS, "You already have " + host.limits.maxTransfersPerPerson()
                    + " transfers under way; wait for one to finish.");
            return;
        }
        try {
            Optional<BlobStore.Blob> blob = host.store.open(handshake.sha256());
            if (blob.isEmpty()) {
                refuse(FileProblem.FILE_GONE,
                        "This file is no longer available: the host removed it to make room for newer files.");
                return;
            }
            send(blob.get(), person);
        } finally {
            host.quota.close(person, host.clock.getAsLong());
        }
    }

    private void send(BlobStore.Blob blob, String person) throws IOException {
        String what = "download of " + blob.sha256().substring(0, 12) + " by " + LogText.safe(person);
        try (blob; IdleWatch.Ticket ticket = host.watch.watch(stream, what)) {
            long size = blob.size();
            long offset = handshake.offset();
            if (offset > size) {
                refuse(FileProblem.OFFSET_INVALID, "The download cannot start at byte " + offset
                        + " of a file of " + size + " bytes.");
                return;
            }
            host.codec.write(stream.out(), new TransferLine.Ready(offset, size));
            OutputStream out = stream.out();
            ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
            for (long at = offset; at < size; ) {
                buffer.clear().limit((int) Math.min(CHUNK, size - at));
                int n = blob.channel().read(buffer, at);
                if (n < 0) {
                    throw new IOException("stored file " + blob.sha256() + " is shorter than " + size);
                }
                out.write(buffer.array(), 0, n);
                at += n;
                ticket.touch();
            }
            host.codec.write(out, new TransferLine.Done(blob.sha256(), size));
        }
    }

    private void refuse(FileProblem problem, String message) throws IOException {
        host.codec.write(stream.out(), new TransferLine.Refused(problem, message));
    }
}
