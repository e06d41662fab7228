package dev.parley.app.files;

import dev.parley.app.files.FileEntry.Stage;
import dev.parley.protocol.FileSizes;
import javafx.beans.InvalidationListener;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.Cursor;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import java.text.MessageFormat;
import java.util.ResourceBundle;

/**
 * What a file row's bubble shows of its {@link FileEntry}: a picture (rounded like the bubble, at most
 * {@link #PICTURE_EDGE} across) or a card with the type icon, the name and the size; under it the
 * transfer's progress with Cancel, and Retry, Save… or Open folder as the file's stage allows. Built
 * once per cell; {@link #show} rebinds it to another entry. FX thread only.
 */
public final class FileBubble {
    /** Longest side of a picture in a bubble, in pixels. */
    public static final double PICTURE_EDGE = 280;
    private static final PseudoClass PICTURE = PseudoClass.getPseudoClass("picture");
    private static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");

    private final ResourceBundle bundle;
    private final VBox root = new VBox(6);
    private final StackPane pictureBox = new StackPane();
    private final ImageView picture = new ImageView();
    private final Rectangle pictureClip = new Rectangle();
    private final HBox card = new HBox(10);
    private final FontIcon typeIcon = new FontIcon();
    private final Label name = new Label();
    private final Label detail = new Label();
    private final HBox transfer = new HBox(6);
    private final ProgressBar progress = new ProgressBar();
    private final Button cancel = new Button(null, new FontIcon(Feather.X));
    private final Label sentence = new Label();
    private final HBox actions = new HBox(10);
    private final Hyperlink retry = new Hyperlink();
    private final Hyperlink save = new Hyperlink();
    private final Hyperlink openFolder = new Hyperlink();
    private final InvalidationListener changed = obs -> refresh();
    private FileEntry entry;
    private FileActions handler;

    public FileBubble(ResourceBundle bundle) {
        this.bundle = bundle;
        root.getStyleClass().add("file-bubble");
        picture.setPreserveRatio(true);
        picture.setSmooth(true);
        pictureClip.setArcWidth(20);
        pictureClip.setArcHeight(20);
        pictureClip.widthProperty().bind(picture.fitWidthProperty());
        picture.setClip(pictureClip);
        pictureBox.getStyleClass().add("file-picture");
        pictureBox.getChildren().add(picture);
        pictureBox.setCursor(Cursor.HAND);
        pictureBox.setOnMouseClicked(e -> {
            if (entry != null && handler != null && entry.stage() != Stage.GONE) {
                handler.view(entry);
            }
        });
        Tooltip.install(pictureBox, new Tooltip(text("files.view.tooltip")));

        typeIcon.getStyleClass().add("file-icon");
        StackPane iconBox = new StackPane(typeIcon);
        iconBox.getStyleClass().add("file-icon-box");
        iconBox.setMinSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        name.getStyleClass().add("file-name");
        name.setTextOverrun(OverrunStyle.CENTER_ELLIPSIS);
        name.setEllipsisString("…");
        name.setMinWidth(0);
        detail.getStyleClass().add("file-detail");
        VBox words = new VBox(2, name, detail);
        words.setMinWidth(0);
        HBox.setHgrow(words, Priority.ALWAYS);
        card.getStyleClass().add("file-card");
        card.setAlignment(Pos.CENTER_LEFT);
        card.getChildren().addAll(iconBox, words);

        progress.getStyleClass().add("file-progress");
        progress.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(progress, Priority.ALWAYS);
        cancel.getStyleClass().addAll("flat", "button-icon", "file-cancel");
        cancel.setAccessibleText(text("files.cancel"));
        cancel.setTooltip(new Tooltip(text("files.cancel")));
        cancel.setOnAction(e -> act(FileActions::cancel));
        transfer.setAlignment(Pos.CENTER_LEFT);
        transfer.getStyleClass().add("file-transfer");
        transfer.getChildren().addAll(progress, cancel);

        sentence.getStyleClass().add("file-sentence");
        sentence.setWrapText(true);
        sentence.setMinHeight(Region.USE_PREF_SIZE);
        retry.setText(text("files.retry"));
        retry.setOnAction(e -> act(FileActions::retry));
        save.setText(text("files.save"));
        save.setOnAction(e -> act(FileActions::save));
        openFolder.setText(text("files.openFolder"));
        openFolder.setOnAction(e -> act(FileActions::openFolder));
        for (Hyperlink link : new Hyperlink[] {retry, save, openFolder}) {
            link.getStyleClass().add("file-action");
        }
        actions.getStyleClass().add("file-actions");
        actions.setAlignment(Pos.CENTER_LEFT);
        actions.getChildren().addAll(retry, save, openFolder);
        root.getChildren().addAll(pictureBox, card, transfer, sentence, actions);
    }

    public Node node() {
        return root;
    }

    /** Shows {@code shown} (or nothing, for {@code null}) and follows its changes until the next call. */
    public void show(FileEntry shown, FileActions actions) {
        if (entry != null) {
            entry.stageProperty().removeListener(changed);
            entry.pictureProperty().removeListener(changed);
            entry.sentenceProperty().removeListener(changed);
            progress.progressProperty().unbind();
        }
        entry = shown;
        handler = actions;
        if (shown == null) {
            sentence.textProperty().unbind();
            picture.setImage(null);
            return;
        }
        shown.stageProperty().addListener(changed);
        shown.pictureProperty().addListener(changed);
        shown.sentenceProperty().addListener(changed);
        progress.progressProperty().bind(shown.progressProperty());
        sentence.textProperty().unbind();
        sentence.textProperty().bind(shown.sentenceProperty());
        refresh();
    }

    private void refresh() {
        FileEntry e = entry;
        Stage stage = e.stage();
        Image image = e.pictureProperty().get();
        boolean asPicture = e.picture() && image != null;
        root.pseudoClassStateChanged(PICTURE, asPicture);
        root.pseudoClassStateChanged(FAILED, stage == Stage.UPLOAD_FAILED || stage == Stage.DOWNLOAD_FAILED);
        show(pictureBox, asPicture);
        show(card, !asPicture);
        if (asPicture) {
            double scale = Math.min(1, PICTURE_EDGE / Math.max(image.getWidth(), image.getHeight()));
            picture.setImage(image);
            picture.setFitWidth(Math.round(image.getWidth() * scale));
            pictureClip.setHeight(Math.round(image.getHeight() * scale));
            pictureBox.setOpacity(stage == Stage.GONE ? 0.45 : 1);
        } else {
            picture.setImage(null);
        }
        typeIcon.setIconCode(FileKinds.icon(e.media()));
        name.setText(e.name());
        name.setTooltip(new Tooltip(e.name()));
        detail.setText(detail(e, stage));
        boolean moving = stage == Stage.PREPARING || stage == Stage.UPLOADING || stage == Stage.DOWNLOADING;
        show(transfer, moving);
        show(sentence, !e.sentenceProperty().get().isEmpty());
        show(retry, e.retryable() && (stage == Stage.UPLOAD_FAILED || stage == Stage.DOWNLOAD_FAILED));
        show(save, !e.outgoing() && stage == Stage.SHARED);
        show(openFolder, stage == Stage.SAVED);
        show(actions, retry.isManaged() || save.isManaged() || openFolder.isManaged());
    }

    private String detail(FileEntry e, Stage stage) {
        String size = FileSizes.format(e.size());
        return switch (stage) {
            case PREPARING -> MessageFormat.format(text("files.preparing"), size);
            case UPLOADING -> MessageFormat.format(text("files.sending"), size);
            case DOWNLOADING -> MessageFormat.format(text("files.saving"), size);
            case SAVED -> MessageFormat.format(text("files.saved"), size);
            case UPLOAD_FAILED, SHARED, DOWNLOAD_FAILED, GONE -> size;
        };
    }

    private void act(java.util.function.BiConsumer<FileActions, FileEntry> action) {
        if (entry != null && handler != null) {
            action.accept(handler, entry);
        }
    }

    private String text(String key) {
        return bundle.getString(key);
    }

    private static void show(Node node, boolean shown) {
        node.setVisible(shown);
        node.setManaged(shown);
    }
}
