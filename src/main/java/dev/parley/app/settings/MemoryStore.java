package dev.parley.app.settings;

import java.util.HashMap;
import java.util.Map;

/** A {@link SettingsStore} that forgets everything when the app ends; for tests and demos. */
public final class MemoryStore implements SettingsStore {
    private final Map<String, String> values = new HashMap<>();

    @Override
    public String get(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    @Override
    public java.util.Set<String> keys() {
        return java.util.Set.copyOf(values.keySet());
    }

    @Override
    public void put(String key, String value) {
        if (value == null) {
            values.remove(key);
        } else {
            values.put(key, value);
        }
    }
}
