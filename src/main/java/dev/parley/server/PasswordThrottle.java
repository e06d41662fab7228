package dev.parley.server;

import java.time.Duration;

/**
 * Slows down guessing the room password from one address. After a wrong password the host checks
 * the next one from that address only after a delay: {@link AbuseLimits#passwordDelay()} after the
 * first, doubling with each wrong one after it up to {@link AbuseLimits#passwordDelayMax()}; one
 * wrong password is forgiven per {@code passwordDelayMax} without another, and the right one
 * forgives them all. The right password waits out the delay like any other attempt, so a guesser
 * learns nothing faster by being lucky. Wrong passwords are logged once, then summed up per minute
 * ({@link AddressStanding.Tally}). Loop thread only; times are the abuse clock's nanoseconds.
 */
final class PasswordThrottle {
    private static final System.Logger LOG = System.getLogger("dev.parley.server");

    private final long firstDelay;
    private final long longestDelay;

    PasswordThrottle(AbuseLimits limits) {
        this.firstDelay = limits.passwordDelay().toNanos();
        this.longestDelay = limits.passwordDelayMax().toNanos();
    }

    /** Nanoseconds until the host checks a password from this address; 0 means now. */
    long waitFor(AddressStanding s, long now) {
        return Math.max(0, s.passwordReadyAt - now);
    }

    /** A password from this address was wrong: the next one waits longer. */
    void wrong(AddressStanding s, long now) {
        int inARow = unforgiven(s, now) + 1;
        s.wrongPasswords = inARow;
        s.lastWrongPassword = now;
        long delay = delayAfter(inARow);
        s.passwordReadyAt = now + delay;
        if (s.wrongPasswordTally.add(now)) {
            LOG.log(System.Logger.Level.INFO, "wrong room password from {0}; its next password is checked in {1}",
                    s.shown, seconds(delay));
        }
    }

    /** A password from this address was right: everything is forgiven. */
    void right(AddressStanding s, long now) {
        s.wrongPasswords = 0;
        s.passwordReadyAt = now;
    }

    /** Logs the wrong passwords of the last minute, if their summary is due. */
    void report(AddressStanding s, long now) {
        long n = s.wrongPasswordTally.takeDue(now);
        if (n > 0) {
            long wait = waitFor(s, now);
            LOG.log(System.Logger.Level.INFO, "{0}: {1} more wrong room passwords in the last minute{2}", s.shown, n,
                    wait > 0 ? "; its next password is checked in " + seconds(wait) : "");
        }
    }

    /** Whether this address has nothing left to be forgiven. */
    boolean forgiven(AddressStanding s, long now) {
        return unforgiven(s, now) == 0 && waitFor(s, now) == 0;
    }

    /** The delay after this many wrong passwords in a row (1 is the first). */
    long delayAfter(int inARow) {
        if (firstDelay == 0 || inARow < 1) {
            return 0;
        }
        int doublings = Math.min(inARow - 1, 40);
        long delay = firstDelay << doublings;
        return delay <= 0 || delay > longestDelay ? longestDelay : delay;
    }

    private int unforgiven(AddressStanding s, long now) {
        if (s.wrongPasswords == 0 || longestDelay == 0) {
            return 0;
        }
        long forgiven = (now - s.lastWrongPassword) / longestDelay;
        return (int) Math.max(0, s.wrongPasswords - forgiven);
    }

    /** A duration for the log: {@code 0.25 s}, {@code 30 s}. */
    static String seconds(long nanos) {
        long millis = Duration.ofNanos(nanos).toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s"
                : String.format(java.util.Locale.ROOT, "%.2f s", millis / 1000.0);
    }
}
