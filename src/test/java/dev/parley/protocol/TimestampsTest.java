package dev.parley.protocol;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@link Timestamps#format} builds by hand exactly what its pattern's formatter writes. */
@Timeout(30)
class TimestampsTest {
    private static final DateTimeFormatter FORMATTER =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private static void assertFormattedAsTheFormatterDoes(Instant instant) {
        assertEquals(FORMATTER.format(instant), Timestamps.format(instant), instant::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999999999Z", "1970-01-01T00:00:00.000999999Z",
        "2000-02-29T12:34:56.789Z", "2024-02-29T23:59:59.999Z", "2100-02-28T00:00:00.001Z", "2100-03-01T00:00:00Z",
        "1900-02-28T23:59:59.5Z", "1600-02-29T00:00:00Z", "2026-11-23T22:40:00.123Z", "2026-12-31T23:59:59.999Z",
        "2027-01-01T00:00:00Z", "0000-01-01T00:00:00Z", "0000-02-29T00:00:00Z", "0001-01-01T00:00:00Z",
        "9999-12-31T23:59:59.999999999Z", "9999-02-28T00:00:00Z", "-0001-12-31T23:59:59.999Z", "+10000-01-01T00:00:00Z",
        "-999999999-01-02T00:00:00Z", "+999999999-12-30T23:59:59.999999999Z"})
    void edgeInstantsAreFormattedAsTheFormatterDoes(String instant) {
        assertFormattedAsTheFormatterDoes(Instant.parse(instant));
    }

    @Test
    void instantsBeyondTheFormattersYearsFailAsTheFormatterDoes() {
        assertThrows(DateTimeException.class, () -> FORMATTER.format(Instant.MIN));
        assertThrows(DateTimeException.class, () -> Timestamps.format(Instant.MIN));
        assertThrows(DateTimeException.class, () -> Timestamps.format(Instant.MAX));
    }

    @Test
    void everyDayOfFourHundredYearsAndRandomInstantsAreFormattedAsTheFormatterDoes() {
        long day0 = Instant.parse("1900-01-01T00:00:00Z").getEpochSecond() / 86_400;
        for (long day = day0 - 10; day < day0 + 146_097 + 10; day++) {
            assertFormattedAsTheFormatterDoes(Instant.ofEpochSecond(day * 86_400 + (day & 0xFFFF), day % 1_000_000_000));
        }
        Random random = new Random(42);
        long first = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long end = Instant.parse("+10000-01-01T00:00:00Z").getEpochSecond();
        for (int i = 0; i < 200_000; i++) {
            long second = first - 1_000 + (long) (random.nextDouble() * (end - first + 2_000));
            assertFormattedAsTheFormatterDoes(Instant.ofEpochSecond(second, random.nextInt(1_000_000_000)));
        }
    }

    @Test
    void repeatedAndAlternatingMillisecondsEachGetTheirOwnText() {
        Instant a = Instant.parse("2026-11-25T01:47:12.345Z");
        Instant b = a.plusNanos(999_999);  // same millisecond
        Instant c = a.plusMillis(1);
        Instant d = a.plusSeconds(86_400 * 365L); // same millisecond of another second
        for (int i = 0; i < 3; i++) {
            assertEquals("2026-11-25T01:47:12.345Z", Timestamps.format(a));
            assertEquals("2026-11-25T01:47:12.345Z", Timestamps.format(b));
            assertEquals("2026-11-25T01:47:12.346Z", Timestamps.format(c));
            assertEquals("2027-11-25T01:47:12.345Z", Timestamps.format(d));
            assertEquals("+10000-01-01T00:00:00.000Z", Timestamps.format(Instant.parse("+10000-01-01T00:00:00Z")));
        }
    }

    @Test
    void formattingFromManyThreadsGivesEachItsOwnInstantsText() throws InterruptedException {
        Thread[] threads = new Thread[4];
        Throwable[] failure = new Throwable[1];
        for (int t = 0; t < threads.length; t++) {
            long offset = t * 7_919L;
            threads[t] = Thread.ofPlatform().start(() -> {
                Instant base = Instant.parse("2026-11-25T00:00:00Z");
                for (int i = 0; i < 50_000; i++) {
                    Instant instant = base.plusMillis(offset + i % 3);
                    if (!FORMATTER.format(instant).equals(Timestamps.format(instant))) {
                        synchronized (failure) {
                            failure[0] = new AssertionError(instant.toString());
                        }
                    }
                }
            });
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertNull(failure[0]);
    }

    @Test
    void formattedTimestampsParseBack() {
        Instant instant = Instant.parse("2026-11-23T22:40:00.123Z");
        assertEquals(instant, Timestamps.parse(Timestamps.format(instant)));
        assertNull(Timestamps.parse("yesterday"));
        assertNull(Timestamps.parse(null));
    }
}
