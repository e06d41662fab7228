package dev.parley.files;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(60)
class SafeNamesTest {
    @TempDir
    Path folder;

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", value = {
            "../../etc/passwd => _.._etc_passwd",
            "..\\..\\Windows\\win.ini => _.._Windows_win.ini",
            "C:\\boot.ini => C__boot.ini",
            "a/b\\c:d*e?f\"g<h>i|j.txt => a_b_c_d_e_f_g_h_i_j.txt"})
    void separatorsAndCharactersWindowsRefusesBecomeUnderscores(String hostile, String safe) {
        assertThat(SafeNames.sanitise(hostile)).isEqualTo(safe);
    }

    @ParameterizedTest
    @ValueSource(strings = {".", "..", "...", " ", "", " . . ", "\u200B", "\u3164", "/"})
    void namesWithNothingLeftBecomeFile(String hostile) {
        assertThat(SafeNames.sanitise(hostile)).isIn("file", "_");
    }

    @Test
    void nullBecomesFile() {
        assertThat(SafeNames.sanitise(null)).isEqualTo("file");
    }

    @Test
    void leadingDotsAreDroppedSoNothingIsSavedHidden() {
        assertThat(SafeNames.sanitise(".bashrc")).isEqualTo("bashrc");
        assertThat(SafeNames.sanitise(" .. .ssh")).isEqualTo("ssh");
    }

    @Test
    void trailingDotsAndSpacesWhichWindowsWouldTrimAreDropped() {
        assertThat(SafeNames.sanitise("report.pdf. . ")).isEqualTo("report.pdf");
        assertThat(SafeNames.sanitise("  spaced  ")).isEqualTo("spaced");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "CON|_CON", "con.txt|_con.txt", "Aux.tar.gz|_Aux.tar.gz", "NUL |_NUL", "LPT9.doc|_LPT9.doc",
            "COM¹.txt|_COM¹.txt", "conin$|_conin$", "com0|_com0", "prn .txt|_prn .txt"})
    void reservedWindowsDeviceNamesGetAnUnderscoreWhateverTheirExtension(String hostile, String safe) {
        assertThat(SafeNames.sanitise(hostile)).isEqualTo(safe);
    }

    @ParameterizedTest
    @ValueSource(strings = {"CONSOLE.txt", "com10", "nullable.c", "lpt.txt", "auxiliary"})
    void namesThatOnlyStartLikeADeviceAreKept(String name) {
        assertThat(SafeNames.sanitise(name)).isEqualTo(name);
    }

    @Test
    void aBidiOverrideCannotDisguiseAProgramAsADocument() {
        // Shown as "invoiceexe.pdf" by a window that honours U+202E; it is a program.
        assertThat(SafeNames.sanitise("invoice\u202Efdp.exe")).isEqualTo("invoicefdp.exe");
        assertThat(SafeNames.sanitise("\u2067x\u2069.txt")).isEqualTo("x.txt");
    }

    @Test
    void controlAndInvisibleCharactersAreRemoved() {
        assertThat(SafeNames.sanitise("a\u0000b\u0007c\nd\u007F.txt")).isEqualTo("abcd.txt");
        assertThat(SafeNames.sanitise("pay\u200Bpal\uFEFF.txt")).isEqualTo("paypal.txt");
        assertThat(SafeNames.sanitise("\uD800lone.txt")).isEqualTo("lone.txt");
    }

    @Test
    void otherSpacesBecomePlainSpaces() {
        assertThat(SafeNames.sanitise("a\u00A0b\u3000c.txt")).isEqualTo("a b c.txt");
    }

    @Test
    void emojiSequencesKeepTheirJoiners() {
        String family = "👨\u200D👩\u200D👧 at the beach.jpg";
        assertThat(SafeNames.sanitise(family)).isEqualTo(family);
        assertThat(SafeNames.sanitise("a\u200Db.txt")).isEqualTo("ab.txt");
    }

    @Test
    void namesAreComposedToNfc() {
        assertThat(SafeNames.sanitise("e\u0301te\u0301.txt")).isEqualTo("été.txt");
    }

    @Test
    void longNamesAreCutTo255BytesKeepingTheExtension() {
        String safe = SafeNames.sanitise("x".repeat(400) + ".jpeg");
        assertThat(bytes(safe)).isEqualTo(255);
        assertThat(safe).endsWith("x.jpeg");
    }

    @Test
    void cuttingNeverBreaksACharacter() {
        String emoji = SafeNames.sanitise("😀".repeat(200) + ".png");
        assertThat(bytes(emoji)).isLessThanOrEqualTo(255);
        assertThat(emoji).endsWith("😀.png").matches("(😀)+\\.png");

        // x + combining acute stays together: the cut falls between letters, not inside one.
        String marked = SafeNames.sanitise("x\u0301".repeat(200) + ".txt");
        assertThat(bytes(marked)).isLessThanOrEqualTo(255);
        assertThat(marked).matches("(x\u0301)+\\.txt");
    }

    @Test
    void aNameThatIsAllExtensionIsCutFromTheFront() {
        String safe = SafeNames.sanitise("a." + "b".repeat(300));
        assertThat(bytes(safe)).isLessThanOrEqualTo(255);
        assertThat(safe).startsWith("a.b");
    }

    @Test
    void copiesAreNumberedBeforeTheExtension() {
        assertThat(SafeNames.numbered("holiday.jpg", 2)).isEqualTo("holiday (2).jpg");
        assertThat(SafeNames.numbered("notes", 3)).isEqualTo("notes (3)");
        assertThat(SafeNames.numbered("backup.tar.gz", 2)).isEqualTo("backup (2).tar.gz");
        assertThat(SafeNames.numbered("holiday.jpg", 1)).isEqualTo("holiday.jpg");
        String numbered = SafeNames.numbered(SafeNames.sanitise("y".repeat(300) + ".txt"), 123);
        assertThat(bytes(numbered)).isLessThanOrEqualTo(255);
        assertThat(numbered).endsWith("y (123).txt");
    }

    @Test
    void aSecondSaveUnderTheSameNameNeverOverwritesTheFirst() throws IOException {
        Path first = SafeNames.createUnique(folder, "holiday.jpg");
        Files.writeString(first, "mine");
        Path second = SafeNames.createUnique(folder, "holiday.jpg");
        Path third = SafeNames.createUnique(folder, "../holiday.jpg");

        assertThat(first.getFileName()).hasToString("holiday.jpg");
        assertThat(second.getFileName()).hasToString("holiday (2).jpg");
        assertThat(third.getFileName()).hasToString("_holiday.jpg");
        assertThat(Files.readString(first)).isEqualTo("mine");
    }

    @Test
    void moveToUniqueKeepsTheExistingFile() throws IOException {
        Files.writeString(folder.resolve("report.pdf"), "old");
        Path download = Files.writeString(folder.resolve("incoming.part"), "new");

        Path saved = SafeNames.moveToUnique(download, folder, "report.pdf");

        assertThat(saved).isEqualTo(folder.resolve("report (2).pdf"));
        assertThat(Files.readString(saved)).isEqualTo("new");
        assertThat(Files.readString(folder.resolve("report.pdf"))).isEqualTo("old");
        assertThat(download).doesNotExist();
    }

    @Test
    void everyHostileNameBecomesOneHarmlessFileInTheFolder() throws IOException {
        for (String hostile : TestFiles.hostileNames(2_000, 18)) {
            String safe = SafeNames.sanitise(hostile);
            String why = "from " + hostile.codePoints().mapToObj(cp -> String.format("U+%04X", cp)).toList();
            assertThat(safe).as(why).isNotEmpty();
            assertThat(bytes(safe)).as(why).isLessThanOrEqualTo(SafeNames.MAX_BYTES);
            assertThat(safe.chars()).as(why).noneMatch(c -> Character.isWhitespace(c) && c != ' ');
            assertThat(safe.chars()).as(why).noneMatch(c -> "/\\:*?\"<>|".indexOf(c) >= 0);
            assertThat(safe.codePoints()).as(why).noneMatch(SafeNamesTest::invisible);
            assertThat(safe).as(why).doesNotStartWith(".").doesNotStartWith(" ").doesNotEndWith(".").doesNotEndWith(" ");
            assertThat(SafeNames.isReserved(safe)).as(why).isFalse();
            assertThat(Normalizer.isNormalized(safe, Normalizer.Form.NFC)).as(why).isTrue();
            Path created = Files.createFile(folder.resolve(safe));
            assertThat(created.getParent()).as(why).isEqualTo(folder);
            Files.delete(created);
        }
    }

    private static boolean invisible(int cp) {
        int type = Character.getType(cp);
        return type == Character.CONTROL || type == Character.FORMAT && cp != 0x200D || type == Character.SURROGATE
                || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
    }

    private static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
