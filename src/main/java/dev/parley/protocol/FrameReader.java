package dev.parley.protocol;

import java.io.IOException;
import java.io.InputStream;

/**
 * Pulls frame lines from a byte stream (the client's blocking socket), split by the same
 * {@link LineSplitter} the server's event loop uses, so both ends share one framing rule, one
 * limit and one error text.
 *
 * <p>It never reads past the limit of the line being read: each read asks for at most what the
 * pending line may still grow by. Lines are split on the {@code \n} byte, which never occurs
 * inside a multi-byte UTF-8 character, so a character split across TCP reads is simply joined and
 * decoded later as a whole. Not thread-safe: one reader thread per stream.
 */
public final class FrameReader {
    private static final int READ_SIZE = 8 * 1024;

    private final InputStream in;
    private final int maxFrame;
    private final LineSplitter splitter;
    private final byte[] chunk;
    private int at;
    private int end;

    private byte[] line;
    private int lineOffset;
    private int lineLength;

    /**
     * @param maxFrame the most bytes one frame may take, newline included
     */
    public FrameReader(InputStream in, int maxFrame) {
        this.in = in;
        this.maxFrame = maxFrame;
        this.splitter = new LineSplitter(maxFrame);
        this.chunk = new byte[Math.min(READ_SIZE, maxFrame)];
    }

    /**
     * Reads up to the next non-empty line. Its bytes are {@link #buffer()} from
     * {@link #lineOffset()} for {@link #lineLength()}, valid until the next call.
     *
     * @return {@code false} at the end of the stream (a partial last line is dropped)
     * @throws ProtocolException {@link ErrorCode#FRAME_TOO_LARGE} once {@code maxFrame} bytes
     *     have arrived without a newline; nothing past the limit is read
     */
    public boolean next() throws IOException, ProtocolException {
        line = null;
        while (true) {
            if (at < end) {
                at = splitter.feed(chunk, at, end - at, this::take);
                if (line != null) {
                    return true;
                }
            }
            int room = Math.min(chunk.length, maxFrame - splitter.pending());
            int n = in.read(chunk, 0, room);
            if (n < 0) {
                return false;
            }
            at = 0;
            end = n;
        }
    }

    private boolean take(byte[] bytes, int offset, int length) {
        line = bytes;
        lineOffset = offset;
        lineLength = length;
        return false;
    }

    public byte[] buffer() {
        return line;
    }

    public int lineOffset() {
        return lineOffset;
    }

    public int lineLength() {
        return lineLength;
    }
}
