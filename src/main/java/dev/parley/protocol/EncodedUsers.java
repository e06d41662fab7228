package dev.parley.protocol;

import java.util.Arrays;

/**
 * The {@code users} of a welcome, kept encoded: each member's entry as Jackson writes it inside a
 * welcome, comma-separated, in an array that only grows. Encoding thousands of members for every
 * joiner would make a join storm quadratic in Jackson work, and copying them quadratic in memory;
 * this way a welcome costs its head and tail, and the list is shared by reference.
 *
 * <p>Bytes below {@link #length()} are never changed once written (queued welcomes share them);
 * growing copies into a new array, and {@link #clear()} starts a new one. Not thread-safe: the
 * room's thread only.
 */
public final class EncodedUsers {
    private final FrameCodec codec;
    private byte[] bytes = new byte[1024];
    private int length;

    public EncodedUsers(FrameCodec codec) {
        this.codec = codec;
    }

    /** Adds one member at the end of the list. */
    public void add(Frame.User user) {
        byte[] one = codec.encodeUser(user);
        int needed = length + (length > 0 ? 1 : 0) + one.length;
        if (needed > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(needed, bytes.length * 2));
        }
        if (length > 0) {
            bytes[length++] = ',';
        }
        System.arraycopy(one, 0, bytes, length, one.length);
        length = needed;
    }

    /** Empties the list into a new array: queued welcomes may still hold the old one. */
    public void clear() {
        bytes = new byte[Math.max(1024, length)];
        length = 0;
    }

    /** The array holding the list; only its first {@link #length()} bytes are the list. */
    public byte[] bytes() {
        return bytes;
    }

    public int length() {
        return length;
    }
}
