package dev.parley.app.fx;

import dev.parley.app.chat.Notifier;
import javafx.geometry.Pos;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;

/** Desktop notifications through ControlsFX, owned by the chat window. */
public final class DesktopNotifier implements Notifier {
    private static final System.Logger LOG = System.getLogger("dev.parley.app");
    private final Window owner;

    public DesktopNotifier(Window owner) {
        this.owner = owner;
    }

    @Override
    public void newMessages(String title, String text) {
        // ControlsFX throws when no window is showing (controlsfx#1213).
        if (owner == null || !owner.isShowing()) {
            return;
        }
        try {
            Notifications.create().owner(owner).title(title).text(abbreviate(text))
                    .position(Pos.BOTTOM_RIGHT).hideAfter(Duration.seconds(6)).show();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "cannot show a notification: {0}", e.toString());
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 140 ? text : text.substring(0, 139) + "…";
    }
}
