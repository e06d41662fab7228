package dev.parley.files;

import dev.parley.protocol.FileSizes;
import dev.parley.protocol.LogText;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The host's side of files for one room: it decides offers, carries transfer connections, and
 * keeps the store. The server calls it in three places:
 * <ul>
 *   <li>{@link #grant}/{@link #revoke} when a connection granted {@code files} joins or leaves
 *       (event loop; memory only);</li>
 *   <li>{@link #offer} for each {@code offer} frame (event loop; memory only, never waits on the disk);</li>
 *   <li>{@link #serve} for a connection whose first line is a transfer handshake, on a virtual
 *       thread of its own that it may block for as long as the transfer lasts.</li>
 * </ul>
 * News for the room leaves through the {@link FileRoomListener}, on transfer threads.
 */
public final class FileHost implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("dev.parley.files");
    /**
     * How long an accepted offer keeps its room in the store while not a byte of it arrives. An honest
     * client starts sending right after {@code offer_ok}; one that lost its connection offers again.
     */
    static final java.time.Duration UNSTARTED_TTL = java.time.Duration.ofMinutes(2);

    final FileLimits limits;
    final BlobStore store;
    final ImagePreviews previews;
    final PersonQuota quota;
    final PendingUploads pending = new PendingUploads();
    final TransferPasses passes = new TransferPasses();
    final IdleWatch watch;
    final FileRoomListener listener;
    final TransferCodec codec = new TransferCodec();
    final LongSupplier clock;
    private final ScheduledExecutorService timer;

    /** Opens the room's store in {@code folder} and starts the timer that closes idle transfers. */
    public FileHost(Path folder, FileLimits limits, FileRoomListener listener) throws IOException {
        this.limits = limits;
        this.store = BlobStore.open(folder, limits.storeCapBytes(), limits.maxFileBytes());
        this.previews = new ImagePreviews(limits);
        this.clock = System::nanoTime;
        this.quota = new PersonQuota(limits);
        this.watch = new IdleWatch(PendingUploads.nanos(limits.idleTimeout()), clock);
        this.listener = listener;
        this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
                .name("parley-files-timer").factory());
        long period = Math.clamp(limits.idleTimeout().toMillis() / 4, 10, 1000);
        timer.scheduleWithFixedDelay(this::tick, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * A new download key for a person granted {@code files} (for their {@code welcome}); an older
     * key of theirs stops opening downloads. Memory only.
     */
    public String grant(String person) {
        return passes.grant(person);
    }

    /** The person left: their key opens no more downloads. Their accepted uploads wait for a resume. */
    public void revoke(String person) {
        passes.revoke(person);
    }

    /**
     * Decides an offer: its shape, then the per-file cap, the person's open transfers, room in the
     * store and the person's upload rate, in that order. An offer the person already made with the
     * same id gets the same token again. Memory only: safe on the event loop.
     */
    public OfferDecision offer(String person, FileOffer offer) {
        Optional<OfferDecision.Refused> shape = OfferRules.check(offer);
        if (shape.isPresent()) {
            return shape.get();
        }
        String ref = offer.id();
        PendingUploads.Pending again = pending.byOffer(person, ref);
        if (again != null) {
            return again.offer.equals(offer) ? new OfferDecision.Accepted(ref, again.token)
                    : new OfferDecision.Refused(ref, FileProblem.OFFER_INVALID,
                    "The id " + ref + " is already taken by another file you are sending.");
        }
        if (offer.size() > limits.maxFileBytes()) {
            String size = FileSizes.format(offer.size());
            String max = FileSizes.format(limits.maxFileBytes());
            return new OfferDecision.Refused(ref, FileProblem.FILE_TOO_LARGE, size.equals(max)
                    ? "The file is just over the " + max + " this room takes."
                    : "The file is " + size + "; this room takes files of at most " + max + ".");
        }
        long now = clock.getAsLong();
        if (!quota.tryOpen(person, now)) {
            return new OfferDecision.Refused(ref, FileProblem.TOO_MANY_TRANSFERS, "You already have "
                    + limits.maxTransfersPerPerson() + " transfers under way; wait for one to finish.");
        }
        Optional<Reservation> room = store.reserve(offer.size());
        if (room.isEmpty()) {
            quota.close(person, now);
            return new OfferDecision.Refused(ref, FileProblem.STORE_FULL, "The host has no room for "
                    + FileSizes.format(offer.size()) + " right now; try again later.");
        }
        long wait = quota.trySpend(person, offer.size(), now);
        if (wait > 0) {
            room.get().release();
            quota.close(person, now);
            return new OfferDecision.Refused(ref, FileProblem.UPLOAD_RATE, "You have sent a lot in a short time; "
                    + "this file can go in about " + wait + " s.", wait);
        }
        String token = Hex.newToken();
        pending.add(new PendingUploads.Pending(token, person, offer, SafeNames.sanitise(offer.name()), room.get(), now));
        return new OfferDecision.Accepted(ref, token);
    }

    /**
     * Carries a transfer connection whose first line was {@code firstLine}, until the transfer ends,
     * and closes it. Blocks: call it on a virtual thread of its own. Never throws: every failure is
     * a refusal line to the peer (where the connection still takes one) and a log line.
     */
    public void serve(String firstLine, TransferStream stream) {
        try (stream) {
            Optional<TransferLine.Handshake> handshake;
            try {
                handshake = codec.handshake(firstLine);
            } catch (TransferProtocolException e) {
                codec.write(stream.out(), new TransferLine.Refused(FileProblem.BAD_HANDSHAKE, e.getMessage()));
                return;
            }
            if (handshake.isEmpty()) {
                codec.write(stream.out(), new TransferLine.Refused(FileProblem.BAD_HANDSHAKE,
                        "A transfer connection starts with an upload or download line."));
                return;
            }
            switch (handshake.get()) {
                case TransferLine.Upload upload -> new UploadSession(this, upload, stream).run();
                case TransferLine.Download download -> new DownloadSession(this, download, stream).run();
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "transfer connection ended: {0}", e.toString());
        }
    }

    /** The limits this host applies ({@code maxFileBytes} goes into {@code welcome.files.maxSize}). */
    public FileLimits limits() {
        return limits;
    }

    /** The room's store (for the server's replay and tests). */
    public BlobStore store() {
        return store;
    }

    /** Accepted uploads whose bytes are not stored yet. */
    public int pendingUploads() {
        return pending.size();
    }

    /** Transfer connections open now. */
    public int openTransfers() {
        return watch.size();
    }

    /** An accepted upload that is over: its transfer slot and whatever it still reserved are given back. */
    void settle(PendingUploads.Pending upload) {
        if (pending.remove(upload)) {
            upload.reservation.release();
            quota.close(upload.person, clock.getAsLong());
        }
    }

    private void tick() {
        try {
            watch.check();
            List<PendingUploads.Pending> expired = pending.expire(clock.getAsLong(),
                    PendingUploads.nanos(limits.uploadTtl()), PendingUploads.nanos(UNSTARTED_TTL));
            for (PendingUploads.Pending upload : expired) {
                upload.reservation.release();
                quota.close(upload.person, clock.getAsLong());
                store.discardPartial(upload.token);
                LOG.log(System.Logger.Level.INFO, "upload {0} of {1} expired unfinished", LogText.safe(upload.safeName), LogText.safe(upload.person));
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "files timer: {0}", e.toString());
        }
    }

    /** Stops the timer. Running transfers end when their connections do. */
    @Override
    public void close() {
        timer.shutdownNow();
    }
}
