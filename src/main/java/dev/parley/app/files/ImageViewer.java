package dev.parley.app.files;

import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.StackPane;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.nio.file.Path;
import java.util.ResourceBundle;

/**
 * A picture at full size in a window of its own, over the chat. The decode is bounded: the image is
 * loaded at most at the screen's size (JavaFX scales while it loads, in the background), and a
 * picture whose header the host found larger than its pixel cap has no {@code w}/{@code h} and is
 * never decoded here at all (the caller shows the file card instead). Escape or a click closes it.
 * FX thread.
 */
final class ImageViewer {
    private final ResourceBundle bundle;
    private final java.util.function.Consumer<Scene> theme;

    /** @param theme styles a new window's scene like the app's (light or dark) */
    ImageViewer(ResourceBundle bundle, java.util.function.Consumer<Scene> theme) {
        this.bundle = bundle;
        this.theme = theme;
    }

    /**
     * @param width  the picture's width as the host measured it, or 0 if unknown
     * @param height its height, or 0
     */
    Stage show(Window owner, Path file, String title, int width, int height) {
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        double maxW = screen.getWidth() * 0.9;
        double maxH = screen.getHeight() * 0.9;
        double w = width > 0 ? Math.min(width, maxW) : maxW;
        double h = height > 0 ? Math.min(height, maxH) : maxH;
        Image image = new Image(file.toUri().toString(), w, h, true, true, true);
        ImageView view = new ImageView(image);
        view.setPreserveRatio(true);
        Label failed = new Label(bundle.getString("files.view.failed"));
        failed.getStyleClass().add("viewer-failed");
        failed.visibleProperty().bind(image.errorProperty());
        StackPane root = new StackPane(view, failed);
        root.getStyleClass().add("image-viewer");
        view.fitWidthProperty().bind(root.widthProperty());
        view.fitHeightProperty().bind(root.heightProperty());
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.setTitle(title);
        Scene scene = new Scene(root, Math.max(240, w), Math.max(180, h));
        theme.accept(scene);
        scene.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                stage.close();
            }
        });
        root.setOnMouseClicked(e -> stage.close());
        stage.setScene(scene);
        stage.show();
        return stage;
    }
}
