package dev.parley.protocol;

import java.io.IOException;
import java.io.InputStream;

/**
 * Splits a byte stream into frame lines without ever holding more than one frame's limit.
 *
 * <p>The buffer starts small and grows only while a long line is being read, then shrinks back,
 * so an idle connection costs little memory. Lines are split on the {@code \n} byte, which never
 * occurs inside a multi-byte UTF-8 character, so a character split across TCP reads is simply
 * joined here and decoded later as a whole. Not thread-safe: one reader thread per stream.
 */
public final class FrameReader {
    private static final int INITIAL = 512;

    private final InputStream in;
    private final int maxFrame;
    private byte[] buf = new byte[0];
    private int start;
    private int end;
    private int scanned;

    private int lineOffset;
    private int lineLength;

    /**
     * @param maxFrame the most bytes one frame may take, newline included
     */
    public FrameReader(InputStream in, int maxFrame) {
        this.in = in;
        this.maxFrame = maxFrame;
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
        while (true) {
            int nl = indexOfNewline();
            if (nl >= 0) {
                int len = nl - start;
                if (len > 0 && buf[nl - 1] == '\r') {
                    len--;
                }
                lineOffset = start;
                lineLength = len;
                start = nl + 1;
                scanned = start;
                if (len > 0) {
                    return true;
                }
                continue;
            }
            if (end - start >= maxFrame) {
                throw new ProtocolException(ErrorCode.FRAME_TOO_LARGE,
                        "A frame can be at most " + maxFrame + " bytes long.");
            }
            if (!fill()) {
                return false;
            }
        }
    }

    public byte[] buffer() {
        return buf;
    }

    public int lineOffset() {
        return lineOffset;
    }

    public int lineLength() {
        return lineLength;
    }

    private int indexOfNewline() {
        for (int i = scanned; i < end; i++) {
            if (buf[i] == '\n') {
                return i;
            }
        }
        scanned = end;
        return -1;
    }

    private boolean fill() throws IOException {
        makeRoom();
        int room = Math.min(buf.length - end, maxFrame - (end - start));
        int n = in.read(buf, end, room);
        if (n < 0) {
            return false;
        }
        end += n;
        return true;
    }

    /** Compacts, grows or shrinks the buffer so the next read has room for the pending line. */
    private void makeRoom() {
        int pending = end - start;
        if (pending == 0 && buf.length > INITIAL * 16) {
            buf = new byte[INITIAL];
            start = end = scanned = 0;
            return;
        }
        if (buf.length == 0) {
            buf = new byte[INITIAL];
        }
        if (end < buf.length) {
            return;
        }
        if (start > 0) {
            System.arraycopy(buf, start, buf, 0, pending);
            scanned -= start;
            end = pending;
            start = 0;
            if (end < buf.length) {
                return;
            }
        }
        byte[] bigger = new byte[Math.min(Math.max(buf.length * 2, INITIAL), maxFrame)];
        System.arraycopy(buf, 0, bigger, 0, end);
        buf = bigger;
    }
}
