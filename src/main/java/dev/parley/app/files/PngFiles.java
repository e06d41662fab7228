package dev.parley.app.files;

import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.PixelReader;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Turns a pasted picture into a PNG file to send. The pixels are copied on the FX thread (an
 * {@link Image} belongs to it); the encoding and the write happen on the caller's background thread.
 */
final class PngFiles {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmmss");

    /** The pixels of a picture, ARGB, row by row. */
    record Pixels(int width, int height, int[] argb) {
    }

    private PngFiles() {
    }

    /** FX thread: copies the picture's pixels. */
    static Pixels pixels(Image image) {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] argb = new int[w * h];
        PixelReader reader = image.getPixelReader();
        reader.getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        return new Pixels(w, h, argb);
    }

    /** Background thread: writes the pixels as {@code pasted-image-<time>.png} in a fresh folder under {@code dir}. */
    static Path write(Pixels pixels, Path dir) throws IOException {
        var image = new BufferedImage(pixels.width(), pixels.height(), BufferedImage.TYPE_INT_ARGB);
        image.setRGB(0, 0, pixels.width(), pixels.height(), pixels.argb(), 0, pixels.width());
        Path folder = Files.createTempDirectory(Files.createDirectories(dir), "paste");
        Path file = folder.resolve("pasted-image-" + LocalDateTime.now().format(STAMP) + ".png");
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer in this runtime");
        }
        return file;
    }
}
