package dev.parley.bench;

import java.nio.charset.StandardCharsets;

/**
 * IRC (RFC 2812) as the generator speaks it to the peer server: register with NICK and USER,
 * JOIN one channel, PRIVMSG to it. A client counts as in the room at {@code 366} (end of NAMES),
 * the IRC counterpart of Parley's {@code welcome}.
 */
final class IrcDialect implements Dialect {
    static final String CHANNEL = "#bench";

    private static final byte[] PING = ascii("PING ");
    private static final byte[] ERROR_LINE = ascii("ERROR ");
    private static final byte[] PRIVMSG = ascii("PRIVMSG ");
    private static final byte[] JOIN = ascii("JOIN ");
    private static final byte[] QUIT = ascii("QUIT ");
    private static final byte[] PART = ascii("PART ");
    private static final byte[] END_OF_NAMES = ascii("366 ");
    private static final byte[] TRAILING = ascii(" :");
    private static final byte[] MESSAGE_HEAD = ascii("PRIVMSG " + CHANNEL + " :");

    @Override
    public String name() {
        return "ngircd";
    }

    @Override
    public byte[] register(int client) {
        String nick = "b" + client;
        return ascii("NICK " + nick + "\r\nUSER " + nick + " 0 * :bench\r\nJOIN " + CHANNEL + "\r\n");
    }

    @Override
    public byte[] message(int client, long number, byte[] payload) {
        byte[] out = new byte[MESSAGE_HEAD.length + payload.length + 2];
        System.arraycopy(MESSAGE_HEAD, 0, out, 0, MESSAGE_HEAD.length);
        System.arraycopy(payload, 0, out, MESSAGE_HEAD.length, payload.length);
        out[out.length - 2] = '\r';
        out[out.length - 1] = '\n';
        return out;
    }

    @Override
    public int parse(byte[] b, int off, int len, Parsed out) {
        int end = off + len;
        if (end > off && b[end - 1] == '\r') {
            end--;
        }
        int i = off;
        if (i < end && b[i] == ':') {
            while (i < end && b[i] != ' ') {
                i++;
            }
            i++;
        }
        int rest = end - i;
        if (rest <= 0) {
            return OTHER;
        }
        if (Dialect.startsWith(b, i, rest, PRIVMSG)) {
            int at = Dialect.indexOf(b, i + PRIVMSG.length, end, TRAILING);
            return at >= 0 && Dialect.readPayload(b, at + 2, end, out) ? MSG : OTHER;
        }
        if (Dialect.startsWith(b, i, rest, JOIN)) {
            return JOINED;
        }
        if (Dialect.startsWith(b, i, rest, END_OF_NAMES)) {
            out.replay = 0;
            return REGISTERED;
        }
        if (Dialect.startsWith(b, i, rest, PING)) {
            byte[] answer = new byte[rest + 2];
            System.arraycopy(b, i, answer, 0, rest);
            answer[1] = 'O';
            answer[rest] = '\r';
            answer[rest + 1] = '\n';
            out.answer = answer;
            return Dialect.PING;
        }
        if (Dialect.startsWith(b, i, rest, QUIT) || Dialect.startsWith(b, i, rest, PART)) {
            return LEFT;
        }
        if (Dialect.startsWith(b, i, rest, ERROR_LINE) || isErrorNumeric(b, i, rest)) {
            return ERROR;
        }
        return OTHER;
    }

    /** Numerics 400–599 are errors (nick in use, channel full, ...). */
    private static boolean isErrorNumeric(byte[] b, int i, int rest) {
        return rest >= 4 && (b[i] == '4' || b[i] == '5') && Character.isDigit(b[i + 1])
                && Character.isDigit(b[i + 2]) && b[i + 3] == ' ';
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
