package dev.parley.files;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.concurrent.Semaphore;

/**
 * Previews of stored images, decoded so that no image can exhaust memory: the dimensions come from
 * the header first, more than {@link FileLimits#maxPixels()} is refused before a pixel is decoded,
 * and the rest is decoded subsampled, so a 50-megapixel photo costs a few hundred kilobytes of
 * pixels, not 200 MB.
 *
 * <p>Called on transfer threads (virtual threads); at most one image is decoded at a time so a burst
 * of uploads cannot take every core from the room. Headless: {@code javax.imageio} and Java 2D
 * only, which need {@code libawt}, {@code libawt_headless}, {@code libjavajpeg} and {@code liblcms}
 * from java.desktop (kept by {@code jlink/linux.args}).
 */
public final class ImagePreviews {
    private static final System.Logger LOG = System.getLogger("dev.parley.files");

    private final FileLimits limits;
    private final Semaphore decoding = new Semaphore(1);

    public ImagePreviews(FileLimits limits) {
        this.limits = limits;
    }

    /**
     * The preview of an image file whose content was sniffed as {@code media}.
     *
     * @throws IllegalArgumentException if {@code media} is not {@linkplain MediaType#previewable() previewable}
     */
    public ImagePreview preview(Path file, MediaType media) throws InterruptedException {
        if (!media.previewable()) {
            throw new IllegalArgumentException("no previews of " + media.mime());
        }
        decoding.acquire();
        try {
            return decode(file, media);
        } catch (IOException | RuntimeException | LinkageError e) {
            // LinkageError: a runtime image without java.desktop's native libraries; the file is still stored.
            LOG.log(System.Logger.Level.INFO, "no preview of {0}: {1}", file.getFileName(), e.toString());
            return new ImagePreview.Unreadable(e.getClass().getSimpleName() + ": " + e.getMessage());
        } finally {
            decoding.release();
        }
    }

    private ImagePreview decode(Path file, MediaType media) throws IOException {
        int orientation = media.equals(MediaType.JPEG) ? ExifOrientation.read(head(file)) : ExifOrientation.NORMAL;
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                return new ImagePreview.Unreadable("no image input for " + file.getFileName());
            }
            ImageReader reader = reader(media);
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width <= 0 || height <= 0) {
                    return new ImagePreview.Unreadable("no size in the header");
                }
                if ((long) width * height > limits.maxPixels()) {
                    return new ImagePreview.TooManyPixels(width, height);
                }
                ImageReadParam param = reader.getDefaultReadParam();
                int step = subsampling(width, height);
                param.setSourceSubsampling(step, step, 0, 0);
                BufferedImage decoded = reader.read(0, param);
                var encoder = new ThumbnailEncoder(limits.thumbnailEdge(), limits.thumbnailBytes());
                ThumbnailEncoder.Encoded thumb = encoder.encode(decoded, orientation);
                boolean swap = ExifOrientation.swapsSides(orientation);
                return new ImagePreview.Made(swap ? height : width, swap ? width : height, thumb.bytes(), thumb.media());
            } finally {
                reader.dispose();
            }
        }
    }

    /** Every {@code step}-th pixel, so the decoded image is still about twice the preview's edge. */
    int subsampling(int width, int height) {
        return Math.max(1, Math.max(width, height) / (2 * limits.thumbnailEdge()));
    }

    private static ImageReader reader(MediaType media) throws IOException {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(media.mime());
        if (!readers.hasNext()) {
            throw new IOException("this runtime has no ImageIO reader for " + media.mime());
        }
        return readers.next();
    }

    private static byte[] head(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(65_536);
        }
    }
}
