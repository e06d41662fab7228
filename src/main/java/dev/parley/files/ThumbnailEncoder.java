package dev.parley.files;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * Scales a decoded picture to a preview of at most {@code edge} pixels, stands it up by its EXIF
 * orientation and encodes it in at most {@code maxBytes}: PNG while it has transparency and fits,
 * else JPEG at falling quality, shrinking the picture until it fits.
 */
final class ThumbnailEncoder {
    private static final float[] QUALITIES = {0.85f, 0.75f, 0.6f, 0.45f, 0.3f};
    private static final int SMALLEST_EDGE = 32;

    private final int edge;
    private final int maxBytes;

    /** An encoded preview. */
    record Encoded(byte[] bytes, String media) {
    }

    ThumbnailEncoder(int edge, int maxBytes) {
        this.edge = edge;
        this.maxBytes = maxBytes;
    }

    Encoded encode(BufferedImage decoded, int orientation) throws IOException {
        boolean alpha = decoded.getColorModel().hasAlpha();
        BufferedImage image = orient(scale(decoded, edge, alpha), orientation);
        for (int side = edge; side >= SMALLEST_EDGE; side = side * 3 / 4) {
            BufferedImage sized = scale(image, side, alpha);
            if (alpha) {
                byte[] png = png(sized);
                if (png.length <= maxBytes) {
                    return new Encoded(png, "image/png");
                }
            }
            BufferedImage opaque = alpha ? flatten(sized) : sized;
            for (float quality : QUALITIES) {
                byte[] jpeg = jpeg(opaque, quality);
                if (jpeg.length <= maxBytes) {
                    return new Encoded(jpeg, "image/jpeg");
                }
            }
        }
        throw new IOException("no preview fits in " + maxBytes + " bytes");
    }

    /** The image with its longest edge at most {@code side}, halving first so the result is not jagged. */
    static BufferedImage scale(BufferedImage source, int side, boolean alpha) {
        int type = alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
        double factor = Math.min(1.0, (double) side / Math.max(source.getWidth(), source.getHeight()));
        int width = Math.max(1, (int) Math.round(source.getWidth() * factor));
        int height = Math.max(1, (int) Math.round(source.getHeight() * factor));
        BufferedImage current = source;
        do {
            int w = Math.max(width, current.getWidth() / 2);
            int h = Math.max(height, current.getHeight() / 2);
            current = draw(current, w, h, type);
        } while (current.getWidth() > width || current.getHeight() > height);
        return current;
    }

    private static BufferedImage draw(BufferedImage source, int width, int height, int type) {
        BufferedImage target = new BufferedImage(width, height, type);
        Graphics2D g = target.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(source, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return target;
    }

    /** Turns and mirrors the pixels as EXIF orientations 2–8 say; 1 is as stored. */
    static BufferedImage orient(BufferedImage image, int orientation) {
        if (orientation <= ExifOrientation.NORMAL || orientation > 8) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        boolean swap = ExifOrientation.swapsSides(orientation);
        BufferedImage out = new BufferedImage(swap ? h : w, swap ? w : h, image.getType());
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = image.getRGB(x, y);
                switch (orientation) {
                    case 2 -> out.setRGB(w - 1 - x, y, rgb);
                    case 3 -> out.setRGB(w - 1 - x, h - 1 - y, rgb);
                    case 4 -> out.setRGB(x, h - 1 - y, rgb);
                    case 5 -> out.setRGB(y, x, rgb);
                    case 6 -> out.setRGB(h - 1 - y, x, rgb);
                    case 7 -> out.setRGB(h - 1 - y, w - 1 - x, rgb);
                    default -> out.setRGB(y, w - 1 - x, rgb);
                }
            }
        }
        return out;
    }

    private static BufferedImage flatten(BufferedImage image) {
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static byte[] png(BufferedImage image) throws IOException {
        return write("png", image, null);
    }

    private static byte[] jpeg(BufferedImage image, float quality) throws IOException {
        return write("jpeg", image, quality);
    }

    // In memory: ImageIO.write would buffer through a temporary file under java.io.tmpdir.
    private static byte[] write(String format, BufferedImage image, Float quality) throws IOException {
        var writers = ImageIO.getImageWritersByFormatName(format);
        if (!writers.hasNext()) {
            throw new IOException("this runtime has no ImageIO writer for " + format);
        }
        ImageWriter writer = writers.next();
        var out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (quality != null) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(quality);
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}
