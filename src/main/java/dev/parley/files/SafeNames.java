package dev.parley.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.BreakIterator;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * File names a peer chose, made safe to create on the receiver's file system (Linux, macOS or
 * Windows, whichever it is): one name, no folder, nothing invisible, nothing Windows refuses, at
 * most 255 bytes of UTF-8, never empty; and "unique in this folder" as {@code name (2).ext}.
 *
 * <p>Pure functions plus two file-system helpers; thread-safe. The host sanitises the name it puts
 * in a {@code file} event, and the receiving window sanitises it again before saving, because it
 * cannot know what another host did.
 */
public final class SafeNames {
    /** Longest name in UTF-8 bytes: ext4, APFS and NTFS (255 UTF-16 units) all take it. */
    public static final int MAX_BYTES = 255;
    /** What an empty or all-junk name becomes. */
    public static final String FALLBACK = "file";

    // Device names Windows opens instead of a file, whatever the extension: CON.txt is the console.
    private static final Set<String> RESERVED = Set.of("CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
            "COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
            "COM¹", "COM²", "COM³", "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8",
            "LPT9", "LPT¹", "LPT²", "LPT³");
    // Characters Windows refuses in a name (and / everywhere); each becomes an underscore.
    private static final String FORBIDDEN = "/\\:*?\"<>|";
    private static final List<String> DOUBLE_EXTENSIONS = List.of(".tar.gz", ".tar.bz2", ".tar.xz", ".tar.zst");
    private static final int MAX_EXTENSION_BYTES = 32;
    private static final int MAX_COPIES = 10_000;

    private SafeNames() {
    }

    /**
     * The name as it may be created in a folder. Steps: NFC; control, format (bidi overrides, zero
     * width characters), separator and surrogate code points dropped, except a zero-width joiner
     * inside an emoji; other spaces made plain spaces; {@code / \ : * ? " < > |} made {@code _};
     * leading and trailing dots and spaces dropped (no hidden files, no {@code .} or {@code ..},
     * nothing Windows trims); a reserved Windows device name prefixed with {@code _}; the stem
     * shortened at a character boundary until the whole fits {@link #MAX_BYTES}, keeping the
     * extension; {@link #FALLBACK} if nothing is left.
     */
    public static String sanitise(String raw) {
        if (raw == null) {
            return FALLBACK;
        }
        // NFC again after cleaning: a dropped zero-width space may leave e + U+0301 side by side.
        String cleaned = clean(Normalizer.normalize(raw, Normalizer.Form.NFC));
        String name = strip(Normalizer.normalize(cleaned, Normalizer.Form.NFC));
        if (name.isEmpty()) {
            return FALLBACK;
        }
        if (isReserved(name)) {
            name = "_" + name;
        }
        return fit(name, "");
    }

    /** Whether Windows would open a device instead of this name (the part before the first dot, case ignored). */
    public static boolean isReserved(String name) {
        int dot = name.indexOf('.');
        String stem = (dot < 0 ? name : name.substring(0, dot)).stripTrailing();
        return RESERVED.contains(stem.toUpperCase(Locale.ROOT));
    }

    /**
     * The {@code n}-th copy of a safe name: {@code holiday (2).jpg}, {@code notes (3)},
     * {@code backup (2).tar.gz}; still at most {@link #MAX_BYTES}.
     */
    public static String numbered(String safeName, int n) {
        if (n <= 1) {
            return safeName;
        }
        return fit(safeName, " (" + n + ")");
    }

    /**
     * Creates an empty file under the first free name among {@code name}, {@code name (2)}, … in
     * {@code folder} and returns it; creating it is what makes it ours, so two savers never get
     * the same name. {@code name} is sanitised first.
     */
    public static Path createUnique(Path folder, String name) throws IOException {
        String safe = sanitise(name);
        for (int n = 1; n <= MAX_COPIES; n++) {
            Path candidate = inside(folder, numbered(safe, n));
            try {
                return Files.createFile(candidate);
            } catch (FileAlreadyExistsException taken) {
                // Try the next number.
            }
        }
        throw new IOException("no free name like " + safe + " in " + folder);
    }

    /**
     * Moves a finished file into {@code folder} under a free name made from {@code name}, never
     * over an existing file, and returns where it went.
     */
    public static Path moveToUnique(Path source, Path folder, String name) throws IOException {
        Path target = createUnique(folder, name);
        try {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException otherDisk) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            Files.deleteIfExists(target);
            throw e;
        }
        return target;
    }

    private static Path inside(Path folder, String safeName) {
        Path path = folder.resolve(safeName);
        if (!folder.equals(path.getParent())) {
            throw new IllegalStateException("a sanitised name left its folder: " + safeName);
        }
        return path;
    }

    private static String clean(String name) {
        var out = new StringBuilder(name.length());
        int[] cps = name.codePoints().toArray();
        for (int i = 0; i < cps.length; i++) {
            int cp = cps[i];
            if (FORBIDDEN.indexOf(cp) >= 0) {
                out.append('_');
            } else if (cp == 0x200D && i > 0 && i + 1 < cps.length && isEmojiPart(cps[i - 1])
                    && isEmojiPart(cps[i + 1])) {
                out.appendCodePoint(cp);
            } else if (Character.isSpaceChar(cp) && cp != 0x2028 && cp != 0x2029) {
                out.append(' ');
            } else if (!dropped(cp)) {
                out.appendCodePoint(cp);
            }
        }
        return out.toString();
    }

    private static boolean dropped(int cp) {
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.LINE_SEPARATOR,
                 Character.PARAGRAPH_SEPARATOR -> true;
            // Hangul fillers draw nothing; U+FFFE and U+FFFF are not characters.
            default -> cp == 0x115F || cp == 0x1160 || cp == 0x3164 || cp == 0xFFA0 || (cp & 0xFFFE) == 0xFFFE;
        };
    }

    private static boolean isEmojiPart(int cp) {
        int type = Character.getType(cp);
        return type == Character.OTHER_SYMBOL || type == Character.MODIFIER_SYMBOL || cp == 0xFE0F;
    }

    private static String strip(String name) {
        int start = 0;
        int end = name.length();
        while (start < end && (name.charAt(start) == '.' || name.charAt(start) == ' ')) {
            start++;
        }
        while (end > start && (name.charAt(end - 1) == '.' || name.charAt(end - 1) == ' ')) {
            end--;
        }
        return name.substring(start, end);
    }

    /** {@code stem + suffix + extension}, the stem cut at a character boundary so it all fits. */
    private static String fit(String name, String suffix) {
        String extension = extension(name);
        String stem = name.substring(0, name.length() - extension.length());
        int budget = MAX_BYTES - bytes(suffix) - bytes(extension);
        if (bytes(stem) > budget) {
            stem = strip(cut(stem, budget));
        }
        if (stem.isEmpty()) {
            stem = FALLBACK;
        }
        return stem + suffix + extension;
    }

    /** The extension with its dot ({@code .jpg}, {@code .tar.gz}), or empty if there is none worth keeping. */
    static String extension(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (String twin : DOUBLE_EXTENSIONS) {
            if (lower.endsWith(twin) && lower.length() > twin.length()) {
                return name.substring(name.length() - twin.length());
            }
        }
        int dot = name.lastIndexOf('.');
        if (dot <= 0 || dot == name.length() - 1) {
            return "";
        }
        String extension = name.substring(dot);
        return extension.indexOf(' ') < 0 && bytes(extension) <= MAX_EXTENSION_BYTES ? extension : "";
    }

    private static String cut(String text, int maxBytes) {
        BreakIterator characters = BreakIterator.getCharacterInstance(Locale.ROOT);
        characters.setText(text);
        int end = 0;
        int used = 0;
        for (int next = characters.next(); next != BreakIterator.DONE; next = characters.next()) {
            used += bytes(text.substring(end, next));
            if (used > maxBytes) {
                break;
            }
            end = next;
        }
        return text.substring(0, end);
    }

    private static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
