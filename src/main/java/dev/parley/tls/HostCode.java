package dev.parley.tls;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A host key as six words a person can read aloud or compare on two screens, with the same bits as
 * six four-digit numbers beside them: the first 66 bits of the key, 11 bits (one word of the 2,048 in
 * {@link WordList}, or one number 0000–2047) each. The full key stays the identity; the code is how
 * people check it. Matching 66 bits of someone else's key takes about 2^65 key generations, far out
 * of reach for the person next door, while six words still fit in one breath. Immutable; any thread.
 *
 * @param numbers the six 11-bit values, in order
 */
public record HostCode(List<Integer> numbers) {
    /** Words in a code. */
    public static final int WORDS = 6;

    public HostCode {
        numbers = List.copyOf(numbers);
        if (numbers.size() != WORDS || numbers.stream().anyMatch(n -> n < 0 || n >= WordList.SIZE)) {
            throw new IllegalArgumentException("a host code is six numbers 0–2047");
        }
    }

    /** The code of a host key. */
    public static HostCode of(HostKey key) {
        byte[] bytes = key.bytes();
        List<Integer> numbers = new ArrayList<>(WORDS);
        for (int i = 0; i < WORDS; i++) {
            numbers.add(bits(bytes, i * WordList.BITS_PER_WORD, WordList.BITS_PER_WORD));
        }
        return new HostCode(numbers);
    }

    /** The six words, in order. */
    public List<String> words() {
        return numbers.stream().map(WordList::word).toList();
    }

    /** The six words separated by single spaces, as {@code serve} prints them: {@code "olive crane …"}. */
    public String wordsText() {
        return String.join(" ", words());
    }

    /** The same bits as six four-digit numbers: {@code "1234 0042 …"}. */
    public String digitsText() {
        return numbers.stream().map(n -> String.format("%04d", n)).collect(Collectors.joining(" "));
    }

    /** Words with their numbers, for a log line or a terminal: {@code "olive (1234) crane (0412) …"}. */
    @Override
    public String toString() {
        List<String> words = words();
        List<String> parts = new ArrayList<>(WORDS);
        for (int i = 0; i < WORDS; i++) {
            parts.add(words.get(i) + " (" + String.format("%04d", numbers.get(i)) + ")");
        }
        return String.join(" ", parts);
    }

    /** {@code count} bits of {@code bytes} starting at bit {@code from} (most significant first). */
    private static int bits(byte[] bytes, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            int bit = (bytes[i >>> 3] >>> (7 - (i & 7))) & 1;
            value = (value << 1) | bit;
        }
        return value;
    }
}
