package dev.parley.app.fx;

import dev.parley.app.chat.Notifier;
import dev.parley.app.notify.FreedesktopNotifier;
import dev.parley.app.notify.MacNotifier;
import dev.parley.app.notify.SystemNotifier;
import dev.parley.app.notify.TrayNotifier;
import dev.parley.app.settings.Settings;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.util.Locale;
import java.util.concurrent.Executor;

/**
 * The app's desktop notifications: drawn by the operating system (not inside the window), only if
 * the person left them on in the chat menu, with or without sound as they chose, and raising the
 * window they are about when clicked. One per app, closed when the app stops.
 */
public final class DesktopNotifier implements AutoCloseable {
    private final SystemNotifier system;
    private final Settings settings;
    private final Executor fx;

    /** @param fx runs work on the FX thread ({@code Platform::runLater}) */
    public DesktopNotifier(SystemNotifier system, Settings settings, Executor fx) {
        this.system = system;
        this.settings = settings;
        this.fx = fx;
    }

    /** What this operating system offers: the freedesktop service (Linux), osascript (macOS), the tray (Windows). */
    public static SystemNotifier forThisSystem() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.startsWith("mac")) {
            return new MacNotifier();
        }
        if (os.startsWith("windows")) {
            return new TrayNotifier(DesktopNotifier.class.getResource(AppIcons.LARGE));
        }
        return new FreedesktopNotifier(null);
    }

    /** The notifier of one window's chat. FX thread. */
    public Notifier forWindow(Window window) {
        return (title, text) -> {
            if (settings.notifications()) {
                system.show(title, abbreviate(text), settings.notificationSound(),
                        () -> fx.execute(() -> raise(window)));
            }
        };
    }

    private static void raise(Window window) {
        if (window instanceof Stage stage) {
            stage.setIconified(false);
            stage.toFront();
        }
        window.requestFocus();
    }

    private static String abbreviate(String text) {
        return text.codePointCount(0, text.length()) <= 200 ? text
                : text.substring(0, text.offsetByCodePoints(0, 199)) + "…";
    }

    @Override
    public void close() {
        system.close();
    }
}
