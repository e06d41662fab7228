package dev.parley.app.settings;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Settings as this instance of the app sees them: every value is read from the lasting store when
 * the app starts, and what this instance changes stays here until {@link #commit()} writes it back.
 *
 * <p>Two Parley windows on one account share one preferences store. Without this, each saved its
 * name, room and port the moment it connected, and the other's form then showed those. The
 * rule, as messengers that allow a second instance do it: every instance starts from what was
 * saved last, never sees another's changes while it runs, and writes only the keys whose value it
 * changed itself (connecting again with the name it started with changes nothing), when the
 * person starts a chat and at a clean exit; of two instances that changed the same key, the one
 * that saves last wins. FX thread (like every {@link SettingsStore}).
 */
public final class SnapshotStore implements SettingsStore {
    private final SettingsStore lasting;
    private final Map<String, String> seen = new HashMap<>();
    private final Map<String, String> changed = new LinkedHashMap<>();

    /** Reads every value {@code lasting} holds now; later changes there are not seen. */
    public SnapshotStore(SettingsStore lasting) {
        this.lasting = lasting;
        for (String key : lasting.keys()) {
            String value = lasting.get(key, null);
            if (value != null) {
                seen.put(key, value);
            }
        }
    }

    @Override
    public String get(String key, String fallback) {
        return seen.getOrDefault(key, fallback);
    }

    @Override
    public java.util.Set<String> keys() {
        return java.util.Set.copyOf(seen.keySet());
    }

    /** Keeps {@code value}; it counts as this instance's change only if it differs from what the instance saw. */
    @Override
    public void put(String key, String value) {
        if (!changed.containsKey(key) && java.util.Objects.equals(seen.get(key), value)) {
            return;
        }
        if (value == null) {
            seen.remove(key);
        } else {
            seen.put(key, value);
        }
        changed.put(key, value);
    }

    /** Writes the keys this instance changed since the last commit. */
    @Override
    public void commit() {
        changed.forEach(lasting::put);
        changed.clear();
    }
}
