package dev.parley.files;

/** What the host learnt from an image it stored: a preview, or why there is none. */
public sealed interface ImagePreview {
    /**
     * The picture as it is meant to be seen (EXIF orientation applied) and its preview.
     *
     * @param width  pixels across, after orientation
     * @param height pixels down, after orientation
     * @param bytes  the encoded preview, at most {@link FileLimits#thumbnailBytes()}
     * @param media  {@code image/jpeg}, or {@code image/png} for a preview with transparency
     */
    record Made(int width, int height, byte[] bytes, String media) implements ImagePreview {
    }

    /** The header declares more pixels than the host decodes; nothing was decoded. */
    record TooManyPixels(long width, long height) implements ImagePreview {
    }

    /** Not decodable (broken, truncated, or a format the host does not preview). */
    record Unreadable(String detail) implements ImagePreview {
    }
}
