package dev.parley.files;

import java.util.Set;

/**
 * What a file is, found from its first bytes ({@link MediaSniffer}), never from its name.
 *
 * @param mime the media type on the wire ({@code media} in a {@code file} event)
 * @param kind the family the window picks an icon and a look by
 */
public record MediaType(String mime, Kind kind) {
    /** The family of a media type. */
    public enum Kind {
        IMAGE, AUDIO, VIDEO, DOCUMENT, ARCHIVE, TEXT, PROGRAM, OTHER
    }

    /** Anything not recognised. */
    public static final MediaType UNKNOWN = new MediaType("application/octet-stream", Kind.OTHER);

    public static final MediaType PNG = new MediaType("image/png", Kind.IMAGE);
    public static final MediaType JPEG = new MediaType("image/jpeg", Kind.IMAGE);
    public static final MediaType GIF = new MediaType("image/gif", Kind.IMAGE);
    public static final MediaType BMP = new MediaType("image/bmp", Kind.IMAGE);

    // The formats both ImageIO (for the host's preview) and JavaFX's Image (for the window) decode.
    private static final Set<MediaType> PREVIEWABLE = Set.of(PNG, JPEG, GIF, BMP);

    /**
     * Whether the host makes a preview of it and the window may show it inline. Other images (WebP,
     * HEIC, TIFF, SVG) are shown as file cards: neither side decodes them.
     */
    public boolean previewable() {
        return PREVIEWABLE.contains(this);
    }
}
