package dev.parley.files;

import java.util.HashMap;
import java.util.Map;

/**
 * Download keys: one per person granted the {@code files} extension, sent in their {@code welcome},
 * presented on each download connection. Memory only; thread-safe.
 */
final class TransferPasses {
    private final Map<String, String> byKey = new HashMap<>();
    private final Map<String, String> byPerson = new HashMap<>();

    /** A new key for the person; an older key of theirs stops working. */
    synchronized String grant(String person) {
        revoke(person);
        String key = Hex.newToken();
        byKey.put(key, person);
        byPerson.put(person, key);
        return key;
    }

    synchronized void revoke(String person) {
        String old = byPerson.remove(person);
        if (old != null) {
            byKey.remove(old);
        }
    }

    /** The person a key was granted to, or {@code null}. */
    synchronized String holder(String key) {
        return byKey.get(key);
    }
}
