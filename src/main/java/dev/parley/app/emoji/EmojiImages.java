package dev.parley.app.emoji;

import javafx.scene.image.Image;
import javafx.scene.image.ImageView;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Emoji images, decoded only when first shown and kept by code point sequence (at most
 * {@link #CACHED} of them, the least recently used go first). The PNGs are 40 px Twemoji graphics,
 * one resource each, so the module's own archive is the "zip" they are read from lazily. FX thread only.
 */
public final class EmojiImages {
    static final int CACHED = 600;
    /** How far below the baseline an emoji reaches, as a share of its height (like a letter's descent). */
    private static final double DESCENT = 0.2;

    private final EmojiData data;
    private final Map<String, Image> cache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Image> eldest) {
            return size() > CACHED;
        }
    };

    public EmojiImages(EmojiData data) {
        this.data = data;
    }

    /** The image for {@code sequence}, or {@code null} if the set has none. */
    public Image image(String sequence) {
        String file = data.file(sequence);
        if (file == null) {
            return null;
        }
        Image image = cache.get(file);
        if (image == null) {
            try (InputStream png = EmojiImages.class.getResourceAsStream("png/" + file + ".png")) {
                if (png == null) {
                    return null;
                }
                image = new Image(png);
            } catch (IOException e) {
                return null;
            }
            cache.put(file, image);
        }
        return image;
    }

    /**
     * A node showing {@code sequence} at {@code size} px that sits on the text's baseline, or
     * {@code null} if the set has no image for it. Its accessible text is the emoji itself.
     */
    public ImageView view(String sequence, double size) {
        Image image = image(sequence);
        if (image == null) {
            return null;
        }
        ImageView view = new ImageView(image) {
            @Override
            public double getBaselineOffset() {
                return size * (1 - DESCENT);
            }
        };
        view.setFitWidth(size);
        view.setFitHeight(size);
        view.setPreserveRatio(true);
        view.setSmooth(true);
        view.getStyleClass().add("emoji");
        view.setAccessibleText(sequence);
        return view;
    }
}
