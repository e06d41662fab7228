package dev.parley.app.files;

import dev.parley.files.FileLimits;
import dev.parley.files.ImagePreview;
import dev.parley.files.ImagePreviews;
import dev.parley.files.MediaSniffer;
import javafx.scene.image.Image;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The small pictures in file bubbles, decoded off the FX thread: the host's thumbnail from a
 * {@code file} event (base64, at most 16 KiB), or a preview of one's own image made the way the host
 * makes them (header checked first, decoded subsampled), so no picture can exhaust memory.
 */
final class Pictures {
    private static final System.Logger LOG = System.getLogger("dev.parley.app.files");

    private final Executor fx;
    private final Executor background;
    private final ImagePreviews previews = new ImagePreviews(FileLimits.defaults());

    Pictures(Executor fx, Executor background) {
        this.fx = fx;
        this.background = background;
    }

    /** Decodes a {@code file} event's thumbnail and hands it to {@code shown} on the FX thread. */
    void thumbnail(String base64, Consumer<Image> shown) {
        background.execute(() -> {
            try {
                byte[] bytes = Base64.getDecoder().decode(base64);
                show(bytes, shown);
            } catch (IllegalArgumentException e) {
                LOG.log(System.Logger.Level.INFO, "a thumbnail that is not base64: {0}", e.getMessage());
            }
        });
    }

    /** Makes a preview of one's own image and hands it to {@code shown} on the FX thread. */
    void ownPicture(Path file, Consumer<Image> shown) {
        background.execute(() -> {
            try {
                if (previews.preview(file, MediaSniffer.sniff(file)) instanceof ImagePreview.Made made) {
                    show(made.bytes(), shown);
                }
            } catch (IOException | IllegalArgumentException e) {
                LOG.log(System.Logger.Level.INFO, "no preview of {0}: {1}", file.getFileName(), e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private void show(byte[] bytes, Consumer<Image> shown) {
        Image image = new Image(new ByteArrayInputStream(bytes));
        if (image.isError()) {
            LOG.log(System.Logger.Level.INFO, "an undecodable thumbnail: {0}", String.valueOf(image.getException()));
            return;
        }
        fx.execute(() -> shown.accept(image));
    }
}
