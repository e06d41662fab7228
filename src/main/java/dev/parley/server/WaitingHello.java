package dev.parley.server;

import dev.parley.protocol.Frame;
import dev.parley.protocol.Limits;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collection;

/**
 * A {@code hello} the {@link Admission} keeps waiting (a password delay), with the frames its peer
 * sent after it, kept as they came to be handled once it is let in. A peer may send a few frames
 * right behind its hello; more than {@value #MAX_BYTES} bytes of them while it waits is not a
 * client but a flood. Loop thread only.
 */
final class WaitingHello {
    /** Bytes of frames kept while a hello waits. */
    static final int MAX_BYTES = Limits.MAX_FRAME;

    final Frame.Hello hello;
    private final ArrayDeque<byte[]> kept = new ArrayDeque<>();
    private int bytes;

    WaitingHello(Frame.Hello hello) {
        this.hello = hello;
    }

    /** Keeps a copy of one frame line; {@code false} when that passes the bound (nothing is kept then). */
    boolean keep(byte[] line, int offset, int length) {
        bytes += length;
        if (bytes > MAX_BYTES) {
            kept.clear();
            return false;
        }
        kept.add(Arrays.copyOfRange(line, offset, offset + length));
        return true;
    }

    /** The kept frame lines, oldest first. */
    Collection<byte[]> kept() {
        return kept;
    }
}
