package dev.parley.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.ByteBuffer;
import java.util.Arrays;

import dev.parley.files.MediaType.Kind;

/**
 * The media type of a file from its magic numbers: what a person is shown comes from the content,
 * so {@code invoice.pdf.exe} renamed {@code photo.jpg} is still a program. Thread-safe.
 *
 * <p>Text (HTML and SVG included) is only ever {@code text/plain}: nothing here tells the window to
 * render markup.
 */
public final class MediaSniffer {
    /** How many leading bytes the sniffer looks at. */
    public static final int HEAD_BYTES = 8192;

    private MediaSniffer() {
    }

    /** Sniffs the head of a file. */
    public static MediaType sniff(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return sniff(in.readNBytes(HEAD_BYTES));
        }
    }

    /** Sniffs the first bytes of a file (up to {@link #HEAD_BYTES} are looked at). */
    public static MediaType sniff(byte[] head) {
        byte[] h = head.length > HEAD_BYTES ? Arrays.copyOf(head, HEAD_BYTES) : head;
        MediaType binary = binary(h);
        return binary != null ? binary : text(h);
    }

    private static MediaType binary(byte[] h) {
        if (starts(h, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return MediaType.PNG;
        }
        if (starts(h, 0, 0xFF, 0xD8, 0xFF)) {
            return MediaType.JPEG;
        }
        if (ascii(h, 0, "GIF87a") || ascii(h, 0, "GIF89a")) {
            return MediaType.GIF;
        }
        if (ascii(h, 0, "BM") && h.length >= 26 && le32(h, 14) >= 12 && le32(h, 14) <= 124) {
            return MediaType.BMP;
        }
        if (ascii(h, 0, "RIFF") && h.length >= 12) {
            return riff(h);
        }
        if (ascii(h, 4, "ftyp")) {
            return isoMedia(h);
        }
        if (starts(h, 0, 'I', 'I', 0x2A, 0x00) || starts(h, 0, 'M', 'M', 0x00, 0x2A)) {
            return type("image/tiff", Kind.IMAGE);
        }
        if (starts(h, 0, 0x00, 0x00, 0x01, 0x00) && h.length >= 6 && h[4] != 0) {
            return type("image/vnd.microsoft.icon", Kind.IMAGE);
        }
        if (ascii(h, 0, "8BPS")) {
            return type("image/vnd.adobe.photoshop", Kind.IMAGE);
        }
        if (ascii(h, 0, "%PDF-")) {
            return type("application/pdf", Kind.DOCUMENT);
        }
        if (ascii(h, 0, "{\\rtf")) {
            return type("application/rtf", Kind.DOCUMENT);
        }
        if (starts(h, 0, 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1)) {
            // Word 97–2003, Excel, PowerPoint, but also Windows Installer packages.
            return type("application/x-ole-storage", Kind.DOCUMENT);
        }
        if (ascii(h, 0, "SQLite format 3\0")) {
            return type("application/vnd.sqlite3", Kind.OTHER);
        }
        if (starts(h, 0, 'P', 'K', 0x03, 0x04) || starts(h, 0, 'P', 'K', 0x05, 0x06)) {
            return ZipKind.of(h);
        }
        MediaType archive = archive(h);
        if (archive != null) {
            return archive;
        }
        MediaType media = audioVideo(h);
        if (media != null) {
            return media;
        }
        return program(h);
    }

    private static MediaType riff(byte[] h) {
        if (ascii(h, 8, "WEBP")) {
            return type("image/webp", Kind.IMAGE);
        }
        if (ascii(h, 8, "WAVE")) {
            return type("audio/wav", Kind.AUDIO);
        }
        if (ascii(h, 8, "AVI ")) {
            return type("video/x-msvideo", Kind.VIDEO);
        }
        return MediaType.UNKNOWN;
    }

    private static MediaType isoMedia(byte[] h) {
        String brand = h.length >= 12 ? new String(h, 8, 4, StandardCharsets.ISO_8859_1) : "";
        return switch (brand) {
            case "heic", "heix", "hevc", "heim", "heis", "mif1", "msf1" -> type("image/heic", Kind.IMAGE);
            case "avif", "avis" -> type("image/avif", Kind.IMAGE);
            case "qt  " -> type("video/quicktime", Kind.VIDEO);
            case "M4A ", "M4B " -> type("audio/mp4", Kind.AUDIO);
            case "3gp4", "3gp5", "3gp6", "3g2a" -> type("video/3gpp", Kind.VIDEO);
            default -> type("video/mp4", Kind.VIDEO);
        };
    }

    private static MediaType archive(byte[] h) {
        if (starts(h, 0, 0x1F, 0x8B)) {
            return type("application/gzip", Kind.ARCHIVE);
        }
        if (ascii(h, 0, "BZh")) {
            return type("application/x-bzip2", Kind.ARCHIVE);
        }
        if (starts(h, 0, 0xFD, '7', 'z', 'X', 'Z', 0x00)) {
            return type("application/x-xz", Kind.ARCHIVE);
        }
        if (starts(h, 0, 0x28, 0xB5, 0x2F, 0xFD)) {
            return type("application/zstd", Kind.ARCHIVE);
        }
        if (starts(h, 0, '7', 'z', 0xBC, 0xAF, 0x27, 0x1C)) {
            return type("application/x-7z-compressed", Kind.ARCHIVE);
        }
        if (ascii(h, 0, "Rar!\u001A\u0007")) {
            return type("application/vnd.rar", Kind.ARCHIVE);
        }
        if (ascii(h, 257, "ustar")) {
            return type("application/x-tar", Kind.ARCHIVE);
        }
        return null;
    }

    private static MediaType audioVideo(byte[] h) {
        if (ascii(h, 0, "ID3") || h.length >= 2 && (h[0] & 0xFF) == 0xFF && (h[1] & 0xE6) == 0xE2) {
            return type("audio/mpeg", Kind.AUDIO);
        }
        if (ascii(h, 0, "OggS")) {
            return type("audio/ogg", Kind.AUDIO);
        }
        if (ascii(h, 0, "fLaC")) {
            return type("audio/flac", Kind.AUDIO);
        }
        if (starts(h, 0, 0x1A, 0x45, 0xDF, 0xA3)) {
            return contains(h, "webm") ? type("video/webm", Kind.VIDEO) : type("video/x-matroska", Kind.VIDEO);
        }
        return null;
    }

    private static MediaType program(byte[] h) {
        if (starts(h, 0, 0x7F, 'E', 'L', 'F')) {
            return type("application/x-executable", Kind.PROGRAM);
        }
        if (ascii(h, 0, "MZ")) {
            return type("application/vnd.microsoft.portable-executable", Kind.PROGRAM);
        }
        if (starts(h, 0, 0xCF, 0xFA, 0xED, 0xFE) || starts(h, 0, 0xCE, 0xFA, 0xED, 0xFE)
                || starts(h, 0, 0xFE, 0xED, 0xFA, 0xCE) || starts(h, 0, 0xFE, 0xED, 0xFA, 0xCF)) {
            return type("application/x-mach-binary", Kind.PROGRAM);
        }
        if (starts(h, 0, 0xCA, 0xFE, 0xBA, 0xBE)) {
            // A universal macOS binary or a Java class file: a program either way.
            return type("application/x-mach-binary", Kind.PROGRAM);
        }
        if (starts(h, 0, 0x4C, 0x00, 0x00, 0x00, 0x01, 0x14, 0x02, 0x00)) {
            return type("application/x-ms-shortcut", Kind.PROGRAM);
        }
        return null;
    }

    private static MediaType text(byte[] h) {
        if (h.length == 0) {
            return type("text/plain", Kind.TEXT);
        }
        if (starts(h, 0, 0xFF, 0xFE) || starts(h, 0, 0xFE, 0xFF)) {
            return type("text/plain", Kind.TEXT);
        }
        if (!isUtf8Text(h)) {
            return MediaType.UNKNOWN;
        }
        int from = starts(h, 0, 0xEF, 0xBB, 0xBF) ? 3 : 0;
        return ascii(h, from, "#!") ? type("text/x-script", Kind.PROGRAM) : type("text/plain", Kind.TEXT);
    }

    private static boolean isUtf8Text(byte[] h) {
        for (byte b : h) {
            int c = b & 0xFF;
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1B) {
                return false;
            }
        }
        // The head may end inside a character: drop at most three bytes of a cut sequence.
        for (int cut = 0; cut <= Math.min(3, h.length); cut++) {
            if (decodes(h, h.length - cut)) {
                return true;
            }
            if (h.length < HEAD_BYTES) {
                return false;
            }
        }
        return false;
    }

    private static boolean decodes(byte[] h, int length) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(h, 0, length));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    static MediaType type(String mime, Kind kind) {
        return new MediaType(mime, kind);
    }

    static boolean starts(byte[] h, int at, int... bytes) {
        if (h.length < at + bytes.length) {
            return false;
        }
        for (int i = 0; i < bytes.length; i++) {
            if ((h[at + i] & 0xFF) != bytes[i]) {
                return false;
            }
        }
        return true;
    }

    static boolean ascii(byte[] h, int at, String s) {
        if (h.length < at + s.length()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if ((h[at + i] & 0xFF) != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    static boolean contains(byte[] h, String s) {
        outer:
        for (int at = 0; at + s.length() <= h.length; at++) {
            for (int i = 0; i < s.length(); i++) {
                if ((h[at + i] & 0xFF) != s.charAt(i)) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    static long le32(byte[] h, int at) {
        return (h[at] & 0xFFL) | (h[at + 1] & 0xFFL) << 8 | (h[at + 2] & 0xFFL) << 16 | (h[at + 3] & 0xFFL) << 24;
    }
}
