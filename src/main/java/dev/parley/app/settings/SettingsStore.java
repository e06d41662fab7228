package dev.parley.app.settings;

/** Where the app keeps small remembered values, as strings under keys. Called on the FX thread. */
public interface SettingsStore {

    /** The value under {@code key}, or {@code fallback} when there is none. */
    String get(String key, String fallback);

    void put(String key, String value);

    /** Every key that has a value now. */
    java.util.Set<String> keys();

    /** Writes what was put to lasting storage, where that is deferred; nothing by default. */
    default void commit() {
    }
}
