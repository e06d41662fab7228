package dev.parley.server;

import dev.parley.files.FileHost;
import dev.parley.files.FileOffer;
import dev.parley.files.FileProblem;
import dev.parley.files.FileRoomListener;
import dev.parley.files.ImagePreview;
import dev.parley.files.OfferDecision;
import dev.parley.files.StoredFile;
import dev.parley.files.TransferStream;
import dev.parley.protocol.Frame;
import dev.parley.protocol.Limits;
import dev.parley.protocol.Role;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.channels.ByteChannel;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.stream.Stream;

/**
 * The room's files (extension {@code files}) on the host: its {@link FileHost}, offers answered from
 * memory, transfer connections carried off the loop, and the store's news handed back to the room.
 *
 * <p><b>Threads.</b> {@link #grant}, {@link #revoke} and {@link #offer} run on the loop and touch only
 * memory. {@link #carry} runs on the loop too: it waits (by queueing itself again) until the selector
 * has let go of the socket, then makes it blocking and starts a virtual thread that carries the
 * transfer. {@link #stored} and {@link #evicted} come on those transfer threads and are queued onto the
 * loop, where the room posts the sequenced {@code file} event or {@code file_gone}. {@link #open} and
 * {@link #close} run on the thread that starts and stops the server.
 */
final class RoomFiles implements FileRoomListener, AutoCloseable {
    private static final System.Logger LOG = System.getLogger("dev.parley.server");
    /** People whose name and role are remembered for the {@code file} events of their uploads. */
    private static final int SENDERS = 4_096;

    /** How a file's sender appears in its event: the name and role they had when they offered it. */
    record Sender(String nick, Role role) {
    }

    private final FileHost host;
    private final Path folder;
    private final boolean temporary;
    private final Executor loop;
    private final Set<SocketChannel> carrying = ConcurrentHashMap.newKeySet();
    private final Map<String, Sender> senders = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Sender> eldest) {
            return size() > SENDERS;
        }
    };
    private volatile Room room;
    private volatile boolean closed;

    private RoomFiles(FileSettings settings, Path folder, boolean temporary, Executor loop) throws IOException {
        this.folder = folder;
        this.temporary = temporary;
        this.loop = loop;
        this.host = new FileHost(folder, settings.limits(), this);
    }

    /**
     * Opens the room's store: {@code <data folder>/files/<storeName>}, or a temporary folder deleted at
     * {@link #close} when the settings name none. May block on the disk.
     */
    static RoomFiles open(FileSettings settings, String storeName, Executor loop) throws IOException {
        boolean temporary = settings.folder() == null;
        Path folder = temporary ? Files.createTempDirectory("parley-files-")
                : settings.folder().resolve("files").resolve(storeName);
        RoomFiles files = new RoomFiles(settings, folder, temporary, loop);
        LOG.log(System.Logger.Level.INFO, "files of the room kept in {0}{1}", folder,
                temporary ? " (until the host stops)" : "");
        return files;
    }

    /** The room that gets the store's news; set once, before the loop starts. */
    void attach(Room r) {
        this.room = r;
    }

    /** The {@code files} member of a granted member's {@code welcome}: a new download key, the per-file cap. Loop. */
    Frame.FilesGrant grant(Member m) {
        return new Frame.FilesGrant(host.grant(m.key()), host.limits().maxFileBytes());
    }

    /** The member left: their key opens no more downloads. Loop. */
    void revoke(Member m) {
        host.revoke(m.key());
    }

    /** Decides an offer, from memory: {@code offer_ok}, or a non-closing error with {@code ref}. Loop. */
    Frame offer(Member m, Frame.Offer o) {
        String ref = o.id() != null && o.id().length() <= Limits.MAX_ID ? o.id() : null;
        if (o.size() == null) {
            return new Frame.Error(FileProblem.OFFER_INVALID.wire(), "A file offer needs its size in bytes.", ref, null);
        }
        senders.put(m.key(), new Sender(m.nick(), m.role()));
        return switch (host.offer(m.key(), new FileOffer(o.id(), o.name(), o.size(), o.sha256(), o.media()))) {
            case OfferDecision.Accepted a -> new Frame.OfferOk(a.ref(), a.token());
            case OfferDecision.Refused r -> new Frame.Error(r.problem().wire(), r.message(), r.ref(),
                    r.problem() == FileProblem.UPLOAD_RATE ? Long.valueOf(r.retryAfterSeconds()) : null, null);
        };
    }

    /** The sequenced {@code file} event of a stored file, its sender named as at their offer. Loop. */
    Frame.FileEvent event(StoredFile file, long seq, String ts) {
        Sender sender = senders.getOrDefault(file.person(), new Sender(file.person(), Role.GUEST));
        var preview = file.preview() instanceof ImagePreview.Made made ? made : null;
        return new Frame.FileEvent(seq, file.id(), sender.nick(), sender.role(), file.name(), file.size(),
                file.media().mime(), file.sha256(), preview == null ? null : preview.width(),
                preview == null ? null : preview.height(), file.thumbnailBase64(),
                preview == null ? null : preview.media(), ts);
    }

    /**
     * Carries a connection whose first line was a transfer handshake, off the loop: once the selector
     * has let go of {@code channel} (its key is cancelled), the socket is made blocking and a virtual
     * thread hands it to the {@link FileHost}, with {@code leftover} (bytes read past the line) first.
     * Loop.
     */
    void carry(SocketChannel channel, Transport transport, String line, byte[] leftover) {
        carrying.add(channel);
        loop.execute(new Runnable() {
            @Override
            public void run() {
                if (channel.isRegistered() && channel.isOpen() && !closed) {
                    loop.execute(this); // the selector lets go of a cancelled key on its next select
                    return;
                }
                start(channel, transport, line, leftover);
            }
        });
    }

    private void start(SocketChannel channel, Transport transport, String line, byte[] leftover) {
        ByteChannel bytes;
        try {
            if (closed) {
                throw new IOException("the room is closing");
            }
            channel.configureBlocking(true);
            bytes = transport.blocking();
        } catch (IOException | RuntimeException e) {
            LOG.log(e instanceof IOException ? System.Logger.Level.DEBUG : System.Logger.Level.WARNING,
                    "transfer connection not carried: {0}", e.toString());
            carrying.remove(channel);
            closeQuietly(channel);
            return;
        }
        InputStream in = new SequenceInputStream(new ByteArrayInputStream(leftover), Channels.newInputStream(bytes));
        OutputStream out = Channels.newOutputStream(bytes);
        // The socket is what a cancel or the idle watch closes: that unblocks a read or write stuck in TLS too.
        Thread.ofVirtual().name("parley-transfer").start(() -> {
            try {
                host.serve(line, TransferStream.over(in, out, channel));
            } catch (RuntimeException e) {
                // A defect, not the peer's doing: into the log, not onto stderr; the peer loses only its transfer.
                LOG.log(System.Logger.Level.ERROR, "transfer connection failed", e);
            } finally {
                carrying.remove(channel);
                closeQuietly(channel);
            }
        });
    }

    @Override
    public void stored(StoredFile file) {
        loop.execute(() -> {
            Room r = room;
            if (r != null) {
                r.fileStored(file);
            }
        });
    }

    @Override
    public void evicted(List<String> sha256s) {
        loop.execute(() -> {
            Room r = room;
            if (r != null) {
                r.filesGone(sha256s);
            }
        });
    }

    /** Transfer connections being carried now. */
    int carrying() {
        return carrying.size();
    }

    /** The limits, for tests and the log. */
    FileHost host() {
        return host;
    }

    /** Stops the store's timer, cuts running transfers, and deletes a temporary folder. Blocks briefly. */
    @Override
    public void close() {
        closed = true;
        host.close();
        for (SocketChannel c : List.copyOf(carrying)) {
            closeQuietly(c);
        }
        if (temporary) {
            try (Stream<Path> walk = Files.walk(folder)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "could not delete the room's temporary files in {0}: {1}",
                        folder, e.getMessage());
            }
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing a transfer connection: {0}", e.getMessage());
        }
    }
}
