package dev.parley.protocol;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The event loop's framing: the same lines and limits as the stream reader, whatever the reads. */
@Timeout(10)
class LineSplitterTest {
    private static final int MAX = 64;

    private final List<String> lines = new ArrayList<>();
    private final LineSplitter splitter = new LineSplitter(MAX);

    private void feed(String s) throws ProtocolException {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        // Surround with junk to check offsets are honoured.
        byte[] padded = new byte[bytes.length + 6];
        Arrays.fill(padded, (byte) 'Z');
        System.arraycopy(bytes, 0, padded, 3, bytes.length);
        splitter.feed(padded, 3, bytes.length, (b, off, len) -> {
            lines.add(new String(b, off, len, StandardCharsets.UTF_8));
            return true;
        });
    }

    @Test
    void linesInOneReadAndAcrossReadsComeOutWhole() throws ProtocolException {
        feed("{\"a\":1}\n{\"b\"");
        feed(":2}\r\n\n\n{\"c\":");
        feed("3");
        assertThat(lines).containsExactly("{\"a\":1}", "{\"b\":2}");
        feed("}\n");
        assertThat(lines).containsExactly("{\"a\":1}", "{\"b\":2}", "{\"c\":3}");
        assertThat(splitter.pending()).isZero();
    }

    @Test
    void aCharacterSplitBetweenReadsIsJoined() throws ProtocolException {
        byte[] word = "héllo 😀\n".getBytes(StandardCharsets.UTF_8);
        for (int cut = 1; cut < word.length; cut++) {
            lines.clear();
            splitter.feed(word, 0, cut, (b, off, len) -> lines.add(new String(b, off, len, StandardCharsets.UTF_8)));
            splitter.feed(word, cut, word.length - cut,
                    (b, off, len) -> lines.add(new String(b, off, len, StandardCharsets.UTF_8)));
            assertThat(lines).as("cut at %d", cut).containsExactly("héllo 😀");
        }
    }

    @Test
    void aFrameOfExactlyTheLimitIsReadAndOneByteMoreIsRefused() throws ProtocolException {
        feed("x".repeat(MAX - 1) + "\n");
        assertThat(lines).containsExactly("x".repeat(MAX - 1));
        feed("y".repeat(MAX - 10));
        assertThatThrownBy(() -> feed("y".repeat(10)))
                .isInstanceOf(ProtocolException.class)
                .extracting(e -> ((ProtocolException) e).code()).isEqualTo(ErrorCode.FRAME_TOO_LARGE);
    }

    @Test
    void aTooLongLineInOneReadIsRefusedEvenWithItsNewline() {
        assertThatThrownBy(() -> feed("z".repeat(MAX) + "\n"))
                .extracting(e -> ((ProtocolException) e).code()).isEqualTo(ErrorCode.FRAME_TOO_LARGE);
        assertThat(lines).isEmpty();
    }

    @Test
    void theSinkCanStopTheRest() throws ProtocolException {
        byte[] bytes = "one\ntwo\nthree\n".getBytes(StandardCharsets.UTF_8);
        splitter.feed(bytes, 0, bytes.length, (b, off, len) -> {
            lines.add(new String(b, off, len, StandardCharsets.UTF_8));
            return false;
        });
        assertThat(lines).containsExactly("one");
    }
}
