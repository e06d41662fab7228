package dev.parley.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The 2,048 words a host code is spelled with: BIP-39's English list, unchanged (SHA-256 of the file
 * {@code 2f5eed53…24dbda}). Chosen because it was made for reading aloud and writing down (the first four
 * letters tell every word apart, no near twins such as build/built), it is exactly 11 bits a word, and
 * it is fixed for good: wallets depend on it. Licence: MIT, from the reference implementation of the
 * BIP by its authors (trezor/python-mnemonic); see THIRD-PARTY-NOTICES.md. Immutable; any thread.
 */
final class WordList {
    static final int SIZE = 2048;
    static final int BITS_PER_WORD = 11;
    private static final String RESOURCE = "bip39-english.txt";

    private static final List<String> WORDS = load();

    private WordList() {
    }

    static String word(int index) {
        return WORDS.get(index);
    }

    static List<String> words() {
        return WORDS;
    }

    private static List<String> load() {
        try (InputStream in = WordList.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the word list " + RESOURCE + " is missing from the build");
            }
            List<String> words = new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines().toList();
            if (words.size() != SIZE) {
                throw new IllegalStateException("the word list has " + words.size() + " words, not " + SIZE);
            }
            return words;
        } catch (IOException e) {
            throw new UncheckedIOException("reading the word list " + RESOURCE, e);
        }
    }
}
