package dev.parley.app.files;

import dev.parley.app.files.FileEntry.Stage;
import dev.parley.client.FileUpload;
import dev.parley.files.Cancellation;
import dev.parley.files.FileProblem;
import dev.parley.files.TransferFailure;
import dev.parley.protocol.Frame;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The files of one chat window and their transfers. Uploads and downloads run on background threads
 * through a {@link FileLink}; their progress reaches the entries through a {@link ProgressRelay},
 * their end through the FX executor. Every public method is called on the FX thread and never blocks.
 */
public final class FileTransfers {
    private static final System.Logger LOG = System.getLogger("dev.parley.app.files");

    private final FileLink link;
    private final FileSentences sentences;
    private final Executor fx;
    private final Executor background;
    private final ProgressRelay relay;
    private final Pictures pictures;
    private final Map<String, FileEntry> byId = new HashMap<>();
    private final Map<String, List<FileEntry>> bySha = new HashMap<>();
    private final Map<FileEntry, FileUpload> uploads = new HashMap<>();
    private final Map<FileEntry, Cancellation> running = new HashMap<>();
    private final Map<FileEntry, Path> targets = new HashMap<>();
    private final Map<FileEntry, Path> viewed = new HashMap<>();
    private final Map<FileEntry, String> captions = new HashMap<>();
    private Consumer<String> captionSender = text -> { };
    private Consumer<FileEntry> shower = entry -> { };

    /**
     * @param fx         runs on the FX thread ({@code Platform::runLater})
     * @param background runs transfers (virtual threads)
     */
    public FileTransfers(FileLink link, ResourceBundle bundle, Executor fx, Executor background) {
        this.link = link;
        this.sentences = new FileSentences(bundle);
        this.fx = fx;
        this.background = background;
        this.relay = new ProgressRelay(fx);
        this.pictures = new Pictures(fx, background);
    }

    /** Who sends a picture's caption once the picture is in the room (the chat's own send). */
    public void captionSender(Consumer<String> sender) {
        this.captionSender = sender;
    }

    /**
     * Starts sending one's own file. Its size and media type are read on a background thread; then,
     * on the FX thread, its entry goes to {@link #onSent} to be shown, and the upload starts. A file
     * over the host's cap fails at once with its sentence (nothing is hashed or sent).
     *
     * @param caption text sent as a message right after the file is in the room; empty for none
     */
    public void send(Path path, String caption) {
        background.execute(() -> {
            long size = sizeOf(path);
            String media = sniff(path);
            fx.execute(() -> start(path, size, media, caption));
        });
    }

    /** Who shows one's own new entries (the chat's rows); FX thread. */
    public void onSent(Consumer<FileEntry> shower) {
        this.shower = shower;
    }

    private void start(Path path, long size, String media, String caption) {
        var upload = new FileUpload(path);
        var entry = new FileEntry(upload.id(), path.getFileName().toString(), size, media, true, path,
                Stage.PREPARING);
        byId.put(entry.id(), entry);
        uploads.put(entry, upload);
        if (caption != null && !caption.isBlank()) {
            captions.put(entry, caption.strip());
        }
        if (entry.picture()) {
            pictures.ownPicture(path, entry.pictureProperty()::set);
        }
        shower.accept(entry);
        long max = link.maxFileSize();
        if (max > 0 && size > max) {
            entry.stage(Stage.UPLOAD_FAILED, sentences.tooLarge(size, max), false);
            return;
        }
        startUpload(entry);
    }

    /** Retry after a failed upload or save: it resumes where it stopped. */
    public void retry(FileEntry entry) {
        switch (entry.stage()) {
            case UPLOAD_FAILED -> startUpload(entry);
            case DOWNLOAD_FAILED -> {
                Path target = targets.get(entry);
                if (target != null) {
                    save(entry, target);
                }
            }
            case PREPARING, UPLOADING, SHARED, DOWNLOADING, SAVED, GONE -> { }
        }
    }

    /** Stops the entry's transfer; what arrived is kept for a retry. */
    public void cancel(FileEntry entry) {
        Cancellation c = running.get(entry);
        if (c != null) {
            c.cancel();
        }
    }

    /**
     * Saves a shared file as {@code target} (the name the person chose in the save dialog; a free name
     * beside it if that is taken). Never opens it.
     */
    public void save(FileEntry entry, Path target) {
        Frame.FileEvent event = entry.eventProperty().get();
        if (event == null || running.containsKey(entry) || entry.stage() == Stage.GONE) {
            return;
        }
        targets.put(entry, target);
        var named = new Frame.FileEvent(event.seq(), event.id(), event.from(), event.role(),
                target.getFileName().toString(), event.size(), event.media(), event.sha256(), event.w(), event.h(),
                event.thumb(), event.thumbMedia(), event.ts());
        var cancellation = new Cancellation();
        running.put(entry, cancellation);
        entry.stage(Stage.DOWNLOADING, null);
        entry.progress(0);
        background.execute(() -> {
            try {
                Path saved = link.save(named, target.getParent(), (done, total) -> relay.report(entry, done, total),
                        cancellation);
                fx.execute(() -> {
                    running.remove(entry);
                    entry.saved(saved);
                    entry.stage(Stage.SAVED, null);
                });
            } catch (TransferFailure f) {
                failed(entry, f, Stage.DOWNLOAD_FAILED);
            } catch (RuntimeException e) {
                failed(entry, new TransferFailure(TransferFailure.Kind.LOCAL, null, e.toString(), e),
                        Stage.DOWNLOAD_FAILED);
            }
        });
    }

    /** The entry of one's own file with this offer id, if this window sent it. */
    public FileEntry own(String id) {
        return id == null ? null : byId.get(id);
    }

    /**
     * Takes in a {@code file} event. One's own file already shown gets the event (and stays where it
     * is); anything else gets a new entry, which the caller shows.
     *
     * @return the new entry, or {@code null} when the file is already shown
     */
    public FileEntry shared(Frame.FileEvent f, boolean own) {
        FileEntry known = own ? byId.get(f.id()) : null;
        if (known != null && known.eventProperty().get() == null) {
            known.event(f);
            index(known, f);
            if (known.stage() != Stage.SHARED) {
                running.remove(known);
                known.stage(Stage.SHARED, null);
            }
            return null;
        }
        var entry = FileEntry.shared(f, own);
        index(entry, f);
        if (f.thumb() != null) {
            pictures.thumbnail(f.thumb(), entry.pictureProperty()::set);
        }
        return entry;
    }

    /** The host no longer has these files: their entries say so. */
    public void gone(List<String> sha256s) {
        for (String sha : sha256s) {
            for (FileEntry entry : bySha.getOrDefault(sha, List.of())) {
                if (entry.stage() != Stage.SAVED) {
                    cancel(entry);
                    entry.stage(Stage.GONE, sentences.text("files.gone"));
                }
            }
        }
    }

    /**
     * Gets a picture's full file for the viewer: one's own from where it is, a shared one downloaded
     * once into {@code cache} (the bubble shows the progress; the entry's saved state is not touched),
     * and hands its path to {@code open} on the FX thread.
     */
    public void fetchPicture(FileEntry entry, Path cache, Consumer<Path> open) {
        Path known = entry.local() != null ? entry.local() : viewed.get(entry);
        if (known == null) {
            known = entry.savedProperty().get(); // a saved file that was moved since shows the viewer's sentence
        }
        if (known != null) {
            open.accept(known);
            return;
        }
        Frame.FileEvent event = entry.eventProperty().get();
        if (event == null || running.containsKey(entry) || entry.stage() == Stage.GONE) {
            return;
        }
        Stage before = entry.stage();
        var cancellation = new Cancellation();
        running.put(entry, cancellation);
        entry.stage(Stage.DOWNLOADING, null);
        entry.progress(0);
        background.execute(() -> {
            try {
                Path file = link.save(event, cache, (done, total) -> relay.report(entry, done, total), cancellation);
                fx.execute(() -> {
                    running.remove(entry);
                    viewed.put(entry, file);
                    entry.stage(before, null);
                    open.accept(file);
                });
            } catch (TransferFailure f) {
                viewFailed(entry, before, f);
            } catch (RuntimeException e) {
                // Never leave the picture stuck downloading: the person gets the local-failure sentence.
                LOG.log(System.Logger.Level.WARNING, "could not show " + entry.name() + " full size", e);
                viewFailed(entry, before, new TransferFailure(TransferFailure.Kind.LOCAL, null, e.toString(), e));
            }
        });
    }

    private void viewFailed(FileEntry entry, Stage before, TransferFailure f) {
        relay.forget(entry);
        String sentence = sentences.of(f, entry.size(), link.maxFileSize());
        fx.execute(() -> {
            running.remove(entry);
            boolean gone = f.problem() == FileProblem.FILE_GONE;
            entry.stage(gone ? Stage.GONE : before, f.kind() == TransferFailure.Kind.CANCELLED ? null : sentence);
        });
    }

    /** Stops every transfer (the window leaves the chat); what arrived is kept. */
    public void stopAll() {
        running.values().forEach(Cancellation::cancel);
    }

    private void startUpload(FileEntry entry) {
        FileUpload upload = uploads.get(entry);
        var cancellation = new Cancellation();
        running.put(entry, cancellation);
        entry.stage(upload.offer() == null ? Stage.PREPARING : Stage.UPLOADING, null);
        entry.progress(0);
        // Hashing done, bytes moving: the bubble says "sending" from the first chunk on (one hand-over).
        var sending = new java.util.concurrent.atomic.AtomicBoolean();
        background.execute(() -> {
            try {
                link.upload(upload, (done, total) -> relay.report(entry, done, total), (done, total) -> {
                    if (sending.compareAndSet(false, true)) {
                        fx.execute(() -> {
                            if (entry.stage() == Stage.PREPARING) {
                                entry.stage(Stage.UPLOADING, null);
                            }
                        });
                    }
                    relay.report(entry, done, total);
                }, cancellation);
                fx.execute(() -> uploaded(entry));
            } catch (TransferFailure f) {
                failed(entry, f, Stage.UPLOAD_FAILED);
            } catch (RuntimeException e) {
                failed(entry, new TransferFailure(TransferFailure.Kind.LOCAL, null, e.toString(), e),
                        Stage.UPLOAD_FAILED);
            }
        });
    }

    private void uploaded(FileEntry entry) {
        running.remove(entry);
        relay.forget(entry);
        if (entry.stage() != Stage.GONE) {
            entry.stage(Stage.SHARED, null);
        }
        String caption = captions.remove(entry);
        if (caption != null) {
            captionSender.accept(caption);
        }
    }

    private void failed(FileEntry entry, TransferFailure f, Stage stage) {
        relay.forget(entry);
        LOG.log(f.kind() == TransferFailure.Kind.CANCELLED ? System.Logger.Level.DEBUG : System.Logger.Level.INFO,
                "transfer of {0} ended: {1} {2}: {3}", entry.name(), f.kind(), f.code(), f.getMessage());
        String sentence = sentences.of(f, entry.size(), link.maxFileSize());
        fx.execute(() -> {
            running.remove(entry);
            if (f.problem() == FileProblem.FILE_GONE) {
                entry.stage(Stage.GONE, sentence);
            } else if (entry.stage() != Stage.GONE) {
                entry.stage(stage, sentence, retryable(f));
            }
        });
    }

    /** Whether trying again can help: not when the host refused the file itself for good. */
    private static boolean retryable(TransferFailure f) {
        if (f.kind() != TransferFailure.Kind.REFUSED) {
            return true;
        }
        FileProblem p = f.problem();
        return p == FileProblem.UPLOAD_RATE || p == FileProblem.TOO_MANY_TRANSFERS || p == FileProblem.STORE_FULL
                || p == FileProblem.TRANSFER_FAILED || p == FileProblem.TRANSFER_DENIED;
    }

    private void index(FileEntry entry, Frame.FileEvent f) {
        if (f.sha256() != null) {
            bySha.computeIfAbsent(f.sha256(), k -> new ArrayList<>()).add(entry);
        }
    }

    private static long sizeOf(Path path) {
        try {
            return Files.size(path);
        } catch (IOException e) {
            return 0;
        }
    }

    /** The content's media type (a few kilobytes read): decides only how one's own bubble looks until the host says. */
    private static String sniff(Path path) {
        try {
            return dev.parley.files.MediaSniffer.sniff(path).mime();
        } catch (IOException e) {
            return dev.parley.files.MediaType.UNKNOWN.mime();
        }
    }
}
