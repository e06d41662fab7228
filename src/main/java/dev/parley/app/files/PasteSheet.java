package dev.parley.app.files;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;

import java.util.ResourceBundle;
import java.util.function.BiConsumer;

/**
 * The sheet a pasted (or dropped) picture shows before it is sent: the picture, a caption field,
 * Cancel and Send. It lies over the bottom of the conversation; Enter sends, Escape cancels. FX thread.
 */
final class PasteSheet {
    private static final double PREVIEW_EDGE = 320;

    private final VBox root = new VBox(10);
    /** Dims the conversation behind the sheet; a click on it cancels, as Escape does. */
    private final Region scrim = new Region();
    private final ImageView preview = new ImageView();
    private final Rectangle clip = new Rectangle();
    private final TextField caption = new TextField();
    private final Button send = new Button();
    private final Button cancel = new Button();
    private Image image;
    private BiConsumer<Image, String> onSend = (i, c) -> { };
    private Runnable onClose = () -> { };

    PasteSheet(ResourceBundle bundle) {
        root.setId("pasteSheet");
        root.getStyleClass().add("paste-sheet");
        root.setAlignment(Pos.CENTER);
        root.setMaxWidth(420);
        root.setMaxHeight(Region.USE_PREF_SIZE);
        Label title = new Label(bundle.getString("files.paste.title"));
        title.getStyleClass().add("paste-title");
        preview.setPreserveRatio(true);
        clip.setArcWidth(20);
        clip.setArcHeight(20);
        preview.setClip(clip);
        caption.setId("pasteCaption");
        caption.setPromptText(bundle.getString("files.paste.caption"));
        caption.setAccessibleText(bundle.getString("files.paste.caption"));
        send.setId("pasteSend");
        send.setText(bundle.getString("files.paste.send"));
        send.getStyleClass().add("accent");
        send.setDefaultButton(false);
        send.setOnAction(e -> send());
        cancel.setId("pasteCancel");
        cancel.setText(bundle.getString("files.paste.cancel"));
        cancel.setOnAction(e -> hide());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox buttons = new HBox(8, spacer, cancel, send);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        root.getChildren().addAll(title, preview, caption, buttons);
        root.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                e.consume();
                hide();
            } else if (e.getCode() == KeyCode.ENTER) {
                e.consume();
                send();
            }
        });
        scrim.getStyleClass().add("paste-scrim");
        scrim.setOnMouseClicked(e -> hide());
        shown(false);
    }

    /** The dimming layer, to go under {@link #node()} over the conversation. */
    Node scrim() {
        return scrim;
    }

    Node node() {
        return root;
    }

    private void shown(boolean on) {
        for (Node n : new Node[] {scrim, root}) {
            n.setVisible(on);
            n.setManaged(on);
        }
    }

    boolean showing() {
        return root.isVisible();
    }

    /**
     * Shows {@code picture}; Send hands it and the caption to {@code sent}, either button then calls
     * {@code closed}.
     */
    void show(Image picture, BiConsumer<Image, String> sent, Runnable closed) {
        image = picture;
        onSend = sent;
        onClose = closed;
        double scale = Math.min(1, PREVIEW_EDGE / Math.max(1, Math.max(picture.getWidth(), picture.getHeight())));
        preview.setImage(picture);
        preview.setFitWidth(Math.round(picture.getWidth() * scale));
        clip.setWidth(Math.round(picture.getWidth() * scale));
        clip.setHeight(Math.round(picture.getHeight() * scale));
        caption.clear();
        shown(true);
        caption.requestFocus();
    }

    private void send() {
        Image sent = image;
        String text = caption.getText();
        hide();
        if (sent != null) {
            onSend.accept(sent, text);
        }
    }

    private void hide() {
        image = null;
        preview.setImage(null);
        shown(false);
        onClose.run();
    }
}
