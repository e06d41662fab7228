package dev.parley.protocol;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@link TextRules}: a {@code send} text is 1–4,000 code points, has no lone surrogate and shows at
 * least one visible character (issue 15, items 8 and 10); everything else travels as written.
 */
@Timeout(30)
class TextRulesTest {
    private final FrameCodec codec = new FrameCodec();

    @Test
    void loneSurrogateIsRefused() {
        assertEquals(TextProblem.BROKEN_CHARACTER, TextRules.check("a\uD800b"));
        assertEquals(TextProblem.BROKEN_CHARACTER, TextRules.check("a\uDC00b"));
        assertEquals(TextProblem.BROKEN_CHARACTER, TextRules.check("\uD83D"));
        assertEquals(TextProblem.BROKEN_CHARACTER, TextRules.check("ok \uDE00\uD83D"), "a pair in the wrong order is two lone halves");
        assertNull(TextRules.check("a\uD83D\uDE00b"), "an emoji is a proper pair");
    }

    @Test
    void escapedLoneSurrogateDecodesToABrokenTextThatIsRefused() throws ProtocolException {
        // JSON allows "\ud800" as an escape; the codec reads it as it is, and the text rule refuses it.
        for (String frame : new String[] {
            "{\"type\":\"send\",\"id\":\"m1\",\"text\":\"a\\ud800b\"}",
            "{\"id\":\"m1\",\"type\":\"send\",\"text\":\"a\\udfffb\"}",
        }) {
            byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
            Frame.Send send = assertInstanceOf(Frame.Send.class, codec.decode(bytes, 0, bytes.length));
            assertEquals(TextProblem.BROKEN_CHARACTER, TextRules.check(send.text()), frame);
        }
    }

    @Test
    void rawSurrogateBytesAreNotUtf8AndEndTheFrame() {
        // ED A0 80 is U+D800 written as if it were a character (CESU-8): strict UTF-8 refuses it.
        var bytes = new ByteArrayOutputStream();
        bytes.writeBytes("{\"type\":\"send\",\"id\":\"m1\",\"text\":\"a".getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80});
        bytes.writeBytes("b\"}".getBytes(StandardCharsets.UTF_8));
        byte[] frame = bytes.toByteArray();
        var e = assertThrows(ProtocolException.class, () -> codec.decode(frame, 0, frame.length));
        assertEquals(ErrorCode.BAD_FRAME, e.code());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u00A0", "\u2007", "\u202F", "\u00A0\u2007\u202F", " \u00A0 ", "\u3000", "\u2028\u2029",
        "\t\r\n", "\u0085"})
    void noBreakAndOtherSpacesAloneAreBlank(String text) {
        assertEquals(TextProblem.BLANK, TextRules.check(text), () -> ConfusablesTest.hex(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u200B", "\uFEFF", "\u3164", "\uFFA0", "\u2800", "\u2800\u2800 \u2800", "\u200B\u200C\u200D\u2060",
        "\u034F", "\uFE0F", "\u202E\u2066", "\uDB40\uDC41\uDB40\uDC7F", "\u115F\u1160", "\u00AD", "\u0007\u001B"})
    void invisibleCharactersAloneAreBlank(String text) {
        assertEquals(TextProblem.BLANK, TextRules.check(text), () -> ConfusablesTest.hex(text));
    }

    @Test
    void combiningMarksWithoutABaseAreBlank() {
        assertEquals(TextProblem.BLANK, TextRules.check("\u0301"));
        assertEquals(TextProblem.BLANK, TextRules.check("\u0336".repeat(400)));
        assertEquals(TextProblem.BLANK, TextRules.check(" \u20DD \u0489 "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"hi", ".", "\u00A0x\u00A0", "\u200Bx", "e\u0301", "😀", "\u2801", "\uE000", "\u3164ㅎ",
        "invoice_\u202Egpj.exe", "\u001B[31mred", "z" + "\u0336\u0337\u0338"})
    void anythingWithAVisibleCharacterIsAMessageAndTravelsAsWritten(String text) {
        assertNull(TextRules.check(text), () -> ConfusablesTest.hex(text));
    }

    @Test
    void lengthCountsCodePoints() {
        assertEquals(TextProblem.EMPTY, TextRules.check(""));
        assertEquals(TextProblem.EMPTY, TextRules.check(null));
        assertNull(TextRules.check("x".repeat(Limits.MAX_TEXT)));
        assertNull(TextRules.check("😀".repeat(Limits.MAX_TEXT)), "astral characters count once");
        assertEquals(TextProblem.TOO_LONG, TextRules.check("x".repeat(Limits.MAX_TEXT + 1)));
        assertEquals(TextProblem.TOO_LONG, TextRules.check("\u00A0".repeat(Limits.MAX_TEXT + 1)), "too long is said before blank");
    }
}
