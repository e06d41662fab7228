package dev.parley.protocol;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.text.SpoofChecker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;

/**
 * Derives {@code confusables.bin} (the table {@link Confusables} reads) from ICU4J, which is a
 * test dependency only. Run it after raising the ICU4J version, from the project directory:
 * <pre>
 * ./mvnw -q test-compile org.codehaus.mojo:exec-maven-plugin:3.6.1:java \
 *     -Dexec.classpathScope=test -Dexec.mainClass=dev.parley.protocol.ConfusablesTableWriter
 * </pre>
 * {@code ConfusablesTest} fails while the bundled table differs from what this writes.
 */
public final class ConfusablesTableWriter {
    static final Path BUNDLED = Path.of("src/main/resources/dev/parley/protocol", Confusables.RESOURCE);

    private ConfusablesTableWriter() {
    }

    public static void main(String[] args) throws IOException {
        byte[] table = build();
        Files.write(BUNDLED, table);
        System.out.println("Wrote " + table.length + " bytes to " + BUNDLED + " from ICU4J "
                + com.ibm.icu.util.VersionInfo.ICU_VERSION + " (Unicode " + UCharacter.getUnicodeVersion() + ")");
    }

    /** The table as ICU4J's skeleton function defines it, in the layout {@link Confusables} documents. */
    static byte[] build() {
        SpoofChecker icu = new SpoofChecker.Builder().build();
        var entries = new ByteArrayOutputStream();
        int count = 0;
        int previous = 0;
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            if (Character.getType(cp) == Character.SURROGATE || CodePoints.isDefaultIgnorable(cp)) {
                continue;
            }
            String s = Character.toString(cp);
            if (!Normalizer.normalize(s, Normalizer.Form.NFD).equals(s)) {
                continue; // never looked up: NFD comes first
            }
            String prototype = icu.getSkeleton(s);
            if (prototype.equals(s)) {
                continue;
            }
            writeVarint(entries, cp - previous);
            writeVarint(entries, prototype.codePointCount(0, prototype.length()));
            prototype.codePoints().forEach(p -> writeVarint(entries, p));
            previous = cp;
            count++;
        }
        var out = new ByteArrayOutputStream();
        out.writeBytes(Confusables.MAGIC);
        writeVarint(out, count);
        out.writeBytes(entries.toByteArray());
        return out.toByteArray();
    }

    private static void writeVarint(ByteArrayOutputStream out, int value) {
        while ((value & ~0x7F) != 0) {
            out.write((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out.write(value);
    }
}
