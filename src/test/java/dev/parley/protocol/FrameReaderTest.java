package dev.parley.protocol;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Splitting a byte stream into frame lines: limits, line ends, and reads that cut anywhere. */
@Timeout(30)
class FrameReaderTest {
    private static final int LIMIT = Limits.MAX_FRAME;

    /** Hands out its bytes in the chunk sizes given (the last size repeats), and counts what was taken. */
    private static final class ChunkedStream extends InputStream {
        private final byte[] data;
        private final int[] chunks;
        private int at;
        private int turn;
        long pulled;

        ChunkedStream(byte[] data, int... chunks) {
            this.data = data;
            this.chunks = chunks.length == 0 ? new int[] {Integer.MAX_VALUE} : chunks;
        }

        @Override
        public int read() {
            throw new AssertionError("the reader should read in blocks");
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (at == data.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, data.length - at), chunks[Math.min(turn++, chunks.length - 1)]);
            System.arraycopy(data, at, b, off, n);
            at += n;
            pulled += n;
            return n;
        }
    }

    /** A stream that never ends: one endless line of {@code x}. */
    private static final class EndlessLine extends InputStream {
        long pulled;

        @Override
        public int read() {
            pulled++;
            return 'x';
        }

        @Override
        public int read(byte[] b, int off, int len) {
            Arrays.fill(b, off, off + len, (byte) 'x');
            pulled += len;
            return len;
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> lines(InputStream in) throws IOException, ProtocolException {
        var reader = new FrameReader(in, LIMIT);
        List<String> lines = new ArrayList<>();
        while (reader.next()) {
            lines.add(new String(reader.buffer(), reader.lineOffset(), reader.lineLength(), StandardCharsets.UTF_8));
        }
        return lines;
    }

    @Test
    void frameOfExactlyTheLimitIncludingItsNewlineIsRead() throws Exception {
        String body = "y".repeat(LIMIT - 1);
        assertEquals(List.of(body), lines(new ChunkedStream(utf8(body + "\n"))));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 100, 4096, LIMIT, Integer.MAX_VALUE})
    void frameOneByteOverTheLimitIsRefusedWithoutReadingPastIt(int chunk) {
        var in = new ChunkedStream(utf8("y".repeat(LIMIT) + "\n" + "z".repeat(100_000)), chunk);
        var e = assertThrows(ProtocolException.class, () -> new FrameReader(in, LIMIT).next());
        assertEquals(ErrorCode.FRAME_TOO_LARGE, e.code());
        assertTrue(e.code().closes());
        assertTrue(in.pulled <= LIMIT, "took " + in.pulled + " bytes from the stream");
    }

    @Test
    void endlessLineIsRefusedAfterAtMostTheLimit() {
        var in = new EndlessLine();
        var e = assertThrows(ProtocolException.class, () -> new FrameReader(in, LIMIT).next());
        assertEquals(ErrorCode.FRAME_TOO_LARGE, e.code());
        assertTrue(in.pulled <= LIMIT, "took " + in.pulled + " bytes from the stream");
    }

    @Test
    void oversizedFrameAfterAGoodOneIsRefusedWithoutBufferingMoreThanTheLimit() throws Exception {
        var in = new ChunkedStream(utf8("{\"a\":1}\n" + "y".repeat(LIMIT) + "\n"), 1000);
        var reader = new FrameReader(in, LIMIT);
        assertTrue(reader.next());
        long before = 8;
        assertThrows(ProtocolException.class, reader::next);
        assertTrue(in.pulled - before <= LIMIT, "buffered " + (in.pulled - before) + " bytes of one line");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 1000, 4096, 65_535})
    void maximalFramesBackToBackAreAllRead(int chunk) throws Exception {
        String big = "b".repeat(LIMIT - 1);
        String bigBeforeCrLf = "c".repeat(LIMIT - 2);
        String data = "s\n" + big + "\n" + bigBeforeCrLf + "\r\n" + "t\n";
        assertEquals(List.of("s", big, bigBeforeCrLf, "t"), lines(new ChunkedStream(utf8(data), chunk)));
    }

    @Test
    void carriageReturnBeforeTheNewlineIsDropped() throws Exception {
        assertEquals(List.of("{\"a\":1}", "{\"b\":2}"), lines(new ChunkedStream(utf8("{\"a\":1}\r\n{\"b\":2}\r\n"))));
    }

    @Test
    void emptyLinesAreSkipped() throws Exception {
        assertEquals(List.of("one", "two"), lines(new ChunkedStream(utf8("\n\r\n\none\n\n\r\n\ntwo\n\n"), 1)));
    }

    @Test
    void severalFramesInOneReadAreReturnedOneByOne() throws Exception {
        var in = new ChunkedStream(utf8("a\nbb\nccc\n"));
        var reader = new FrameReader(in, LIMIT);
        assertTrue(reader.next());
        assertEquals(1, reader.lineLength());
        assertEquals(9, in.pulled, "all three arrived in one read");
        assertTrue(reader.next());
        assertEquals(2, reader.lineLength());
        assertTrue(reader.next());
        assertEquals(3, reader.lineLength());
        assertFalse(reader.next());
    }

    @Test
    void endOfStreamInTheMiddleOfALineDropsThePartialLine() throws Exception {
        assertEquals(List.of("whole"), lines(new ChunkedStream(utf8("whole\n{\"type\":\"pi"))));
    }

    @Test
    void endOfStreamBeforeAnythingIsTheEnd() throws Exception {
        assertFalse(new FrameReader(new ChunkedStream(new byte[0]), LIMIT).next());
    }

    @ParameterizedTest
    @ValueSource(strings = {"é", "€", "😀", "aé€😀z"})
    void multiByteCharacterSplitAtAnyByteAcrossReadsDecodes(String text) throws Exception {
        var codec = new FrameCodec();
        byte[] frame = codec.encode(new Frame.Send("id", text));
        for (int cut = 1; cut < frame.length; cut++) {
            var reader = new FrameReader(new ChunkedStream(frame, cut, frame.length), LIMIT);
            assertTrue(reader.next(), "cut at " + cut);
            var decoded = (Frame.Send) codec.decode(reader.buffer(), reader.lineOffset(), reader.lineLength());
            assertEquals(text, decoded.text(), "cut at " + cut);
        }
        var oneByteAtATime = new FrameReader(new ChunkedStream(frame, 1), LIMIT);
        assertTrue(oneByteAtATime.next());
        assertEquals(text, ((Frame.Send) codec.decode(oneByteAtATime.buffer(), oneByteAtATime.lineOffset(),
                oneByteAtATime.lineLength())).text());
    }
}
