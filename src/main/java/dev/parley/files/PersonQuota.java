package dev.parley.files;

import java.util.HashMap;
import java.util.Map;

/**
 * Per person: how many transfers are open (accepted uploads not yet stored, running downloads)
 * and an upload budget in bytes, a token bucket refilled at the configured rate. Memory only;
 * thread-safe.
 */
final class PersonQuota {
    private final FileLimits limits;
    private final Map<String, Account> accounts = new HashMap<>();

    private static final class Account {
        int open;
        double tokens;
        long last;

        Account(double tokens, long now) {
            this.tokens = tokens;
            this.last = now;
        }
    }

    PersonQuota(FileLimits limits) {
        this.limits = limits;
    }

    /** Opens a transfer for the person, or returns false when they have as many as allowed. */
    synchronized boolean tryOpen(String person, long now) {
        Account account = account(person, now);
        if (account.open >= limits.maxTransfersPerPerson()) {
            return false;
        }
        account.open++;
        return true;
    }

    synchronized void close(String person, long now) {
        Account account = accounts.get(person);
        if (account != null) {
            account.open = Math.max(0, account.open - 1);
            forgetIfIdle(person, account, now);
        }
    }

    synchronized int open(String person) {
        Account account = accounts.get(person);
        return account == null ? 0 : account.open;
    }

    /**
     * Spends {@code bytes} of the person's upload budget: 0 when spent, else the whole seconds until
     * the budget holds that much (nothing is spent then).
     */
    synchronized long trySpend(String person, long bytes, long now) {
        if (limits.uploadBytesPerSecond() == 0) {
            return 0;
        }
        Account account = account(person, now);
        if (account.tokens >= bytes) {
            account.tokens -= bytes;
            return 0;
        }
        return (long) Math.ceil((bytes - account.tokens) / limits.uploadBytesPerSecond());
    }

    private Account account(String person, long now) {
        Account account = accounts.computeIfAbsent(person, p -> new Account(limits.uploadBurstBytes(), now));
        long elapsed = Math.max(0, now - account.last);
        account.tokens = Math.min(limits.uploadBurstBytes(),
                account.tokens + elapsed / 1e9 * limits.uploadBytesPerSecond());
        account.last = now;
        return account;
    }

    /** A person with nothing open and a full budget is the same as one never seen: keep the map small. */
    private void forgetIfIdle(String person, Account account, long now) {
        account(person, now);
        if (account.open == 0 && account.tokens >= limits.uploadBurstBytes()) {
            accounts.remove(person);
        }
    }
}
