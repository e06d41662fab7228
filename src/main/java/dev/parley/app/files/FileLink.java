package dev.parley.app.files;

import dev.parley.client.FileUpload;
import dev.parley.files.Cancellation;
import dev.parley.files.TransferFailure;
import dev.parley.files.TransferProgress;
import dev.parley.protocol.Frame;

import java.nio.file.Path;

/**
 * What the window's file pieces need from the chat's connection (extension {@code files}). The app's
 * is {@link #of(dev.parley.client.ChatClient)}; a test may give its own (a throttled one).
 *
 * <p>{@link #upload} and {@link #save} block: they are called on background (virtual) threads only, and
 * report progress on those threads. {@link #maxFileSize()} never blocks.
 */
public interface FileLink {
    /** A link to a host that takes no files: every call fails with a refusal. */
    FileLink NONE = new FileLink() {
        @Override
        public long maxFileSize() {
            return 0;
        }

        @Override
        public void upload(FileUpload upload, TransferProgress hashing, TransferProgress sending,
                           Cancellation cancellation) throws TransferFailure {
            throw new TransferFailure(TransferFailure.Kind.REFUSED, dev.parley.client.ChatClient.NO_FILES,
                    "no files here", null);
        }

        @Override
        public Path save(Frame.FileEvent file, Path folder, TransferProgress progress, Cancellation cancellation)
                throws TransferFailure {
            throw new TransferFailure(TransferFailure.Kind.REFUSED, dev.parley.client.ChatClient.NO_FILES,
                    "no files here", null);
        }
    };

    /** The largest file the host takes, in bytes; 0 when not known (not granted). */
    long maxFileSize();

    /** Hashes (the first time), offers and uploads; resumes when run again after a failure. */
    void upload(FileUpload upload, TransferProgress hashing, TransferProgress sending, Cancellation cancellation)
            throws TransferFailure;

    /** Saves a shared file into {@code folder} under a free name; returns where it is. */
    Path save(Frame.FileEvent file, Path folder, TransferProgress progress, Cancellation cancellation)
            throws TransferFailure;

    /** The files calls of a real chat client. */
    static FileLink of(dev.parley.client.ChatClient client) {
        return new FileLink() {
            @Override
            public long maxFileSize() {
                return client.maxFileSize();
            }

            @Override
            public void upload(FileUpload upload, TransferProgress hashing, TransferProgress sending,
                               Cancellation cancellation) throws TransferFailure {
                upload.run(client, hashing, sending, cancellation);
            }

            @Override
            public Path save(Frame.FileEvent file, Path folder, TransferProgress progress, Cancellation cancellation)
                    throws TransferFailure {
                return dev.parley.client.FileDownload.save(client, file, folder, progress, cancellation);
            }
        };
    }
}
