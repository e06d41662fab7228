package dev.parley.tls;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.security.MessageDigest;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The six words people compare: stable, spread out, and readable aloud. */
@Timeout(30)
class HostCodeTest {
    private static final HostKey ZEROS = new HostKey("0".repeat(64));
    private static final HostKey ONES = new HostKey("f".repeat(64));

    @Test
    void theWordListIsBip39EnglishUnchanged() throws Exception {
        byte[] file = WordList.class.getResourceAsStream("bip39-english.txt").readAllBytes();
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file)))
                .isEqualTo("2f5eed53a4727b4bf8880d8f3f199efc90e58503646d9ff8eff3a2ed3b24dbda");
        List<String> words = WordList.words();
        assertThat(words).hasSize(2048).doesNotHaveDuplicates().isSorted();
        assertThat(words).allMatch(w -> w.matches("[a-z]{3,8}"), "plain lower-case ASCII words");
        assertThat(words.stream().map(w -> w.substring(0, Math.min(4, w.length()))).distinct().count())
                .as("four letters tell every word apart").isEqualTo(2048);
    }

    @Test
    void aKnownKeyAlwaysGivesTheSameCode() {
        assertThat(HostCode.of(ZEROS).wordsText()).isEqualTo("abandon abandon abandon abandon abandon abandon");
        assertThat(HostCode.of(ZEROS).digitsText()).isEqualTo("0000 0000 0000 0000 0000 0000");
        assertThat(HostCode.of(ONES).wordsText()).isEqualTo("zoo zoo zoo zoo zoo zoo");
        assertThat(HostCode.of(ONES).digitsText()).isEqualTo("2047 2047 2047 2047 2047 2047");
        // 0x80 0x10 0x02 0x00 0x40 0x08 0x01 0x00 0x20: bit 0, then bits 11+0, 22+0, ... of each 11-bit group set.
        HostKey spaced = new HostKey("801002004008010020" + "0".repeat(46));
        assertThat(HostCode.of(spaced).numbers()).containsExactly(1024, 1024, 1024, 1024, 1024, 1024);
        assertThat(HostCode.of(spaced).words()).containsOnly(WordList.word(1024));
    }

    @Test
    void theCodeIsComputedFromTheKeyAloneSoEveryScreenShowsTheSame() {
        HostKey key = HostKey.parse("3A7BD3E2360A3D29EEA436FCFB7E44C735D117C42D1C1835420B6B9942DD4F1B");
        HostCode code = HostCode.of(key);
        assertThat(HostCode.of(HostKey.parse(key.hex()))).isEqualTo(code);
        assertThat(code.words()).hasSize(6);
        assertThat(code.digitsText()).matches("(\\d{4} ){5}\\d{4}");
        for (int i = 0; i < 6; i++) {
            assertThat(code.words().get(i)).isEqualTo(WordList.word(code.numbers().get(i)));
        }
        assertThat(code.toString()).startsWith(code.words().getFirst() + " (" + code.digitsText().substring(0, 4) + ")");
    }

    @Test
    void distinctKeysGiveDistinctCodes() {
        Random random = new Random(42);
        Set<HostCode> codes = new HashSet<>();
        byte[] bytes = new byte[32];
        for (int i = 0; i < 20_000; i++) {
            random.nextBytes(bytes);
            codes.add(HostCode.of(new HostKey(HexFormat.of().formatHex(bytes))));
        }
        assertThat(codes).hasSize(20_000);
    }

    @Test
    void flippingAnyOfTheFirst66BitsChangesTheCode() {
        byte[] base = ZEROS.bytes();
        HostCode original = HostCode.of(ZEROS);
        for (int bit = 0; bit < 66; bit++) {
            byte[] flipped = base.clone();
            flipped[bit / 8] ^= (byte) (0x80 >>> (bit % 8));
            HostCode code = HostCode.of(new HostKey(HexFormat.of().formatHex(flipped)));
            assertThat(code).as("bit %d", bit).isNotEqualTo(original);
            assertThat(code.numbers().get(bit / 11)).as("bit %d lands in word %d", bit, bit / 11)
                    .isNotEqualTo(original.numbers().get(bit / 11));
        }
    }

    @Test
    void aCodeIsSixNumbersInRange() {
        assertThatThrownBy(() -> new HostCode(List.of(1, 2, 3))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HostCode(List.of(0, 0, 0, 0, 0, 2048))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HostCode(List.of(0, 0, 0, 0, 0, -1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hostKeysAreSixtyFourLowerCaseHexDigitsAndTypedOnesAreTidied() {
        assertThat(HostKey.parse("  " + "AB".repeat(32) + "\n").hex()).isEqualTo("ab".repeat(32));
        assertThatThrownBy(() -> new HostKey("AB".repeat(32))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HostKey.parse("ab".repeat(31))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("62");
        assertThatThrownBy(() -> HostKey.parse("zz".repeat(32))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HostKey.parse(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HostKey.parse("٣".repeat(64))).isInstanceOf(IllegalArgumentException.class);
    }
}
