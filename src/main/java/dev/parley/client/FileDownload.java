package dev.parley.client;

import dev.parley.files.Cancellation;
import dev.parley.files.Downloader;
import dev.parley.files.TransferConnector;
import dev.parley.files.TransferFailure;
import dev.parley.files.TransferProgress;
import dev.parley.protocol.Frame;

import java.nio.file.Path;

/**
 * Downloads a file shared in the room (extension {@code files}) from the chat's own host, over a
 * transfer connection, with this connection's download key. Resumable: a second call after a failure
 * goes on from the partial file the first one left; the file counts as saved only once its SHA-256
 * matches. Blocking: call it on a background thread.
 */
public final class FileDownload {
    private FileDownload() {
    }

    /**
     * Saves {@code file} into {@code folder} under a free name made from its name (never overwriting).
     *
     * @return where the verified file is
     * @throws TransferFailure {@code REFUSED} (e.g. {@code file_gone}), {@code CORRUPT} (the partial file
     *         was deleted), {@code BROKEN} (not connected now, or the connection broke: try again, it
     *         resumes), {@code CANCELLED}, or {@code LOCAL} (the folder cannot be written)
     */
    public static Path save(ChatClient client, Frame.FileEvent file, Path folder, TransferProgress progress,
                            Cancellation cancellation) throws TransferFailure {
        return save(client, client.transfers(), file, folder, progress, cancellation);
    }

    /** {@link #save(ChatClient, Frame.FileEvent, Path, TransferProgress, Cancellation)} over these connections. */
    public static Path save(ChatClient client, TransferConnector connector, Frame.FileEvent file, Path folder,
                            TransferProgress progress, Cancellation cancellation) throws TransferFailure {
        String key = client.fileKey();
        if (key == null) {
            throw new TransferFailure(TransferFailure.Kind.BROKEN, null,
                    "not connected to a host that takes files right now", null);
        }
        return new Downloader(connector, key).save(file.sha256(), file.size(), folder, file.name(),
                progress, cancellation);
    }
}
