package dev.parley.server;

/** The latest room events, each kept as the bytes every participant was sent. Not thread-safe. */
final class History {
    private final byte[][] frames;
    private long firstSeq = 1;
    private long nextSeq = 1;

    History(int capacity) {
        frames = new byte[capacity][];
    }

    /** The seq the next event gets. */
    long nextSeq() {
        return nextSeq;
    }

    long lastSeq() {
        return nextSeq - 1;
    }

    void append(byte[] frame) {
        frames[(int) (nextSeq % frames.length)] = frame;
        nextSeq++;
        if (nextSeq - firstSeq > frames.length) {
            firstSeq = nextSeq - frames.length;
        }
    }

    /** Oldest seq still held, or {@link #nextSeq()} when nothing is. */
    long firstSeq() {
        return firstSeq;
    }

    byte[] get(long seq) {
        return frames[(int) (seq % frames.length)];
    }
}
