package dev.parley.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetAddress;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The wrong-password delay's arithmetic: doubling, its cap, forgiveness, and the right password. */
@Timeout(10)
class PasswordThrottleTest {
    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000 * MS;
    private final AbuseLimits limits = AbuseLimits.defaults();
    private final PasswordThrottle throttle = new PasswordThrottle(limits);
    private long now = 1_000 * SECOND;
    private final AddressStanding address = new AddressStanding("192.0.2.7", limits, now);

    @Test
    void eachWrongPasswordDoublesTheWaitUpToThirtySeconds() {
        long[] expected = {250, 500, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000};
        for (long wait : expected) {
            assertEquals(0, throttle.waitFor(address, now), "checked once the wait is over");
            throttle.wrong(address, now);
            assertEquals(wait * MS, throttle.waitFor(address, now));
            now += wait * MS;
        }
    }

    @Test
    void theRightPasswordForgivesEverything() {
        for (int i = 0; i < 5; i++) {
            throttle.wrong(address, now);
            now += throttle.waitFor(address, now);
        }
        throttle.right(address, now);
        assertTrue(throttle.forgiven(address, now));
        throttle.wrong(address, now);
        assertEquals(250 * MS, throttle.waitFor(address, now), "a typo after getting in costs the first delay again");
    }

    @Test
    void quietTimeForgivesOneWrongPasswordPerLongestDelay() {
        for (int i = 0; i < 8; i++) {
            now += throttle.waitFor(address, now);
            throttle.wrong(address, now);
        }
        assertFalse(throttle.forgiven(address, now));
        now += 3 * 30 * SECOND; // three forgiven of eight: the next wrong one is the sixth in a row
        throttle.wrong(address, now);
        assertEquals(8 * SECOND, throttle.waitFor(address, now));
        now += 6 * 30 * SECOND + 8 * SECOND;
        assertTrue(throttle.forgiven(address, now), "all forgiven after long enough");
    }

    @Test
    void noDelayWhenTurnedOff() {
        var off = new PasswordThrottle(limits.withPasswordDelay(Duration.ZERO, Duration.ZERO));
        off.wrong(address, now);
        off.wrong(address, now);
        assertEquals(0, off.waitFor(address, now));
        assertTrue(off.forgiven(address, now));
    }

    @Test
    void addressesAreIpv4AsTheyAreAndIpv6ByTheirSlash64() throws Exception {
        assertEquals(InetAddress.getByName("127.0.0.2"), AddressStanding.key(InetAddress.getByName("127.0.0.2")));
        assertEquals(InetAddress.getByName("192.0.2.7"), AddressStanding.key(InetAddress.getByName("::ffff:192.0.2.7")));
        assertEquals(AddressStanding.key(InetAddress.getByName("2001:db8:1:2::1")),
                AddressStanding.key(InetAddress.getByName("2001:db8:1:2:ffff:1234:5678:9abc")));
        assertFalse(AddressStanding.key(InetAddress.getByName("2001:db8:1:2::1"))
                .equals(AddressStanding.key(InetAddress.getByName("2001:db8:1:3::1"))));
        assertEquals("2001:db8:1:2:0:0:0:0/64", AddressStanding.show(AddressStanding.key(InetAddress.getByName("2001:db8:1:2::1"))));
    }
}
