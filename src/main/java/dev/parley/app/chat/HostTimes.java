package dev.parley.app.chat;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Reads the times the host stamps on events. The host writes exactly one shape,
 * {@code 2026-11-24T10:42:07.123Z} ({@code dev.parley.protocol.Timestamps}); that shape is read
 * field by field here, because {@link Instant#parse}'s general-purpose parser took over half of the
 * FX thread's time for each batch of messages (about 1.3 µs a message). Anything else, including a
 * leap second, still goes through {@link Instant#parse}, so what is accepted does not change.
 */
final class HostTimes {
    private static final int LENGTH = "2026-11-24T10:42:07.123Z".length();

    private HostTimes() {
    }

    /** The instant of {@code ts}, or {@code fallback} if there is none or it cannot be read. */
    static Instant parse(String ts, Instant fallback) {
        if (ts == null) {
            return fallback;
        }
        Instant fast = hostShape(ts);
        if (fast != null) {
            return fast;
        }
        try {
            return Instant.parse(ts);
        } catch (DateTimeParseException e) {
            return fallback;
        }
    }

    private static Instant hostShape(String ts) {
        if (ts.length() != LENGTH || ts.charAt(4) != '-' || ts.charAt(7) != '-' || ts.charAt(10) != 'T'
                || ts.charAt(13) != ':' || ts.charAt(16) != ':' || ts.charAt(19) != '.' || ts.charAt(23) != 'Z') {
            return null;
        }
        int year = digits(ts, 0, 4);
        int month = digits(ts, 5, 2);
        int day = digits(ts, 8, 2);
        int hour = digits(ts, 11, 2);
        int minute = digits(ts, 14, 2);
        int second = digits(ts, 17, 2);
        int milli = digits(ts, 20, 3);
        if (year < 0 || month < 0 || day < 0 || milli < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59) {
            return null;
        }
        try {
            long days = LocalDate.of(year, month, day).toEpochDay();
            return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second, milli * 1_000_000L);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The non-negative number in {@code count} ASCII digits from {@code at}, or -1. */
    private static int digits(String s, int at, int count) {
        int n = 0;
        for (int i = at; i < at + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
