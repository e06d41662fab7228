package dev.parley.app.notify;

import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Linux (and other freedesktop systems): notifications through the desktop's notification service,
 * {@code org.freedesktop.Notifications} on the session bus, with dbus-java over the JDK's unix
 * sockets. Each notification carries a default action, so clicking it sends {@code ActionInvoked},
 * which runs that notification's click action.
 *
 * <p>The bus is reached on first use, on this class's own thread, and every call happens there:
 * the FX thread never waits on it. Without a session bus or a notification service, the first
 * attempt logs one line and later notifications are dropped.
 */
public final class FreedesktopNotifier implements SystemNotifier {
    private static final System.Logger LOG = System.getLogger("dev.parley.app");
    /**
     * dbus-java says at INFO which transport it picked on every connect: not news for a person
     * reading the console. Held here so the level sticks (java.util.logging keeps loggers weakly).
     */
    private static final java.util.logging.Logger DBUS_LOG = java.util.logging.Logger.getLogger("org.freedesktop.dbus");

    static {
        DBUS_LOG.setLevel(java.util.logging.Level.WARNING);
    }
    /** What the desktop shows as the sender and uses to find the app's icon and .desktop file. */
    static final String APP_NAME = "Parley";
    static final String DESKTOP_ENTRY = "dev.parley.Parley";

    private final String address;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("parley-notifications").daemon(true).factory());
    private final Map<Long, Runnable> clicks = new ConcurrentHashMap<>();
    private DBusConnection bus;
    private Notifications service;
    private boolean unavailable;
    private int refusals;

    /** @param address a D-Bus address, or {@code null} for the session bus of this login */
    public FreedesktopNotifier(String address) {
        this.address = address;
    }

    @Override
    public void show(String title, String text, boolean sound, Runnable clicked) {
        thread.execute(() -> {
            if (!connected()) {
                return;
            }
            Map<String, Variant<?>> hints = new HashMap<>();
            hints.put("desktop-entry", new Variant<>(DESKTOP_ENTRY));
            hints.put("category", new Variant<>("im.received"));
            if (sound) {
                hints.put("sound-name", new Variant<>("message-new-instant"));
            } else {
                hints.put("suppress-sound", new Variant<>(true));
            }
            try {
                UInt32 id = service.Notify(APP_NAME, new UInt32(0), DESKTOP_ENTRY, title, text,
                        List.of("default", title), hints, -1);
                clicks.put(id.longValue(), clicked);
            } catch (RuntimeException e) {
                // Said once; a desktop without a notification service would otherwise fill the log.
                LOG.log(refusals++ == 0 ? System.Logger.Level.INFO : System.Logger.Level.DEBUG,
                        "the desktop did not take a notification: {0}", e.toString());
            }
        });
    }

    private boolean connected() {
        if (service != null) {
            return true;
        }
        if (unavailable) {
            return false;
        }
        try {
            bus = (address == null ? DBusConnectionBuilder.forSessionBus() : DBusConnectionBuilder.forAddress(address))
                    .withShared(false).build();
            service = bus.getRemoteObject(Notifications.BUS_NAME, Notifications.PATH, Notifications.class);
            bus.addSigHandler(Notifications.ActionInvoked.class, signal -> {
                Runnable click = clicks.remove(signal.id().longValue());
                if (click != null && "default".equals(signal.actionKey())) {
                    click.run();
                }
            });
            return true;
        } catch (DBusException | RuntimeException e) {
            unavailable = true;
            LOG.log(System.Logger.Level.INFO, "desktop notifications are off: no session bus ({0})", e.getMessage());
            return false;
        }
    }

    @Override
    public void close() {
        thread.execute(() -> {
            if (bus != null) {
                bus.disconnect();
            }
            service = null;
            unavailable = true;
        });
        thread.shutdown();
    }
}
