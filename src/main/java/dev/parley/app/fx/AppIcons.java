package dev.parley.app.fx;

import javafx.scene.image.Image;
import javafx.stage.Stage;

import java.util.List;

/**
 * The app icon for windows and dialogs. The PNGs are the installers' exports of
 * {@code installers/icon/parley.svg}, copied into the jar by the build, so there is one drawing.
 */
public final class AppIcons {
    private static final String DIR = "/dev/parley/app/icons/";
    private static final List<Integer> WINDOW_SIZES = List.of(16, 24, 32, 48, 64, 128, 256);
    /** A size that reads well in a dialog header. */
    public static final String LARGE = DIR + "parley-64.png";

    private AppIcons() {
    }

    /** Gives the window its icon in every size a desktop may ask for. FX thread. */
    public static void applyTo(Stage stage) {
        for (int size : WINDOW_SIZES) {
            var url = AppIcons.class.getResource(DIR + "parley-" + size + ".png");
            if (url != null) {
                stage.getIcons().add(new Image(url.toExternalForm(), true));
            }
        }
    }
}
