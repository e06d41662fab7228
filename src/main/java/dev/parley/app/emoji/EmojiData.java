package dev.parley.app.emoji;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The bundled emoji set: which sequences have an image, and the picker's list with categories and
 * short names ({@code emoji.tsv}, made by {@code src/build/emoji/make-assets.py} from emoji-data 16
 * and Twemoji). Read once, on first use; immutable after, so any thread may read it.
 */
public final class EmojiData {
    /** The picker's categories, in order; "Component" (bare skin tones, hair) is not offered. */
    public static final List<String> CATEGORIES = List.of("Smileys & Emotion", "People & Body",
            "Animals & Nature", "Food & Drink", "Travel & Places", "Activities", "Objects", "Symbols", "Flags");

    /** One emoji of the picker: its fully qualified sequence, category and short names. */
    public record Emoji(String sequence, String category, List<String> names) {
    }

    private static volatile EmojiData instance;

    private final List<Emoji> all = new ArrayList<>();
    /** Code points ("1f468-200d-1f469") of every sequence with an image, qualified or not, to its file. */
    private final Map<String, String> files = new HashMap<>();

    private EmojiData(InputStream tsv) throws IOException {
        try (var in = new BufferedReader(new InputStreamReader(tsv, StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] f = line.split("\t", -1);
                files.put(f[0], f[0]);
                if (!f[1].isEmpty()) {
                    files.putIfAbsent(f[1], f[0]);
                }
                for (String variant : f[4].split(" ")) {
                    if (!variant.isEmpty()) {
                        files.put(variant, variant);
                        files.putIfAbsent(variant.replace("-fe0f", ""), variant);
                    }
                }
                if (CATEGORIES.contains(f[2])) {
                    all.add(new Emoji(sequence(f[0]), f[2], List.of(f[3].split(","))));
                }
            }
        }
    }

    /** The set shipped with the app. */
    public static EmojiData get() {
        EmojiData data = instance;
        if (data == null) {
            synchronized (EmojiData.class) {
                data = instance;
                if (data == null) {
                    try (InputStream tsv = EmojiData.class.getResourceAsStream("emoji.tsv")) {
                        data = new EmojiData(tsv);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    instance = data;
                }
            }
        }
        return data;
    }

    /** Every emoji the picker offers, in Unicode's order. */
    public List<Emoji> all() {
        return all;
    }

    /** The image file (without {@code .png}) for {@code sequence}, or {@code null} if the set has none. */
    public String file(String sequence) {
        String key = key(sequence);
        String file = files.get(key);
        return file != null ? file : files.get(key.replace("-fe0f", ""));
    }

    /**
     * Emoji whose short names match {@code query}: names starting with it first, then names
     * containing it, each in Unicode's order; at most {@code limit}.
     */
    public List<Emoji> search(String query, int limit) {
        String q = query.toLowerCase(Locale.ROOT).replace(' ', '_');
        Set<Emoji> found = new LinkedHashSet<>();
        for (int pass = 0; pass < 2 && found.size() < limit; pass++) {
            for (Emoji e : all) {
                for (String name : e.names()) {
                    if (pass == 0 ? name.startsWith(q) : name.contains(q)) {
                        found.add(e);
                        break;
                    }
                }
                if (found.size() == limit) {
                    break;
                }
            }
        }
        return List.copyOf(found);
    }

    /** "1f468-200d-1f469" for the sequence 👨‍👩. */
    static String key(String sequence) {
        StringBuilder key = new StringBuilder();
        sequence.codePoints().forEach(cp -> {
            if (!key.isEmpty()) {
                key.append('-');
            }
            key.append(String.format("%04x", cp));
        });
        return key.toString();
    }

    private static String sequence(String key) {
        StringBuilder s = new StringBuilder();
        for (String hex : key.split("-")) {
            s.appendCodePoint(Integer.parseInt(hex, 16));
        }
        return s.toString();
    }
}
