package dev.parley.app.files;

import dev.parley.client.ChatClient;
import dev.parley.files.FileProblem;
import dev.parley.files.TransferFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashSet;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every way a transfer can fail reads as a sentence of the window's language, never the host's words. */
@Timeout(30)
class FileSentencesTest {
    private static FileSentences in(Locale locale) {
        return new FileSentences(ResourceBundle.getBundle("dev.parley.app.messages", locale));
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "de"})
    void everyRefusalCodeHasItsOwnSentenceAndNoneIsTheHostsMessage(String language) {
        FileSentences sentences = in(Locale.forLanguageTag(language));
        for (FileProblem problem : FileProblem.values()) {
            var failure = new TransferFailure(TransferFailure.Kind.REFUSED, problem.wire(), "HOST WORDS", null);
            String sentence = sentences.of(failure, 5_000_000, 3_000_000);
            assertFalse(sentence.isBlank(), problem + " has a sentence");
            assertFalse(sentence.contains("HOST WORDS"), problem + " does not show the host's own message");
        }
    }

    @ParameterizedTest
    @EnumSource(TransferFailure.Kind.class)
    void everyKindOfFailureHasASentence(TransferFailure.Kind kind) {
        String sentence = in(Locale.ENGLISH).of(new TransferFailure(kind, null, "detail", null), 10, 0);
        assertFalse(sentence.isBlank());
        assertFalse(sentence.contains("detail"));
    }

    @Test
    void theLimitsThatMatterMostSayWhatToDo() {
        FileSentences en = in(Locale.ENGLISH);
        assertEquals("This file is 5.0 MB; this room takes files of at most 3.0 MB.",
                en.of(new TransferFailure(TransferFailure.Kind.REFUSED, "file_too_large", "x", null), 5_000_000, 3_000_000));
        assertEquals("You have sent a lot lately; try again in 42 seconds.",
                en.of(new TransferFailure(TransferFailure.Kind.REFUSED, "upload_rate", "x", null, 42), 1, 1));
        assertEquals("This file is no longer available.",
                en.of(new TransferFailure(TransferFailure.Kind.REFUSED, "file_gone", "x", null), 1, 1));
        assertEquals("This host does not take files.",
                en.of(new TransferFailure(TransferFailure.Kind.REFUSED, ChatClient.NO_FILES, "x", null), 1, 1));
        assertEquals("Diese Datei ist 5.0 MB groß; dieser Raum nimmt Dateien bis 3.0 MB.",
                in(Locale.GERMAN).of(new TransferFailure(TransferFailure.Kind.REFUSED, "file_too_large", "x", null),
                        5_000_000, 3_000_000));
    }

    @Test
    void theLimitsGetSentencesOfTheirOwn() {
        FileSentences en = in(Locale.ENGLISH);
        Set<String> seen = new HashSet<>();
        for (String code : new String[] {"file_too_large", "store_full", "upload_rate", "too_many_transfers",
                "file_name_invalid", "hash_mismatch"}) {
            assertTrue(seen.add(en.of(new TransferFailure(TransferFailure.Kind.REFUSED, code, "x", null), 2, 1)),
                    code + " reads differently from the other limits");
        }
    }
}
