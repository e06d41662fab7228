package dev.parley.protocol;

import com.ibm.icu.text.SpoofChecker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Confusables#skeleton} is ICU4J's TR39 skeleton, computed from the small bundled table. */
@Timeout(120)
class ConfusablesTest {
    private static final SpoofChecker ICU = new SpoofChecker.Builder().build();

    @Test
    void skeletonOfEveryCodePointIsIcusSkeleton() {
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            if (Character.getType(cp) == Character.SURROGATE) {
                continue;
            }
            String s = Character.toString(cp);
            String expected = ICU.getSkeleton(s);
            String actual = Confusables.skeleton(s);
            if (!expected.equals(actual)) {
                assertEquals(hex(expected), hex(actual), "skeleton of U+" + Integer.toHexString(cp));
            }
        }
    }

    @Test
    void skeletonOfMixedStringsIsIcusSkeleton() {
        // Marks that NFD reorders across a replaced character, ignorables, astral letters, ASCII.
        String alphabet = "aAlI1|0Oomrné\u0301\u0323\u0307\u034F\u200B\uFE0F\u3164ßςσΣаАαіıǀ"
                + "ａＩ\uD835\uDC1A\uD835\uDC08ł\u0338ø\u05B4\u0E31\u0BCD\uFDFA ._-";
        int[] pool = alphabet.codePoints().toArray();
        Random random = new Random(15);
        for (int i = 0; i < 20_000; i++) {
            var s = new StringBuilder();
            for (int n = random.nextInt(12); n >= 0; n--) {
                s.appendCodePoint(random.nextInt(5) == 0 ? knownCodePointBelow(0x3000, random) : pool[random.nextInt(pool.length)]);
            }
            String text = s.toString();
            String expected = ICU.getSkeleton(text);
            // A prototype new in ICU's Unicode (U+2DEE becomes U+1ADB) has a canonical class Java
            // does not know yet, so the final NFD may order it differently among other marks.
            if (CodePoints.loneSurrogateAt(text) < 0 && expected.codePoints().allMatch(ConfusablesTest::isKnownToJava)) {
                assertEquals(hex(expected), hex(Confusables.skeleton(text)), () -> hex(text));
            }
        }
    }

    /**
     * A code point Java's Unicode knows: ICU4J may know a newer Unicode, and NFD reorders marks
     * by canonical classes that only the newer version has (so the two normalisers differ there).
     */
    private static int knownCodePointBelow(int limit, Random random) {
        while (true) {
            int cp = random.nextInt(limit);
            if (isKnownToJava(cp)) {
                return cp;
            }
        }
    }

    @Test
    void bundledTableIsTheOneIcuGives() throws IOException {
        byte[] bundled;
        try (InputStream in = Confusables.class.getResourceAsStream(Confusables.RESOURCE)) {
            assertNotNull(in, "the confusables table is not on the class path");
            bundled = in.readAllBytes();
        }
        assertTrue(Arrays.equals(ConfusablesTableWriter.build(), bundled),
                "The bundled confusables.bin differs from what this ICU4J gives: regenerate it with "
                        + "ConfusablesTableWriter (see its Javadoc) and commit the file.");
    }

    @Test
    void tableHoldsOnlyCodePointsThatAreLookedUp() {
        var table = Confusables.Table.INSTANCE;
        // Sanity of the layout: thousands of entries, each a real replacement.
        assertTrue(table.size() > 5_000, () -> "only " + table.size() + " entries");
        var out = new StringBuilder();
        table.appendPrototype('a', out);
        table.appendPrototype(0x0430, out); // Cyrillic а
        table.appendPrototype(0xFDFA, out); // one code point, 18 of prototype
        assertEquals("aa", out.substring(0, 2));
        assertEquals(2 + 18, out.codePointCount(0, out.length()));
    }

    @Test
    void damagedTableIsRefusedWithASentence() {
        var badMagic = assertThrows(IllegalStateException.class, () -> Confusables.Table.parse(new byte[] {'X', 'C', 'F', '1', 0}));
        assertTrue(badMagic.getMessage().contains("unknown format"), badMagic::getMessage);
        byte[] good = ConfusablesTableWriter.build();
        var cut = assertThrows(IllegalStateException.class, () -> Confusables.Table.parse(Arrays.copyOf(good, good.length - 1)));
        assertTrue(cut.getMessage().contains("ends in the middle"), cut::getMessage);
        byte[] longer = Arrays.copyOf(good, good.length + 1);
        var extra = assertThrows(IllegalStateException.class, () -> Confusables.Table.parse(longer));
        assertTrue(extra.getMessage().contains("after its last entry"), extra::getMessage);
    }

    private static boolean isKnownToJava(int cp) {
        return Character.getType(cp) != Character.UNASSIGNED;
    }

    static String hex(String s) {
        var b = new StringBuilder();
        s.codePoints().forEach(c -> b.append(Integer.toHexString(c)).append(' '));
        return b.toString().trim();
    }
}
