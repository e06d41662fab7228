package dev.parley.app.notify;

import java.awt.AWTException;
import java.awt.EventQueue;
import java.awt.SystemTray;
import java.awt.Toolkit;
import java.awt.TrayIcon;
import java.net.URL;

/**
 * Windows: a balloon from an icon in the notification area ({@code TrayIcon.displayMessage}), which
 * Windows 10 and 11 show as a toast; clicking it raises the window. The icon is added with the first
 * notification and removed on {@link #close()}. AWT calls run on AWT's event thread. Not tested on
 * this project's Linux build machine (whose runtime image leaves out AWT's native libraries);
 * kept this small on purpose.
 */
public final class TrayNotifier implements SystemNotifier {
    private static final System.Logger LOG = System.getLogger("dev.parley.app");
    private final URL icon;
    private TrayIcon trayIcon;
    private volatile Runnable lastClick = () -> { };

    public TrayNotifier(URL icon) {
        this.icon = icon;
    }

    @Override
    public void show(String title, String text, boolean sound, Runnable clicked) {
        lastClick = clicked;
        EventQueue.invokeLater(() -> {
            try {
                if (trayIcon == null) {
                    if (!SystemTray.isSupported()) {
                        return;
                    }
                    trayIcon = new TrayIcon(Toolkit.getDefaultToolkit().createImage(icon), "Parley");
                    trayIcon.setImageAutoSize(true);
                    trayIcon.addActionListener(e -> lastClick.run());
                    SystemTray.getSystemTray().add(trayIcon);
                }
                // Windows plays its own sound for a toast; NONE is the quietest type there is.
                trayIcon.displayMessage(title, text, sound ? TrayIcon.MessageType.INFO : TrayIcon.MessageType.NONE);
            } catch (AWTException | RuntimeException e) {
                LOG.log(System.Logger.Level.INFO, "the notification area is not available: {0}", e.toString());
            }
        });
    }

    @Override
    public void close() {
        EventQueue.invokeLater(() -> {
            if (trayIcon != null) {
                SystemTray.getSystemTray().remove(trayIcon);
                trayIcon = null;
            }
        });
    }
}
