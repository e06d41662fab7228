package dev.parley.server;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * What the host remembers about one address while it matters: its connections waiting to join,
 * its connection and join budgets, a ban, its wrong passwords and its log budget. Forgotten once
 * all of that is back at rest, so the host's memory does not grow with the addresses it has seen.
 * Loop thread only; times are the abuse clock's nanoseconds.
 */
final class AddressStanding {
    /** The address as the log shows it: an IPv4 address, or an IPv6 /64 as {@code 2001:db8:1:2::/64}. */
    final String shown;
    final RateLimiter connects;
    final RateLimiter joins;
    /** Log lines its connections may cause before they joined. */
    final LogBudget log;
    final Tally refusedConnects;
    final Tally refusedJoins;
    final Tally wrongPasswordTally;
    /** Its connections that wait to be let in. */
    int pending;
    long bannedUntil;
    /** Wrong passwords that set the delay; forgiven one at a time ({@link PasswordThrottle}). */
    int wrongPasswords;
    long lastWrongPassword;
    /** When the host checks this address's next password. */
    long passwordReadyAt;

    AddressStanding(String shown, AbuseLimits limits, long now) {
        this.shown = shown;
        this.connects = RateLimiter.perMinute(limits.connectsPerMinute(), now);
        this.joins = RateLimiter.perMinute(limits.joinsPerMinute(), now);
        this.log = new LogBudget(limits.logLinesPerMinute(), now);
        this.refusedConnects = new Tally(now);
        this.refusedJoins = new Tally(now);
        this.wrongPasswordTally = new Tally(now);
        this.passwordReadyAt = now;
    }

    boolean banned(long now) {
        return bannedUntil != 0 && now - bannedUntil < 0;
    }

    /** Whether forgetting this address loses nothing the host still needs. */
    boolean atRest(long now, boolean passwordsForgiven) {
        return pending == 0 && !banned(now) && passwordsForgiven && refusedConnects.atRest()
                && refusedJoins.atRest() && wrongPasswordTally.atRest() && connects.isFull(now)
                && joins.isFull(now) && log.atRest(now);
    }

    /**
     * Counts one kind of event for the log: the first after a quiet minute is logged at once, the
     * ones after it are counted and summed up a minute later, so one address causes at most about
     * one line a minute of each kind.
     */
    static final class Tally {
        private static final long MINUTE = 60_000_000_000L;
        private long count;
        private long due;

        Tally(long now) {
            this.due = now;
        }

        /** One more; whether to log this one at once (else it is counted for the summary). */
        boolean add(long now) {
            if (count == 0 && now - due >= 0) {
                due = now + MINUTE;
                return true;
            }
            count++;
            return false;
        }

        /** The count to sum up now, once its minute is over (0 otherwise); the count starts again. */
        long takeDue(long now) {
            if (count == 0 || now - due < 0) {
                return 0;
            }
            long n = count;
            count = 0;
            due = now + MINUTE;
            return n;
        }

        boolean atRest() {
            return count == 0;
        }
    }

    /**
     * The key under which an address is remembered: an IPv4 address as it is (an IPv4-mapped IPv6
     * address counts as its IPv4 address), an IPv6 address cut to its /64, because one machine or
     * household usually has a whole /64 to pick addresses from.
     */
    static InetAddress key(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            byte[] bytes = v6.getAddress();
            if (isMapped(bytes)) {
                return byAddress(Arrays.copyOfRange(bytes, 12, 16));
            }
            Arrays.fill(bytes, 8, 16, (byte) 0);
            return byAddress(bytes);
        }
        return address;
    }

    /** How a key is shown in the log. */
    static String show(InetAddress key) {
        return key instanceof Inet4Address ? key.getHostAddress() : key.getHostAddress() + "/64";
    }

    private static boolean isMapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xFF && bytes[11] == (byte) 0xFF;
    }

    private static InetAddress byAddress(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address of " + bytes.length + " bytes", e);
        }
    }
}
