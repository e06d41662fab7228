package dev.parley.bench;

import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;

/**
 * One simulated participant: its socket, the part of a line still waiting for its end, writes
 * the socket did not take yet and, for a sender, which of its messages are still on their way.
 * Touched only by the generator's event-loop thread.
 */
final class Client {
    /** Slots for a sender's messages in flight; a power of two. */
    static final int SLOTS = 1 << 16;
    private static final int KEEP_CARRY = 4096;

    final int index;
    SocketChannel channel;
    /** The TLS session over {@link #channel} in a TLS run, else {@code null}. */
    tlschannel.TlsChannel tls;
    SelectionKey key;
    boolean registered;
    boolean closed;
    int replayLeft;
    long joinedSeen;
    long pings;

    private byte[] carry;
    private int carryLength;
    private ArrayDeque<ByteBuffer> pending;

    // Sender state: remaining[slot] receivers still to get message number slotNumber[slot].
    int[] remaining;
    long[] slotNumber;
    long nextNumber;
    int inFlight;

    Client(int index) {
        this.index = index;
    }

    void makeSender() {
        remaining = new int[SLOTS];
        slotNumber = new long[SLOTS];
    }

    boolean hasPendingWrites() {
        return pending != null && !pending.isEmpty();
    }

    ArrayDeque<ByteBuffer> pending() {
        if (pending == null) {
            pending = new ArrayDeque<>(4);
        }
        return pending;
    }

    int carryLength() {
        return carryLength;
    }

    byte[] carry() {
        return carry;
    }

    void appendCarry(byte[] b, int off, int len) {
        if (carry == null || carryLength + len > carry.length) {
            int size = Math.max(512, Integer.highestOneBit(carryLength + len - 1) << 1);
            byte[] bigger = new byte[size];
            if (carryLength > 0) {
                System.arraycopy(carry, 0, bigger, 0, carryLength);
            }
            carry = bigger;
        }
        System.arraycopy(b, off, carry, carryLength, len);
        carryLength += len;
    }

    /** Forgets the carried line; a big buffer (a long welcome) is let go so idle clients stay small. */
    void clearCarry() {
        carryLength = 0;
        if (carry != null && carry.length > KEEP_CARRY) {
            carry = null;
        }
    }
}
