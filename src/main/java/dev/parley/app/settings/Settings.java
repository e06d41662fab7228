package dev.parley.app.settings;

import dev.parley.protocol.Limits;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The choices Parley remembers between runs, typed on top of a {@link SettingsStore}. */
public final class Settings {
    private static final int RECENT_HOSTS = 6;
    private static final String SEPARATOR = "\n";

    /** Which card the start screen opens with. */
    public enum Mode { HOST, JOIN }

    /** Which palette the windows use. */
    public enum ThemeChoice { SYSTEM, LIGHT, DARK }

    /** Where and how big the window was. */
    public record Geometry(double x, double y, double width, double height) {
    }

    private final SettingsStore store;

    public Settings(SettingsStore store) {
        this.store = store;
    }

    /** Saves what this app changed, for the next start (see {@link SnapshotStore}). */
    public void save() {
        store.commit();
    }

    public Mode mode() {
        return parse(Mode.class, store.get("mode", null), Mode.HOST);
    }

    public void mode(Mode mode) {
        store.put("mode", mode.name());
    }

    public Optional<String> name() {
        return Optional.ofNullable(store.get("name", null));
    }

    public void name(String name) {
        store.put("name", name);
    }

    public Optional<String> room() {
        return Optional.ofNullable(store.get("room", null));
    }

    public void room(String room) {
        store.put("room", room);
    }

    public int port() {
        try {
            return Integer.parseInt(store.get("port", String.valueOf(Limits.DEFAULT_PORT)));
        } catch (NumberFormatException e) {
            return Limits.DEFAULT_PORT;
        }
    }

    public void port(int port) {
        store.put("port", String.valueOf(port));
    }

    /** Whether a hosted room is announced on the local network (discovery); on unless turned off. */
    public boolean announce() {
        return !"false".equals(store.get("announce", "true"));
    }

    public void announce(boolean on) {
        store.put("announce", String.valueOf(on));
    }

    /** Hosts joined lately, newest first. */
    public List<String> recentHosts() {
        String joined = store.get("recentHosts", "");
        return joined.isBlank() ? List.of() : Arrays.stream(joined.split(SEPARATOR)).filter(s -> !s.isBlank()).toList();
    }

    /** Puts {@code address} first among the recent hosts. */
    public void rememberHost(String address) {
        var hosts = new ArrayList<>(recentHosts());
        hosts.removeIf(h -> h.equalsIgnoreCase(address));
        hosts.addFirst(address);
        store.put("recentHosts", String.join(SEPARATOR, hosts.subList(0, Math.min(RECENT_HOSTS, hosts.size()))));
    }

    public ThemeChoice theme() {
        return parse(ThemeChoice.class, store.get("theme", null), ThemeChoice.SYSTEM);
    }

    public void theme(ThemeChoice choice) {
        store.put("theme", choice.name());
    }

    public Optional<Geometry> geometry() {
        String[] parts = store.get("window", "").split(",");
        if (parts.length != 4) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Geometry(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]),
                    Double.parseDouble(parts[2]), Double.parseDouble(parts[3])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    public void geometry(Geometry g) {
        store.put("window", g.x() + "," + g.y() + "," + g.width() + "," + g.height());
    }

    // ---- The chat window's choices (issue 12) ----

    /** Whether the person wants the chat's side panel on wide windows; empty until they toggled it. */
    public Optional<Boolean> sidePanel() {
        return Optional.ofNullable(store.get("chat.sidePanel", null)).map(Boolean::parseBoolean);
    }

    public void sidePanel(boolean shown) {
        store.put("chat.sidePanel", String.valueOf(shown));
    }

    /** Whether new messages in a background window raise a desktop notification; on by default. */
    public boolean notifications() {
        return Boolean.parseBoolean(store.get("chat.notifications", "true"));
    }

    public void notifications(boolean on) {
        store.put("chat.notifications", String.valueOf(on));
    }

    /** Whether those notifications may play a sound; on by default. */
    public boolean notificationSound() {
        return Boolean.parseBoolean(store.get("chat.notificationSound", "true"));
    }

    public void notificationSound(boolean on) {
        store.put("chat.notificationSound", String.valueOf(on));
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, E fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }
}
