package dev.parley.protocol;

import com.ibm.icu.lang.UCharacter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * {@link NickRules}: the look-alike and invisible names issue 15 found are either the same name
 * as the one they imitate (so the room refuses them as {@code nick_taken}) or invalid names
 * ({@code nick_invalid}). One test per variant the issue lists, then the rules themselves.
 */
@Timeout(120)
class NickRulesTest {
    private static void assertSameNameAs(String present, String newcomer) {
        assertNull(NickRules.check(newcomer), () -> "the newcomer's name is valid on its own: " + ConfusablesTest.hex(newcomer));
        assertEquals(NickRules.key(present), NickRules.key(newcomer),
                () -> ConfusablesTest.hex(newcomer) + " must be the same name as " + present);
    }

    private static void assertRefused(NickProblem expected, String nick) {
        assertEquals(expected, NickRules.check(nick), () -> ConfusablesTest.hex(nick));
    }

    // --- The variants of issue 15, item 7 ---

    @Test
    void cyrillicSmallAIsAlice() {
        assertSameNameAs("alice", "\u0430lice");
        assertSameNameAs("alice", "\u0410LICE");
    }

    @Test
    void greekLettersAreAlice() {
        assertSameNameAs("alice", "\u03B1l\u03B9ce");
        assertSameNameAs("alice", "\u0391LICE");
    }

    @Test
    void fullwidthAliceIsAlice() {
        assertSameNameAs("alice", "ａｌｉｃｅ");
    }

    @Test
    void mathematicalBoldAliceIsAlice() {
        assertSameNameAs("alice", "\uD835\uDC1A\uD835\uDC25\uD835\uDC22\uD835\uDC1C\uD835\uDC1E");
    }

    @Test
    void combiningAccentsDoNotMakeANewName() {
        assertSameNameAs("alice", "a\u0301lice");
        assertSameNameAs("alice", "ali\u0307ce");
        assertSameNameAs("alice", "alice\u0323");
        assertSameNameAs("alice", "a\u0300l\u0331i\u0330c\u0327e\u0308");
        assertSameNameAs("Zoe", "Zoë");
    }

    @Test
    void combiningGraphemeJoinerIsRefused() {
        assertRefused(NickProblem.INVISIBLE_CHARACTER, "ali\u034Fce");
    }

    @Test
    void variationSelectorSixteenIsRefused() {
        assertRefused(NickProblem.INVISIBLE_CHARACTER, "alice\uFE0F");
        assertRefused(NickProblem.INVISIBLE_CHARACTER, "alice\uDB40\uDD00");
    }

    @Test
    void hangulFillerPaddingIsRefused() {
        assertRefused(NickProblem.INVISIBLE_CHARACTER, "alice\u3164");
        assertRefused(NickProblem.INVISIBLE_CHARACTER, "\u3164alice");
        assertRefused(NickProblem.INVISIBLE_CHARACTER, "alice\uFFA0");
        assertRefused(NickProblem.INVISIBLE_CHARACTER, "alice\u115F");
    }

    @Test
    void dotlessIIsAlice() {
        assertSameNameAs("alice", "al\u0131ce");
        assertSameNameAs("alice", "AL\u0130CE");
    }

    @Test
    void sharpSIsDoubleS() {
        assertSameNameAs("Strasse", "Straße");
        assertSameNameAs("Straße", "STRASSE");
        assertSameNameAs("Straße", "STRAẞE");
    }

    @Test
    void finalSigmaIsSigma() {
        assertSameNameAs("Νίκοσ", "Νίκος");
        assertSameNameAs("Νίκος", "ΝΙΚΟΣ");
    }

    @Test
    void decomposedEIsComposedE() {
        String composed = "Ren\u00E9e";
        String decomposed = "Rene\u0301e";
        assertEquals(composed, NickRules.normalize(decomposed), "the room shows and sends the NFC form");
        assertSameNameAs(composed, decomposed);
    }

    @Test
    void capitalsAreTheSameName() {
        assertSameNameAs("alice", "ALICE");
        assertSameNameAs("alice", "Alice");
    }

    @Test
    void zeroWidthCharactersAreRefused() {
        assertRefused(NickProblem.INVISIBLE_CHARACTER, "al\u200Bice");
        assertRefused(NickProblem.INVISIBLE_CHARACTER, "al\u200Dice");
        assertRefused(NickProblem.INVISIBLE_CHARACTER, "alice\uFEFF");
        assertRefused(NickProblem.INVISIBLE_CHARACTER, "al\u00ADice");
    }

    @Test
    void bidiControlsAndTagsAreRefused() {
        assertRefused(NickProblem.INVISIBLE_CHARACTER, "\u202Eecila");
        assertRefused(NickProblem.INVISIBLE_CHARACTER, "alice\u2066");
        assertRefused(NickProblem.INVISIBLE_CHARACTER, "alice\u200F");
        assertRefused(NickProblem.INVISIBLE_CHARACTER, "alice\uDB40\uDC41");
    }

    @Test
    void lettersWithStrokesAndDigitsThatLookLikeLettersAreThatName() {
        assertSameNameAs("alice", "ałice");
        assertSameNameAs("bob", "b0b");
        assertSameNameAs("al", "a1");
        assertSameNameAs("rn", "m");
    }

    // --- Invisible names ---

    @ParameterizedTest
    @ValueSource(strings = {"\u3164", "\uFFA0", "\u3164\u3164\u3164", "\u200B", "\u2060\u2061", "\uFE0F", "\u034F",
        "\u115F\u1160", "\uDB40\uDC41\uDB40\uDC42"})
    void namesOfOnlyFillersOrDefaultIgnorablesAreRefused(String nick) {
        assertRefused(NickProblem.INVISIBLE_CHARACTER, nick);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0301", "\u0301\u0302\u0303", "\u20DD", "_", "-.-", ". _"})
    void namesWithoutALetterOrDigitAreRefused(String nick) {
        assertRefused(NickProblem.NO_LETTER_OR_DIGIT, nick);
    }

    @Test
    void aMarkMustFollowALetterOrDigit() {
        assertRefused(NickProblem.STRAY_MARK, "\u0301alice");
        assertRefused(NickProblem.STRAY_MARK, "alice \u0301");
        assertRefused(NickProblem.STRAY_MARK, "alice_\u0301");
        assertNull(NickRules.check("ali\u0301\u0302ce"));
        assertNull(NickRules.check("7\u20E3"));
    }

    @Test
    void aLetterCarriesAtMostFourMarks() {
        assertNull(NickRules.check("a\u0301\u0302\u0303\u0304"));
        assertRefused(NickProblem.TOO_MANY_MARKS, "q\u0301\u0302\u0303\u0304\u0305");
        assertRefused(NickProblem.TOO_MANY_MARKS, "z" + "\u0336".repeat(31));
    }

    @Test
    void loneSurrogatesAreRefused() {
        assertRefused(NickProblem.BROKEN_CHARACTER, "a\uD800b");
        assertRefused(NickProblem.BROKEN_CHARACTER, "alice\uDC00");
        assertNull(NickRules.check("alice\uD835\uDC1A"), "a pair is a real letter");
    }

    // --- The protocol's rules, read strictly ---

    @Test
    void theProtocolsRulesStillHold() {
        assertRefused(NickProblem.EMPTY, null);
        assertRefused(NickProblem.EMPTY, "");
        assertRefused(NickProblem.EMPTY, "  \t ");
        assertRefused(NickProblem.TOO_LONG, "a".repeat(33));
        assertNull(NickRules.check("a".repeat(32)));
        assertNull(NickRules.check("  " + "a".repeat(32) + "\t"), "trimmed first");
        assertNull(NickRules.check("\uD835\uDC1A".repeat(32)), "astral letters count once");
        assertRefused(NickProblem.OTHER_CHARACTER, "alice!");
        assertRefused(NickProblem.OTHER_CHARACTER, "al\u00A0ice");
        assertRefused(NickProblem.OTHER_CHARACTER, "ali\tce");
        assertRefused(NickProblem.OTHER_CHARACTER, "alice\u2800");
        assertNull(NickRules.check("Mary-Jane O.Neil_2"));
        assertNull(NickRules.check("山田 太郎"));
        assertNull(NickRules.check("देवनागरी"));
        assertNull(NickRules.check("مريم"));
    }

    @Test
    void nfcCountsTheLengthSoDecomposedAccentsFitAsTheyLook() {
        String thirtyTwoAccented = "e\u0301".repeat(32);
        assertNull(NickRules.check(thirtyTwoAccented));
        assertEquals("\u00E9".repeat(32), NickRules.normalize(thirtyTwoAccented));
    }

    @Test
    void theNickIsKeptAsTypedAfterNfcAndTrim() {
        assertEquals("ALİCE Smith", NickRules.normalize("  ALİCE Smith "));
        assertEquals("аlice", NickRules.normalize("аlice"), "the key ignores the script; the nick keeps it");
    }

    @Test
    void differentNamesStayDifferent() {
        assertNotEquals(NickRules.key("alice"), NickRules.key("alicia"));
        assertNotEquals(NickRules.key("ali"), NickRules.key("all"));
        assertNotEquals(NickRules.key("bob"), NickRules.key("bo b"));
        assertNotEquals(NickRules.key("क"), NickRules.key("कि"), "vowel signs make another word");
        assertNotEquals(NickRules.key("ดี"), NickRules.key("ด"), "Thai marks make another word");
        assertNotEquals(NickRules.key("mary_jane"), NickRules.key("mary-jane"));
        assertEquals(NickRules.key("mary  jane"), NickRules.key("mary jane"), "runs of spaces read as one");
    }

    @Test
    void keyIgnoresCaseAsIcusFullCaseFoldingDoes() {
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            if (Character.getType(cp) == Character.SURROGATE || Character.getType(cp) == Character.UNASSIGNED) {
                continue;
            }
            String s = Character.toString(cp);
            String folded = UCharacter.foldCase(s, true);
            if (!NickRules.key(s).equals(NickRules.key(folded))) {
                assertEquals(ConfusablesTest.hex(NickRules.key(folded)), ConfusablesTest.hex(NickRules.key(s)),
                        "U+" + Integer.toHexString(cp) + " and its case folding");
            }
        }
    }

    @Test
    void keyOfAKeyIsThatKey() {
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            if (Character.getType(cp) == Character.SURROGATE) {
                continue;
            }
            String key = NickRules.key(Character.toString(cp));
            if (!NickRules.key(key).equals(key)) {
                assertEquals(ConfusablesTest.hex(key), ConfusablesTest.hex(NickRules.key(key)),
                        "key of the key of U+" + Integer.toHexString(cp));
            }
        }
    }
}
