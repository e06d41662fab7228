package dev.parley.files;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.parley.files.MediaType.Kind;

/**
 * Tells a plain ZIP from the formats built on it (Word, Excel, PowerPoint, OpenDocument, EPUB,
 * Java and Android packages) by the entry names in the local headers within the sniffed head.
 */
final class ZipKind {
    private static final int LOCAL_HEADER = 30;

    private ZipKind() {
    }

    static MediaType of(byte[] h) {
        String declared = openDocumentMime(h);
        if (declared != null) {
            return new MediaType(declared, Kind.DOCUMENT);
        }
        List<String> names = entryNames(h);
        for (String name : names) {
            if (name.startsWith("word/")) {
                return new MediaType("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                        Kind.DOCUMENT);
            }
            if (name.startsWith("xl/")) {
                return new MediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        Kind.DOCUMENT);
            }
            if (name.startsWith("ppt/")) {
                return new MediaType("application/vnd.openxmlformats-officedocument.presentationml.presentation",
                        Kind.DOCUMENT);
            }
            if (name.equals("AndroidManifest.xml") || name.equals("classes.dex")) {
                return new MediaType("application/vnd.android.package-archive", Kind.PROGRAM);
            }
            if (name.equals("META-INF/MANIFEST.MF")) {
                return new MediaType("application/java-archive", Kind.PROGRAM);
            }
        }
        return new MediaType("application/zip", Kind.ARCHIVE);
    }

    /** OpenDocument and EPUB store their media type uncompressed as the first entry, "mimetype". */
    private static String openDocumentMime(byte[] h) {
        if (h.length < LOCAL_HEADER || !MediaSniffer.ascii(h, LOCAL_HEADER, "mimetype")) {
            return null;
        }
        int method = le16(h, 8);
        int size = (int) MediaSniffer.le32(h, 18);
        int start = LOCAL_HEADER + le16(h, 26) + le16(h, 28);
        if (method != 0 || size <= 0 || size > 100 || start + size > h.length) {
            return null;
        }
        String mime = new String(h, start, size, StandardCharsets.US_ASCII);
        return mime.matches("application/[a-z0-9.+-]+") ? mime : null;
    }

    /** Names of every local file header whose name lies inside the head (data descriptors or not). */
    private static List<String> entryNames(byte[] h) {
        var names = new ArrayList<String>();
        for (int at = 0; at + LOCAL_HEADER <= h.length; at++) {
            if (MediaSniffer.starts(h, at, 'P', 'K', 0x03, 0x04)) {
                int length = le16(h, at + 26);
                if (at + LOCAL_HEADER + length <= h.length) {
                    names.add(new String(h, at + LOCAL_HEADER, length, StandardCharsets.UTF_8));
                }
            }
        }
        return names;
    }

    private static int le16(byte[] h, int at) {
        return (h[at] & 0xFF) | (h[at + 1] & 0xFF) << 8;
    }
}
