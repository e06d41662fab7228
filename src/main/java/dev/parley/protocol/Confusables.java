package dev.parley.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.Arrays;

/**
 * The confusables skeleton of Unicode TR39 §4: two strings that look alike have the same skeleton.
 * {@code skeleton(X)} = NFD, drop default-ignorable code points, replace each code point by its
 * prototype from {@code confusables.txt}, NFD again; exactly what ICU4J's
 * {@code SpoofChecker.getSkeleton} computes (a test compares the two over every code point).
 *
 * <p>The prototypes come from the resource {@code confusables.bin} (Unicode data, Unicode License
 * v3; see LICENSE-3rdparty), derived from ICU4J by {@code ConfusablesTableWriter} in the tests.
 * It is read once, on first use, by whichever thread gets there first; after that every method
 * is a pure function and thread-safe.
 *
 * <p>Table layout, all numbers unsigned LEB128 varints: the bytes {@code P C F 1}, the entry
 * count, then per entry the code point's distance from the previous entry's (from 0 for the
 * first), the prototype's length in code points, and the prototype's code points. Entries are
 * in code point order and cover only code points that NFD leaves alone and that are not default
 * ignorable (NFD and the drop happen before the lookup).
 */
final class Confusables {
    static final String RESOURCE = "confusables.bin";
    static final byte[] MAGIC = {'P', 'C', 'F', '1'};

    private Confusables() {
    }

    /** The TR39 skeleton of {@code s}. */
    static String skeleton(String s) {
        String nfd = normalize(s, Normalizer.Form.NFD);
        var out = new StringBuilder(nfd.length() + 8);
        Table table = Table.INSTANCE;
        for (int i = 0; i < nfd.length(); ) {
            int cp = nfd.codePointAt(i);
            i += Character.charCount(cp);
            if (!CodePoints.isDefaultIgnorable(cp)) {
                table.appendPrototype(cp, out);
            }
        }
        return normalize(out, Normalizer.Form.NFD);
    }

    /**
     * {@code s} in the given form. Text below U+00C0 is in every form already (nothing there
     * decomposes, combines or reorders), which spares most names the normaliser's allocations.
     */
    static String normalize(CharSequence s, Normalizer.Form form) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0xC0) {
                return Normalizer.normalize(s, form);
            }
        }
        return s.toString();
    }

    /** The parsed resource: sorted code points and their prototypes in one shared string. */
    static final class Table {
        // The holder idiom: the class initialiser runs once, on first use, and is thread-safe.
        static final Table INSTANCE = load();

        private final int[] sources;
        private final int[] starts;
        private final String prototypes;

        Table(int[] sources, int[] starts, String prototypes) {
            this.sources = sources;
            this.starts = starts;
            this.prototypes = prototypes;
        }

        int size() {
            return sources.length;
        }

        void appendPrototype(int cp, StringBuilder out) {
            int at = Arrays.binarySearch(sources, cp);
            if (at < 0) {
                out.appendCodePoint(cp);
            } else {
                out.append(prototypes, starts[at], starts[at + 1]);
            }
        }

        private static Table load() {
            try (InputStream in = Confusables.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("The confusables table " + RESOURCE + " is missing from the build.");
                }
                return parse(in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read the confusables table " + RESOURCE, e);
            }
        }

        static Table parse(byte[] bytes) {
            if (bytes.length < MAGIC.length || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
                throw new IllegalStateException("The confusables table " + RESOURCE + " has an unknown format.");
            }
            var reader = new VarintReader(bytes, MAGIC.length);
            int count = reader.next();
            int[] sources = new int[count];
            int[] starts = new int[count + 1];
            var prototypes = new StringBuilder(count * 2);
            int source = 0;
            for (int i = 0; i < count; i++) {
                source += reader.next();
                sources[i] = source;
                starts[i] = prototypes.length();
                for (int length = reader.next(); length > 0; length--) {
                    prototypes.appendCodePoint(reader.next());
                }
            }
            starts[count] = prototypes.length();
            if (!reader.atEnd()) {
                throw new IllegalStateException("The confusables table " + RESOURCE + " has bytes after its last entry.");
            }
            return new Table(sources, starts, prototypes.toString());
        }
    }

    /** Reads unsigned LEB128 numbers from a byte array. */
    private static final class VarintReader {
        private final byte[] bytes;
        private int at;

        VarintReader(byte[] bytes, int at) {
            this.bytes = bytes;
            this.at = at;
        }

        int next() {
            int value = 0;
            for (int shift = 0; shift < 32; shift += 7) {
                if (at >= bytes.length) {
                    throw new IllegalStateException("The confusables table " + RESOURCE + " ends in the middle of an entry.");
                }
                byte b = bytes[at++];
                value |= (b & 0x7F) << shift;
                if (b >= 0) {
                    return value;
                }
            }
            throw new IllegalStateException("The confusables table " + RESOURCE + " holds a number that is too long.");
        }

        boolean atEnd() {
            return at == bytes.length;
        }
    }
}
