package dev.parley.protocol;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Limits}: the checks the room and the client call. {@link Limits#isValidId} is
 * {@code [A-Za-z0-9_-]{1,64}}, checked without a regex; the nick and text checks are
 * {@link NickRules} and {@link TextRules} (tested there), reached through the calls the room makes.
 */
@Timeout(60)
class LimitsTest {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_\\-]{1,64}");

    @ParameterizedTest
    @ValueSource(strings = {"a", "Z", "0", "9", "_", "-", "m-123", "c0a8", "--", "A_z-0_9",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void idsOfOneToSixtyFourAllowedCharactersAreValid(String id) {
        assertTrue(Limits.isValidId(id), id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "a b", "a.b", "a/b", "a@b", "a[b", "a`b", "a{b", "a:b", "é", "Ａ", "１", "a\n", "\u0000",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "😀"})
    void emptyTooLongOrOtherCharactersAreNotValid(String id) {
        assertFalse(Limits.isValidId(id), id);
    }

    @Test
    void nullIsNotValid() {
        assertFalse(Limits.isValidId(null));
    }

    @Test
    void everyCharacterAndRandomIdsAgreeWithThePattern() {
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            String s = String.valueOf(c);
            assertEquals(ID.matcher(s).matches(), Limits.isValidId(s), () -> Integer.toHexString(s.charAt(0)));
        }
        String alphabet = "aZ09_-.@ é\u0000";
        Random random = new Random(3);
        for (int i = 0; i < 50_000; i++) {
            var id = new StringBuilder();
            int length = random.nextInt(70);
            for (int j = 0; j < length; j++) {
                id.append(random.nextInt(8) == 0 ? alphabet.charAt(random.nextInt(alphabet.length())) : 'x');
            }
            assertEquals(ID.matcher(id).matches(), Limits.isValidId(id.toString()), id::toString);
        }
    }

    @Test
    void normalizeNickGivesTheNfcTrimmedNickOrNothing() {
        assertEquals("Ren\u00E9e", Limits.normalizeNick("  Rene\u0301e "));
        assertEquals("\u0430lice", Limits.normalizeNick("\u0430lice"), "a look-alike is a valid nick; the key makes it taken");
        assertNull(Limits.normalizeNick("alice\u3164"));
        assertNull(Limits.normalizeNick("\u3164"));
        assertNull(Limits.normalizeNick("a\uD800b"));
        assertNull(Limits.normalizeNick(null));
    }

    @Test
    void nickProblemIsASentenceForEveryRefusal() {
        assertNull(Limits.nickProblem("alice"));
        assertEquals(NickProblem.INVISIBLE_CHARACTER.sentence(), Limits.nickProblem("\uFFA0"));
        assertEquals(NickProblem.NO_LETTER_OR_DIGIT.sentence(), Limits.nickProblem("\u0301\u0301"));
        assertEquals(NickProblem.BROKEN_CHARACTER.sentence(), Limits.nickProblem("\uDC00"));
        for (NickProblem problem : NickProblem.values()) {
            assertTrue(problem.sentence().endsWith("."), problem::name);
        }
    }

    @Test
    void nickKeyMakesLookAlikesOneName() {
        assertEquals(Limits.nickKey("alice"), Limits.nickKey("\u0430lice"));
        assertEquals(Limits.nickKey("alice"), Limits.nickKey(" ALICE "));
        assertFalse(Limits.nickKey("alice").equals(Limits.nickKey("bob")));
    }

    @Test
    void textProblemRefusesBrokenAndBlankTexts() {
        assertNull(Limits.textProblem("hi"));
        assertEquals(TextProblem.BROKEN_CHARACTER.sentence(), Limits.textProblem("a\uD800b"));
        assertEquals(TextProblem.BLANK.sentence(), Limits.textProblem("\u00A0\u2007\u202F"));
        assertEquals(TextProblem.BLANK.sentence(), Limits.textProblem("\u200B\uFEFF\u3164\u2800"));
        assertEquals(TextProblem.EMPTY.sentence(), Limits.textProblem(""));
    }
}
