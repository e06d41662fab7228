package dev.parley.app.chat;

import dev.parley.protocol.Timestamps;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

@Timeout(10)
class HostTimesTest {
    private static final Instant FALLBACK = Instant.parse("2000-01-01T00:00:00Z");

    @Test
    void readsWhatTheHostWritesExactlyAsInstantParseDoes() {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            // From 1970 to about 2100, to the millisecond, as the host formats it.
            Instant t = Instant.ofEpochMilli(Math.floorMod(random.nextLong(), 4_102_444_800_000L));
            String ts = Timestamps.format(t);
            assertEquals(Instant.parse(ts), HostTimes.parse(ts, FALLBACK), ts);
        }
        assertEquals(Instant.parse("2024-02-29T23:59:59.999Z"), HostTimes.parse("2024-02-29T23:59:59.999Z", FALLBACK));
    }

    @Test
    void otherShapesStillGoThroughInstantParse() {
        assertEquals(Instant.parse("2026-11-24T10:42:07Z"), HostTimes.parse("2026-11-24T10:42:07Z", FALLBACK));
        assertEquals(Instant.parse("2026-11-24T10:42:07.123456Z"), HostTimes.parse("2026-11-24T10:42:07.123456Z", FALLBACK));
        assertEquals(Instant.parse("2026-12-31T23:59:60.000Z"), HostTimes.parse("2026-12-31T23:59:60.000Z", FALLBACK));
    }

    @Test
    void unreadableTimesGiveTheFallback() {
        for (String bad : new String[] {null, "", "yesterday", "2026-02-30T10:42:07.123Z",
                "2026-11-24T10:60:07.123Z", "2026-13-24T10:42:07.123Z", "2026-11-24T10:42:07.12xZ",
                "2026-11-24 10:42:07.123Z"}) {
            assertEquals(FALLBACK, HostTimes.parse(bad, FALLBACK), String.valueOf(bad));
        }
    }
}
