package dev.parley.app.files;

import dev.parley.files.SafeNames;
import dev.parley.protocol.Frame;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.image.Image;
import javafx.scene.input.Clipboard;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.StackPane;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The ways files come into a chat window and what their bubbles' buttons do: dropping files (or a
 * picture) on the conversation, which lights up while something droppable is over it; pasting
 * (Ctrl+V in the composer: copied files are sent, a copied picture opens the {@link PasteSheet}); the
 * attach button's file chooser; and Save…, Open folder, the full-size view, Retry and Cancel. Nothing
 * is ever opened or run: Open folder shows the folder only. FX thread only; file work goes to the
 * background executor.
 */
public final class FileControls implements FileActions {
    private static final System.Logger LOG = System.getLogger("dev.parley.app.files");
    private static final PseudoClass DROP_TARGET = PseudoClass.getPseudoClass("drop-target");
    private static final KeyCombination PASTE = new KeyCodeCombination(KeyCode.V, KeyCombination.SHORTCUT_DOWN);

    private final FileTransfers transfers;
    private final ResourceBundle bundle;
    private final FileChoosers choosers;
    private final Consumer<String> browser;
    private final Executor background;
    private final Executor fx;
    private final ImageViewer viewer;
    private final PasteSheet sheet;
    private Node owner;
    private TextArea composer;
    private volatile Path scratch;

    /**
     * @param browser shows a folder with the desktop's file manager (HostServices), given its URI
     * @param theme   styles the full-size viewer's window like the app
     */
    public FileControls(FileTransfers transfers, ResourceBundle bundle, FileChoosers choosers, Consumer<String> browser,
                        Consumer<Scene> theme, Executor background, Executor fx) {
        this.transfers = transfers;
        this.bundle = bundle;
        this.choosers = choosers;
        this.browser = browser;
        this.background = background;
        this.fx = fx;
        this.viewer = new ImageViewer(bundle, theme);
        this.sheet = new PasteSheet(bundle);
    }

    /** Wires the conversation (drop target, home of the paste sheet), the composer (paste) and the attach button. */
    public void install(StackPane conversation, ListView<?> messages, TextArea composer, Button attach) {
        this.owner = conversation;
        this.composer = composer;
        messages.getProperties().put(FileActions.class, this);
        conversation.getChildren().addAll(sheet.scrim(), sheet.node());
        StackPane.setAlignment(sheet.node(), javafx.geometry.Pos.BOTTOM_CENTER);
        StackPane.setMargin(sheet.node(), new javafx.geometry.Insets(12));
        conversation.addEventHandler(DragEvent.DRAG_OVER, e -> {
            if (droppable(e.getDragboard())) {
                e.acceptTransferModes(TransferMode.COPY);
                conversation.pseudoClassStateChanged(DROP_TARGET, true);
                e.consume();
            }
        });
        conversation.addEventHandler(DragEvent.DRAG_EXITED, e -> conversation.pseudoClassStateChanged(DROP_TARGET, false));
        conversation.addEventHandler(DragEvent.DRAG_DROPPED, e -> {
            conversation.pseudoClassStateChanged(DROP_TARGET, false);
            e.setDropCompleted(take(e.getDragboard().hasFiles() ? e.getDragboard().getFiles() : null,
                    e.getDragboard().hasImage() ? e.getDragboard().getImage() : null));
            e.consume();
        });
        composer.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (PASTE.match(e) && paste(Clipboard.getSystemClipboard())) {
                e.consume();
            }
        });
        attach.setOnAction(e -> attach());
    }

    /** Takes what a clipboard holds: files are sent, a picture opens the preview sheet. {@code false} if neither. */
    public boolean paste(Clipboard clipboard) {
        return take(clipboard.hasFiles() ? clipboard.getFiles() : null,
                clipboard.hasImage() ? clipboard.getImage() : null);
    }

    /** Sends these files, as a drop or the attach button does. */
    public void send(List<File> files) {
        for (File f : files) {
            if (f.isFile()) {
                transfers.send(f.toPath(), "");
            }
        }
    }

    private boolean take(List<File> files, Image picture) {
        if (files != null && !files.isEmpty()) {
            send(files);
            return true;
        }
        if (picture != null && picture.getWidth() > 0) {
            sheet.show(picture, this::sendPicture, () -> composer.requestFocus());
            return true;
        }
        return false;
    }

    private static boolean droppable(Dragboard board) {
        return board.hasFiles() || board.hasImage();
    }

    private void attach() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(bundle.getString("files.attach.title"));
        List<File> chosen = choosers.openFiles(window(), chooser);
        if (chosen != null) {
            send(chosen);
        }
        composer.requestFocus();
    }

    private void sendPicture(Image picture, String caption) {
        PngFiles.Pixels pixels = PngFiles.pixels(picture);
        background.execute(() -> {
            try {
                Path file = PngFiles.write(pixels, scratch().resolve("pasted"));
                fx.execute(() -> transfers.send(file, caption));
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "a pasted picture could not be written", e);
            }
        });
    }

    @Override
    public void save(FileEntry entry) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(bundle.getString("files.save.title"));
        Path downloads = Path.of(System.getProperty("user.home"), "Downloads");
        chooser.setInitialDirectory((Files.isDirectory(downloads) ? downloads
                : Path.of(System.getProperty("user.home"))).toFile());
        chooser.setInitialFileName(SafeNames.sanitise(entry.name()));
        File target = choosers.saveFile(window(), chooser);
        if (target != null) {
            transfers.save(entry, target.toPath());
        }
    }

    @Override
    public void openFolder(FileEntry entry) {
        Path saved = entry.savedProperty().get();
        if (saved != null && saved.getParent() != null) {
            // The folder only: the file itself is never opened or run from here.
            browser.accept(saved.getParent().toUri().toString());
        }
    }

    @Override
    public void view(FileEntry entry) {
        Frame.FileEvent event = entry.eventProperty().get();
        int w = event == null || event.w() == null ? 0 : event.w();
        int h = event == null || event.h() == null ? 0 : event.h();
        if (event != null && event.thumb() == null && entry.local() == null) {
            return; // the host found it too large (or unreadable) to decode: Save… is the way to it
        }
        background.execute(() -> {
            Path cache = scratch().resolve("pictures");
            try {
                Files.createDirectories(cache);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "no folder for pictures", e);
                return;
            }
            fx.execute(() -> transfers.fetchPicture(entry, cache,
                    file -> viewer.show(window(), file, entry.name(), w, h)));
        });
    }

    @Override
    public void retry(FileEntry entry) {
        transfers.retry(entry);
    }

    @Override
    public void cancel(FileEntry entry) {
        transfers.cancel(entry);
    }

    /** Background thread: this window's folder for pasted pictures and full-size views. */
    private Path scratch() {
        Path s = scratch;
        if (s == null) {
            synchronized (this) {
                if (scratch == null) {
                    try {
                        scratch = Files.createTempDirectory("parley-files");
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
                s = scratch;
            }
        }
        return s;
    }

    private Window window() {
        return owner == null || owner.getScene() == null ? null : owner.getScene().getWindow();
    }
}
