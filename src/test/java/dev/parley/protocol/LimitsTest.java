package dev.parley.protocol;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Limits#isValidId}: {@code [A-Za-z0-9_-]{1,64}}, checked without a regex. */
@Timeout(10)
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
}
