package dev.parley.app.settings;

import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/** A {@link SettingsStore} in a {@code java.util.prefs} node. */
public final class PreferencesStore implements SettingsStore {
    private static final System.Logger LOG = System.getLogger("dev.parley.app");
    private final Preferences node;

    public PreferencesStore(Preferences node) {
        this.node = node;
    }

    /** The user's own node for the desktop app. */
    public static PreferencesStore forUser() {
        return new PreferencesStore(Preferences.userRoot().node("dev/parley/app"));
    }

    @Override
    public String get(String key, String fallback) {
        return node.get(key, fallback);
    }

    @Override
    public java.util.Set<String> keys() {
        try {
            return java.util.Set.of(node.keys());
        } catch (BackingStoreException e) {
            LOG.log(System.Logger.Level.DEBUG, "cannot read settings: {0}", e.getMessage());
            return java.util.Set.of();
        }
    }

    @Override
    public void put(String key, String value) {
        if (value == null) {
            node.remove(key);
        } else {
            node.put(key, value);
        }
        try {
            node.flush();
        } catch (BackingStoreException e) {
            // Losing a remembered choice is not worth interrupting the person for.
            LOG.log(System.Logger.Level.DEBUG, "cannot save settings: {0}", e.getMessage());
        }
    }
}
