package dev.parley.bench;

/**
 * What the load generator says to one kind of server and how it reads the answers: Parley's JSON
 * lines or IRC. Every method runs on the generator's single event-loop thread, so a dialect may
 * keep scratch state.
 *
 * <p>A benchmark message carries its sender, its number and the moment it was sent inside the
 * text, as {@code B<sender>.<number>.<nanoTime>.} padded with {@code x} to the payload size, so
 * both dialects carry exactly the same payload and the receiver needs no lookup to time it.
 */
interface Dialect {
    /** What a line turned out to be; see {@link Parsed}. */
    int OTHER = 0;
    int MSG = 1;
    int REGISTERED = 2;
    int JOINED = 3;
    int PING = 4;
    int LEFT = 5;
    int ERROR = 6;

    String name();

    /** Everything a new connection sends at once: Parley's hello, or IRC's NICK, USER and JOIN. */
    byte[] register(int client);

    /** One benchmark message from {@code client} with the given payload text. */
    byte[] message(int client, long number, byte[] payload);

    /**
     * Classifies one line (without its line end) and fills {@code out} for {@link #MSG},
     * {@link #REGISTERED} (replayed events that follow) and {@link #PING} (the answer to send).
     */
    int parse(byte[] b, int off, int len, Parsed out);

    /** The fields of the line just parsed. */
    final class Parsed {
        int sender;
        long number;
        long sentAt;
        int replay;
        byte[] answer;
    }

    /** Builds the payload text of a message: always exactly {@code size} bytes of ASCII. */
    static byte[] payload(int sender, long number, long sentAt, int size) {
        String head = "B" + sender + "." + number + "." + sentAt + ".";
        byte[] out = new byte[Math.max(size, head.length())];
        for (int i = 0; i < head.length(); i++) {
            out[i] = (byte) head.charAt(i);
        }
        java.util.Arrays.fill(out, head.length(), out.length, (byte) 'x');
        return out;
    }

    /**
     * Reads the {@code B<sender>.<number>.<nanoTime>.} head of a payload at {@code at}.
     *
     * @return whether it was one of ours
     */
    static boolean readPayload(byte[] b, int at, int end, Parsed out) {
        if (at >= end || b[at] != 'B') {
            return false;
        }
        int i = at + 1;
        long sender = 0;
        long number = 0;
        long sentAt = 0;
        for (int f = 0; f < 3; f++) {
            long v = 0;
            int start = i;
            while (i < end && b[i] >= '0' && b[i] <= '9') {
                v = v * 10 + (b[i] - '0');
                i++;
            }
            if (i == start || i >= end || b[i] != '.') {
                return false;
            }
            i++;
            switch (f) {
                case 0 -> sender = v;
                case 1 -> number = v;
                default -> sentAt = v;
            }
        }
        out.sender = (int) sender;
        out.number = number;
        out.sentAt = sentAt;
        return true;
    }

    /** Index of {@code needle} in {@code b[from, end)}, or -1. */
    static int indexOf(byte[] b, int from, int end, byte[] needle) {
        outer:
        for (int i = from, last = end - needle.length; i <= last; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (b[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static boolean startsWith(byte[] b, int off, int len, byte[] prefix) {
        if (len < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[off + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
