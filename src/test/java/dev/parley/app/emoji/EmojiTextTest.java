package dev.parley.app.emoji;

import dev.parley.app.text.Inline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(20)
class EmojiTextTest {
    private final EmojiText emoji = new EmojiText(EmojiData.get());

    private List<Inline> split(String text) {
        List<Inline> out = new ArrayList<>();
        emoji.split(text, null, out);
        return out;
    }

    private static Inline e(String sequence) {
        return new Inline.Emoji(sequence, null);
    }

    private static Inline t(String text) {
        return new Inline.Chars(text, null);
    }

    @Test
    void aZwjFamilyIsOneImage() {
        assertEquals(List.of(t("the "), e("👨‍👩‍👧"), t("!")), split("the 👨‍👩‍👧!"));
    }

    @Test
    void flagsSkinTonesAndKeycapsAreOneImageEach() {
        assertEquals(List.of(e("🇩🇪"), e("🇯🇵"), t(" "), e("👍🏽"), t(" "), e("1️⃣")), split("🇩🇪🇯🇵 👍🏽 1️⃣"));
    }

    @Test
    void textPresentationStaysText() {
        assertEquals(List.of(t("© 1 # ❤︎ ok")), split("© 1 # ❤︎ ok"));
        assertEquals(List.of(e("©️"), t(" "), e("❤️")), split("©️ ❤️"));
    }

    @Test
    void aSequenceTheSetLacksFallsBackToItsParts() {
        assertEquals(List.of(e("🦊"), e("🐱")), split("🦊\u200D🐱"));
    }

    @Test
    void onlyEmojiCountsImagesWhenNothingElseIsThere() {
        assertEquals(2, emoji.onlyEmoji("🎉 🎂"));
        assertEquals(-1, emoji.onlyEmoji("🎉 yay"));
    }

    @Test
    void everyPickerEmojiHasABundledImage() {
        EmojiImages images = new EmojiImages(EmojiData.get());
        assertTrue(EmojiData.get().all().size() > 1800);
        for (EmojiData.Emoji x : EmojiData.get().all()) {
            assertNotNull(EmojiData.get().file(x.sequence()), x.names().toString());
            assertNotNull(EmojiImages.class.getResource("png/" + EmojiData.get().file(x.sequence()) + ".png"),
                    x.names().toString());
        }
        assertFalse(images == null);
    }

    @Test
    void searchByShortNameOffersPrefixMatchesFirst() {
        List<String> found = EmojiData.get().search("smi", 8).stream().map(x -> x.names().getFirst()).toList();
        assertEquals("smiley", found.getFirst());
        assertTrue(found.contains("smile"), found.toString());
        assertTrue(EmojiData.get().search("slightly_smi", 3).stream().anyMatch(x -> x.sequence().equals("🙂")));
    }
}
