package dev.parley.files;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.DeflaterOutputStream;

/** Files the tests send: random bytes, real images drawn with Java 2D, and hand-made PNGs. */
public final class TestFiles {
    private TestFiles() {
    }

    public static Path random(Path folder, String name, long size, long seed) throws IOException {
        Path file = folder.resolve(name);
        var random = new Random(seed);
        byte[] chunk = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = size; left > 0; left -= chunk.length) {
                random.nextBytes(chunk);
                out.write(chunk, 0, (int) Math.min(chunk.length, left));
            }
        }
        return file;
    }

    public static String sha256(byte[] bytes) {
        var digest = Hex.sha256();
        digest.update(bytes);
        return Hex.finish(digest);
    }

    public static String sha256(Path file) throws IOException {
        return sha256(Files.readAllBytes(file));
    }

    /** A picture with a gradient and shapes, so it compresses like a photo rather than like a flat colour. */
    public static BufferedImage picture(int width, int height, boolean alpha) {
        var image = new BufferedImage(width, height, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        if (!alpha) {
            g.setPaint(new GradientPaint(0, 0, Color.ORANGE, width, height, Color.BLUE));
            g.fillRect(0, 0, width, height);
        }
        g.setColor(new Color(200, 30, 30, alpha ? 160 : 255));
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        return image;
    }

    public static byte[] encode(BufferedImage image, String format) throws IOException {
        var out = new ByteArrayOutputStream();
        if (!ImageIO.write(image, format, out)) {
            throw new IOException("no writer for " + format);
        }
        return out.toByteArray();
    }

    public static Path write(Path folder, String name, byte[] bytes) throws IOException {
        return Files.write(folder.resolve(name), bytes);
    }

    /**
     * A PNG that declares {@code width} × {@code height} 8-bit RGB pixels, all black: its rows
     * compress to almost nothing, so even a huge image is a small file. {@code rows} rows are
     * actually present (fewer than {@code height} makes it truncated).
     */
    public static byte[] blackPng(int width, int height, int rows) throws IOException {
        var png = new ByteArrayOutputStream();
        png.write(new byte[]{(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        var header = new ByteArrayOutputStream();
        writeInt(header, width);
        writeInt(header, height);
        header.write(new byte[]{8, 2, 0, 0, 0});
        chunk(png, "IHDR", header.toByteArray());
        var idat = new ByteArrayOutputStream();
        try (var deflate = new DeflaterOutputStream(idat)) {
            byte[] row = new byte[1 + width * 3];
            for (int y = 0; y < rows; y++) {
                deflate.write(row);
            }
        }
        chunk(png, "IDAT", idat.toByteArray());
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    /** A JPEG with an EXIF block saying how to turn it (orientation 1–8). */
    public static byte[] withExifOrientation(byte[] jpeg, int orientation) {
        byte[] exif = {
                (byte) 0xFF, (byte) 0xE1, 0, 34, 'E', 'x', 'i', 'f', 0, 0,
                'M', 'M', 0, 42, 0, 0, 0, 8,
                0, 1,
                0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0,
                0, 0, 0, 0};
        byte[] out = new byte[jpeg.length + exif.length];
        System.arraycopy(jpeg, 0, out, 0, 2);
        System.arraycopy(exif, 0, out, 2, exif.length);
        System.arraycopy(jpeg, 2, out, 2 + exif.length, jpeg.length - 2);
        return out;
    }

    /** Names with every trick the name rules know of, plus random mixes of their characters. */
    public static List<String> hostileNames(int randomOnes, long seed) {
        var names = new ArrayList<>(List.of("../../etc/passwd", "..\\..\\Windows\\win.ini", "C:\\boot.ini", "/", ".",
                "..", "...", " ", "", "CON", "con.txt", "Aux.tar.gz", "NUL ", "LPT9.doc", "COM¹.txt", "conin$",
                "invoice\u202Efdp.exe", "a\u0000b", "tab\there", "line\nbreak", "\u200B\u200B", "\uFEFFbom.txt",
                "name.", "name. . .", "  spaced  ", "?*<>|:\"", "\uD800lone", "x".repeat(400) + ".txt",
                "😀".repeat(200) + ".png", ".".repeat(300), "a/b\\c:d", "\u3164\uFFA0", "e\u0301".repeat(200)));
        String pool = "a.é😀/\\:*?\"<>| \u0000\u001F\u007F\u200B\u200E\u202E\u2066\uFEFF\u00A0\u2028\u3164"
                + "\uD83D\u0301COMNULLPT1xyz";
        int[] cps = pool.codePoints().toArray();
        var random = new Random(seed);
        for (int i = 0; i < randomOnes; i++) {
            var name = new StringBuilder();
            int length = random.nextInt(300);
            for (int j = 0; j < length; j++) {
                name.appendCodePoint(cps[random.nextInt(cps.length)]);
            }
            names.add(name.toString());
        }
        return names;
    }

    private static void chunk(ByteArrayOutputStream png, String type, byte[] data) throws IOException {
        writeInt(png, data.length);
        byte[] typeBytes = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        png.write(typeBytes);
        png.write(data);
        var crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        writeInt(png, (int) crc.getValue());
    }

    private static void writeInt(ByteArrayOutputStream out, int value) {
        out.write(value >>> 24);
        out.write(value >>> 16);
        out.write(value >>> 8);
        out.write(value);
    }
}
