package dev.parley.bench;

import java.nio.charset.StandardCharsets;

/**
 * Parley protocol version 1 as the generator speaks it. Lines are matched on the member order
 * the server writes ({@code type} first), which is enough for a benchmark and much cheaper than
 * parsing JSON: the generator must never be the bottleneck.
 */
final class ParleyDialect implements Dialect {
    private static final byte[] MSG = ascii("{\"type\":\"msg\"");
    private static final byte[] TEXT = ascii("\"text\":\"");
    private static final byte[] WELCOME = ascii("{\"type\":\"welcome\"");
    private static final byte[] HISTORY = ascii("\"history\":");
    private static final byte[] JOINED = ascii("{\"type\":\"joined\"");
    private static final byte[] PING = ascii("{\"type\":\"ping\",\"n\":");
    private static final byte[] PONG = ascii("{\"type\":\"pong\",\"n\":");
    private static final byte[] LEFT = ascii("{\"type\":\"left\"");
    private static final byte[] ERROR = ascii("{\"type\":\"error\"");

    @Override
    public String name() {
        return "parley";
    }

    @Override
    public byte[] register(int client) {
        return ascii("{\"type\":\"hello\",\"v\":1,\"nick\":\"b" + client + "\",\"client\":\"parley-bench\"}\n");
    }

    @Override
    public byte[] message(int client, long number, byte[] payload) {
        byte[] head = ascii("{\"type\":\"send\",\"id\":\"m" + client + "-" + number + "\",\"text\":\"");
        byte[] out = new byte[head.length + payload.length + 3];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(payload, 0, out, head.length, payload.length);
        out[out.length - 3] = '"';
        out[out.length - 2] = '}';
        out[out.length - 1] = '\n';
        return out;
    }

    @Override
    public int parse(byte[] b, int off, int len, Parsed out) {
        int end = off + len;
        if (end > off && b[end - 1] == '\r') {
            end--;
            len--;
        }
        if (Dialect.startsWith(b, off, len, MSG)) {
            int at = Dialect.indexOf(b, off + MSG.length, end, TEXT);
            return at >= 0 && Dialect.readPayload(b, at + TEXT.length, end, out) ? Dialect.MSG : OTHER;
        }
        if (Dialect.startsWith(b, off, len, JOINED)) {
            return Dialect.JOINED;
        }
        if (Dialect.startsWith(b, off, len, PING)) {
            int i = off + PING.length;
            int start = i;
            while (i < end && b[i] >= '0' && b[i] <= '9') {
                i++;
            }
            byte[] head = PONG;
            byte[] answer = new byte[head.length + (i - start) + 2];
            System.arraycopy(head, 0, answer, 0, head.length);
            System.arraycopy(b, start, answer, head.length, i - start);
            answer[answer.length - 2] = '}';
            answer[answer.length - 1] = '\n';
            out.answer = answer;
            return Dialect.PING;
        }
        if (Dialect.startsWith(b, off, len, WELCOME)) {
            int at = Dialect.indexOf(b, off, end, HISTORY);
            int replay = 0;
            if (at >= 0) {
                for (int i = at + HISTORY.length; i < end && b[i] >= '0' && b[i] <= '9'; i++) {
                    replay = replay * 10 + (b[i] - '0');
                }
            }
            out.replay = replay;
            return REGISTERED;
        }
        if (Dialect.startsWith(b, off, len, LEFT)) {
            return Dialect.LEFT;
        }
        if (Dialect.startsWith(b, off, len, ERROR)) {
            return Dialect.ERROR;
        }
        return OTHER;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
