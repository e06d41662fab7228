package dev.parley.app.files;

import dev.parley.protocol.Frame;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.image.Image;

import java.nio.file.Path;

/**
 * One file in the chat window, sent or received, and where its transfer is. A chat row points at it;
 * the bubble binds to its properties, so progress redraws the bubble without replacing the row.
 * Changed only on the FX thread (by {@link FileTransfers}); read anywhere on it.
 */
public final class FileEntry {
    /** Where a file stands for this window. */
    public enum Stage {
        /** One's own file, being hashed before it is offered. */
        PREPARING,
        /** One's own file, its bytes going to the host. */
        UPLOADING,
        /** One's own file did not get through; {@link #sentenceProperty()} says why; Retry resumes. */
        UPLOAD_FAILED,
        /** In the room: anyone can save it. */
        SHARED,
        /** Being saved to this computer. */
        DOWNLOADING,
        /** The save did not finish; {@link #sentenceProperty()} says why; Save again resumes. */
        DOWNLOAD_FAILED,
        /** Saved to {@link #savedProperty()}. */
        SAVED,
        /** The host evicted it: no longer available. */
        GONE
    }

    private final String id;
    private final String name;
    private final long size;
    private final boolean outgoing;
    private final Path local;
    private final ReadOnlyObjectWrapper<Stage> stage;
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper sentence = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Frame.FileEvent> event = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Path> saved = new ReadOnlyObjectWrapper<>();
    private final ObjectProperty<Image> picture = new SimpleObjectProperty<>();
    private final String media;
    private boolean retryable = true;

    /**
     * @param local for one's own file, where it is on this computer; else {@code null}
     * @param media the media type, as sniffed from the content (by the host for others' files)
     */
    FileEntry(String id, String name, long size, String media, boolean outgoing, Path local, Stage stage) {
        this.id = id;
        this.name = name;
        this.size = size;
        this.media = media;
        this.outgoing = outgoing;
        this.local = local;
        this.stage = new ReadOnlyObjectWrapper<>(stage);
    }

    /** The entry of a file someone shared, as its {@code file} event says. */
    static FileEntry shared(Frame.FileEvent f, boolean own) {
        var entry = new FileEntry(f.id(), f.name(), f.size(), f.media(), own, null, Stage.SHARED);
        entry.event.set(f);
        return entry;
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public long size() {
        return size;
    }

    public String media() {
        return media;
    }

    public boolean outgoing() {
        return outgoing;
    }

    /** One's own file on this computer, or {@code null}. */
    public Path local() {
        return local;
    }

    /** Whether the window shows it as a picture (an image both the host and JavaFX decode). */
    public boolean picture() {
        return FileKinds.showsInline(media);
    }

    public ReadOnlyObjectProperty<Stage> stageProperty() {
        return stage.getReadOnlyProperty();
    }

    public Stage stage() {
        return stage.get();
    }

    /** 0–1 of the current transfer or hash; negative while its size is not known yet. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** Why the last transfer failed, a sentence from the bundle; empty otherwise. */
    public ReadOnlyStringProperty sentenceProperty() {
        return sentence.getReadOnlyProperty();
    }

    /** The room's {@code file} event once the host stored it; {@code null} while one's own is on its way. */
    public ReadOnlyObjectProperty<Frame.FileEvent> eventProperty() {
        return event.getReadOnlyProperty();
    }

    /** Where the file was saved on this computer, or {@code null}. */
    public ReadOnlyObjectProperty<Path> savedProperty() {
        return saved.getReadOnlyProperty();
    }

    /** What the bubble shows of an image: the host's thumbnail, or one's own picture; {@code null} if none. */
    public ObjectProperty<Image> pictureProperty() {
        return picture;
    }

    /** Whether Retry can help after the last failure (not for a file over the cap, say). */
    public boolean retryable() {
        return retryable;
    }

    void stage(Stage now, String why) {
        stage(now, why, true);
    }

    /** The sentence is set first: whoever follows the stage reads the sentence that goes with it. */
    void stage(Stage now, String why, boolean canRetry) {
        retryable = canRetry;
        sentence.set(why == null ? "" : why);
        stage.set(now);
    }

    void progress(double share) {
        progress.set(share);
    }

    void event(Frame.FileEvent f) {
        event.set(f);
    }

    void saved(Path where) {
        saved.set(where);
    }
}
