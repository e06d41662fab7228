package dev.parley.app.files;

import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;

import java.util.Locale;
import java.util.Set;

/**
 * What a file's media type means for the window: whether it shows inline as a picture and which icon
 * its card has. The media type comes from the content (sniffed by the host), never from the name.
 */
public final class FileKinds {
    /** The images both the host previews and JavaFX's {@code Image} decodes (MediaType.previewable). */
    private static final Set<String> INLINE = Set.of("image/png", "image/jpeg", "image/gif", "image/bmp");

    private FileKinds() {
    }

    /** Whether a file of this media type shows as a picture in its bubble. */
    public static boolean showsInline(String media) {
        return media != null && INLINE.contains(media.toLowerCase(Locale.ROOT));
    }

    /** The icon of a file card. */
    public static Ikon icon(String media) {
        String m = media == null ? "" : media.toLowerCase(Locale.ROOT);
        if (m.startsWith("image/")) {
            return Feather.IMAGE;
        } else if (m.startsWith("audio/")) {
            return Feather.MUSIC;
        } else if (m.startsWith("video/")) {
            return Feather.FILM;
        } else if (m.startsWith("text/") || m.equals("application/pdf") || m.contains("document")
                || m.contains("sheet") || m.contains("presentation")) {
            return Feather.FILE_TEXT;
        } else if (m.contains("zip") || m.contains("tar") || m.contains("compress") || m.contains("7z")
                || m.contains("rar") || m.contains("gzip") || m.contains("archive")) {
            return Feather.ARCHIVE;
        }
        return Feather.FILE;
    }
}
