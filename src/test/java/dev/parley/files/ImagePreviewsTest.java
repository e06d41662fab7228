package dev.parley.files;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(120)
class ImagePreviewsTest {
    private static final FileLimits LIMITS = FileLimits.defaults();

    @TempDir
    Path folder;

    private final ImagePreviews previews = new ImagePreviews(LIMITS);

    @Test
    void aPhotoGetsAJpegPreviewWithinTheEdgeAndTheByteBound() throws Exception {
        Path photo = TestFiles.write(folder, "photo.jpg", TestFiles.encode(TestFiles.picture(1600, 1200, false), "jpeg"));

        var made = (ImagePreview.Made) previews.preview(photo, MediaType.JPEG);

        assertThat(made.width()).isEqualTo(1600);
        assertThat(made.height()).isEqualTo(1200);
        assertThat(made.media()).isEqualTo("image/jpeg");
        assertThat(made.bytes().length).isLessThanOrEqualTo(LIMITS.thumbnailBytes());
        BufferedImage thumb = decode(made.bytes());
        assertThat(thumb.getWidth()).isEqualTo(320);
        assertThat(thumb.getHeight()).isEqualTo(240);
    }

    @Test
    void aTransparentPictureKeepsItsTransparency() throws Exception {
        Path png = TestFiles.write(folder, "sticker.png", TestFiles.encode(TestFiles.picture(800, 600, true), "png"));

        var made = (ImagePreview.Made) previews.preview(png, MediaType.PNG);

        assertThat(made.media()).isEqualTo("image/png");
        BufferedImage thumb = decode(made.bytes());
        assertThat(thumb.getColorModel().hasAlpha()).isTrue();
        assertThat(thumb.getRGB(0, 0) >>> 24).as("a transparent corner").isZero();
    }

    @Test
    void noiseThatCompressesBadlyIsShrunkUntilItFits() throws Exception {
        var noise = new BufferedImage(1000, 1000, BufferedImage.TYPE_INT_RGB);
        var random = new Random(3);
        for (int y = 0; y < 1000; y++) {
            for (int x = 0; x < 1000; x++) {
                noise.setRGB(x, y, random.nextInt());
            }
        }
        Path png = TestFiles.write(folder, "noise.png", TestFiles.encode(noise, "png"));

        var made = (ImagePreview.Made) previews.preview(png, MediaType.PNG);

        assertThat(made.bytes().length).isLessThanOrEqualTo(LIMITS.thumbnailBytes());
        assertThat(made.width()).isEqualTo(1000);
    }

    @Test
    void gifAndBmpGetPreviewsToo() throws Exception {
        var picture = TestFiles.picture(500, 250, false);
        Path gif = TestFiles.write(folder, "a.gif", TestFiles.encode(picture, "gif"));
        Path bmp = TestFiles.write(folder, "a.bmp", TestFiles.encode(picture, "bmp"));

        assertThat(previews.preview(gif, MediaType.GIF)).isInstanceOfSatisfying(ImagePreview.Made.class,
                made -> assertThat(made.width()).isEqualTo(500));
        assertThat(previews.preview(bmp, MediaType.BMP)).isInstanceOfSatisfying(ImagePreview.Made.class,
                made -> assertThat(made.height()).isEqualTo(250));
    }

    @Test
    void aPhotoTakenWithThePhoneTurnedStandsUpright() throws Exception {
        byte[] landscape = TestFiles.encode(TestFiles.picture(400, 200, false), "jpeg");
        Path turned = TestFiles.write(folder, "turned.jpg", TestFiles.withExifOrientation(landscape, 6));

        var made = (ImagePreview.Made) previews.preview(turned, MediaType.JPEG);

        assertThat(made.width()).isEqualTo(200);
        assertThat(made.height()).isEqualTo(400);
        BufferedImage thumb = decode(made.bytes());
        assertThat(thumb.getHeight()).isGreaterThan(thumb.getWidth());
    }

    @Test
    void aPixelBombIsRefusedWithoutAllocatingItsPixels() throws Exception {
        byte[] bomb = TestFiles.blackPng(100_000, 100_000, 4);
        assertThat(bomb.length).as("a few KB on disk").isLessThan(8 * 1024);
        Path file = TestFiles.write(folder, "bomb.png", bomb);

        long before = allocatedBytes();
        ImagePreview preview = previews.preview(file, MediaType.PNG);
        long allocated = allocatedBytes() - before;

        assertThat(preview).isEqualTo(new ImagePreview.TooManyPixels(100_000, 100_000));
        assertThat(allocated).as("bytes allocated (its pixels would be 30 GB)").isLessThan(8L << 20);
    }

    @Test
    void aJpegDeclaringHugeDimensionsIsRefusedToo() throws Exception {
        byte[] jpeg = TestFiles.encode(TestFiles.picture(64, 48, false), "jpeg");
        setJpegSize(jpeg, 65_000, 65_000);
        Path file = TestFiles.write(folder, "bomb.jpg", jpeg);

        assertThat(previews.preview(file, MediaType.JPEG)).isEqualTo(new ImagePreview.TooManyPixels(65_000, 65_000));
    }

    @Test
    void aLargeImageWithinTheLimitIsDecodedSubsampled() throws Exception {
        // 49 megapixels: decoded whole it would take 147 MB as RGB bytes, 196 MB as ARGB ints.
        Path file = TestFiles.write(folder, "large.png", TestFiles.blackPng(7_000, 7_000, 7_000));

        long before = allocatedBytes();
        ImagePreview preview = previews.preview(file, MediaType.PNG);
        long allocated = allocatedBytes() - before;

        assertThat(preview).isInstanceOfSatisfying(ImagePreview.Made.class, made -> {
            assertThat(made.width()).isEqualTo(7_000);
            assertThat(made.height()).isEqualTo(7_000);
        });
        assertThat(allocated).as("bytes allocated while decoding").isLessThan(32L << 20);
    }

    @Test
    void aBrokenImageGetsNoPreviewAndNoError() throws Exception {
        byte[] png = TestFiles.encode(TestFiles.picture(300, 300, false), "png");
        Path truncated = TestFiles.write(folder, "cut.png", Arrays.copyOf(png, 60));
        Path garbage = TestFiles.write(folder, "garbage.jpg", new byte[]{(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 1, 2});

        assertThat(previews.preview(truncated, MediaType.PNG)).isInstanceOf(ImagePreview.Unreadable.class);
        assertThat(previews.preview(garbage, MediaType.JPEG)).isInstanceOf(ImagePreview.Unreadable.class);
        assertThat(Files.exists(truncated)).isTrue();
    }

    @Test
    void subsamplingKeepsAboutTwiceThePreviewEdge() {
        assertThat(previews.subsampling(640, 480)).isEqualTo(1);
        assertThat(previews.subsampling(8_000, 6_000)).isEqualTo(12);
    }

    private static BufferedImage decode(byte[] bytes) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(bytes));
    }

    /** Rewrites the frame header (SOF0) of a baseline JPEG to declare another size. */
    private static void setJpegSize(byte[] jpeg, int width, int height) {
        for (int i = 2; i + 9 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xC0) {
                jpeg[i + 5] = (byte) (height >> 8);
                jpeg[i + 6] = (byte) height;
                jpeg[i + 7] = (byte) (width >> 8);
                jpeg[i + 8] = (byte) width;
                return;
            }
        }
        throw new IllegalStateException("no SOF0 marker");
    }

    /** {@code com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes}, looked up by reflection. */
    private static long allocatedBytes() throws Exception {
        Object threads = ManagementFactory.getThreadMXBean();
        Method method = Class.forName("com.sun.management.ThreadMXBean").getMethod("getCurrentThreadAllocatedBytes");
        return (long) method.invoke(threads);
    }
}
