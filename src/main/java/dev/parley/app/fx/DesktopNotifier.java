package dev.parley.app.fx;

import dev.parley.app.chat.Notifier;
import javafx.geometry.Pos;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;

import java.util.function.BooleanSupplier;

/** Desktop notifications through ControlsFX, owned by the chat window. */
public final class DesktopNotifier implements Notifier {
    private static final System.Logger LOG = System.getLogger("dev.parley.app");
    private final Window owner;
    private final BooleanSupplier dark;

    /** @param dark whether the app shows its dark palette, so the popup matches it */
    public DesktopNotifier(Window owner, BooleanSupplier dark) {
        this.owner = owner;
        this.dark = dark;
    }

    @Override
    public void newMessages(String title, String text) {
        // ControlsFX throws when no window is showing (controlsfx#1213).
        if (owner == null || !owner.isShowing()) {
            return;
        }
        try {
            Notifications notification = Notifications.create().owner(owner).title(title).text(abbreviate(text))
                    .position(Pos.BOTTOM_RIGHT).hideAfter(Duration.seconds(6));
            if (dark.getAsBoolean()) {
                notification = notification.darkStyle();
            }
            notification.show();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "cannot show a notification: {0}", e.toString());
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 140 ? text : text.substring(0, 139) + "…";
    }
}
