package dev.parley.protocol;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Server timestamps: ISO-8601 UTC with exactly three fraction digits. */
public final class Timestamps {
    /** The definition of the format; used as is for years outside 0000 to 9999. */
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** 0000-01-01T00:00:00Z and 10000-01-01T00:00:00Z: the years written by hand. */
    private static final long FIRST_SECOND = -62_167_219_200L;
    private static final long END_SECOND = 253_402_300_800L;

    /** The last millisecond formatted and its text; a burst of events mostly shares one. */
    private record Last(long milli, String text) {
    }

    private static volatile Last last = new Last(Long.MIN_VALUE, "");

    private Timestamps() {
    }

    /**
     * The instant as {@code uuuu-MM-dd'T'HH:mm:ss.SSS'Z'} in UTC (the fraction cut, not rounded,
     * to milliseconds), as {@link DateTimeFormatter} writes it, built without one: the server
     * stamps every room event.
     */
    public static String format(Instant instant) {
        long second = instant.getEpochSecond();
        if (second < FIRST_SECOND || second >= END_SECOND) {
            return FORMAT.format(instant);
        }
        long milli = second * 1000 + instant.getNano() / 1_000_000;
        Last cached = last;
        if (cached.milli == milli) {
            return cached.text;
        }
        String text = build(second, instant.getNano() / 1_000_000);
        last = new Last(milli, text);
        return text;
    }

    private static String build(long epochSecond, int millis) {
        long day = Math.floorDiv(epochSecond, 86_400);
        int secondOfDay = (int) Math.floorMod(epochSecond, 86_400);

        // Days since 1970-01-01 to the proleptic Gregorian calendar (H. Hinnant's civil_from_days).
        long z = day + 719_468;
        long era = Math.floorDiv(z, 146_097);
        int dayOfEra = (int) (z - era * 146_097);
        int yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        int dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        int mp = (5 * dayOfYear + 2) / 153;
        int dayOfMonth = dayOfYear - (153 * mp + 2) / 5 + 1;
        int month = mp < 10 ? mp + 3 : mp - 9;
        int year = (int) (yearOfEra + era * 400) + (month <= 2 ? 1 : 0);

        byte[] b = new byte[24];
        digits(b, 0, year, 4);
        b[4] = '-';
        digits(b, 5, month, 2);
        b[7] = '-';
        digits(b, 8, dayOfMonth, 2);
        b[10] = 'T';
        digits(b, 11, secondOfDay / 3_600, 2);
        b[13] = ':';
        digits(b, 14, secondOfDay / 60 % 60, 2);
        b[16] = ':';
        digits(b, 17, secondOfDay % 60, 2);
        b[19] = '.';
        digits(b, 20, millis, 3);
        b[23] = 'Z';
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private static void digits(byte[] b, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            b[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }

    /** The instant of a {@code ts}, or {@code null} if it cannot be read. */
    public static Instant parse(String ts) {
        if (ts == null) {
            return null;
        }
        try {
            return Instant.parse(ts);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
