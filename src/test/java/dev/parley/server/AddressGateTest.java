package dev.parley.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The door's bookkeeping without sockets: what it remembers per address is forgotten once at
 * rest, so thousands of addresses passing by leave nothing behind; caps and bans per address.
 */
@Timeout(10)
class AddressGateTest {
    private final TestClock clock = new TestClock();
    private final AbuseLimits limits = AbuseLimits.defaults();
    private final AddressGate gate = new AddressGate(limits, clock, new PasswordThrottle(limits));

    @Test
    void addressesThatCameAndWentAreForgottenOnceAtRest() throws Exception {
        for (int i = 0; i < 5_000; i++) {
            AddressGate.Visit visit = gate.admit(address(i));
            assertNotNull(visit);
            visit.settled();
        }
        assertEquals(5_000, gate.remembered());
        clock.advance(Duration.ofMinutes(2));
        gate.tick();
        assertEquals(0, gate.remembered(), "nothing is kept for addresses at rest");
    }

    @Test
    void aBannedAddressIsRememberedUntilItsBanIsOver() throws Exception {
        InetAddress flooder = address(1);
        for (int i = 0; i < limits.connectsPerMinute(); i++) {
            gate.admit(flooder).settled();
        }
        assertNull(gate.admit(flooder), "one more bans it");
        clock.advance(Duration.ofMinutes(2));
        gate.tick();
        assertEquals(1, gate.remembered(), "still banned");
        assertNull(gate.admit(flooder));
        clock.advance(limits.banFor());
        gate.tick();
        assertNotNull(gate.admit(flooder), "the ban is over");
    }

    @Test
    void waitingConnectionsArePerAddressAndTheLongestWaitingMakesRoom() throws Exception {
        var small = new AddressGate(limits.withPending(6, 3), clock, new PasswordThrottle(limits));
        List<String> dropped = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int n = i;
            small.admit(address(1)).whenCrowdedOut(() -> dropped.add("a" + n));
        }
        assertNull(small.admit(address(1)), "a fourth from one address is closed");
        for (int i = 0; i < 3; i++) {
            int n = i;
            small.admit(address(2)).whenCrowdedOut(() -> dropped.add("b" + n));
        }
        assertNull(small.admit(address(3)), "all six places taken by connections younger than a second");
        clock.advance(Duration.ofSeconds(1));
        assertNotNull(small.admit(address(3)));
        assertEquals(List.of("a0"), dropped, "the one that waited longest made room");
        assertTrue(small.admit(address(1)) != null, "and its address has a place again");
    }

    /** 10.x.y.z addresses, one per number. */
    private static InetAddress address(int n) throws UnknownHostException {
        return InetAddress.getByAddress(new byte[] {10, (byte) (n >> 16), (byte) (n >> 8), (byte) n});
    }
}
