package dev.parley.app.chat;

import dev.parley.app.settings.Settings;
import javafx.scene.control.ListView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;

/**
 * The chat window's shape at any width: the conversation as a readable column of at most
 * {@link #COLUMN} pixels, centred (a 130-character line is hard to read, as Telegram and Element
 * know), and the side panel, which the person shows or hides with a toggle in the header.
 *
 * <p>On a window of at least {@link #NARROW} pixels the panel follows the person's remembered choice
 * (shown until they hide it). Below that it starts hidden, since it would take a third of the
 * window; the toggle still shows it, for as long as the window stays narrow. FX thread only.
 */
final class ChatLayout {
    /** Widest the conversation column gets. */
    static final double COLUMN = 780;
    /** Windows narrower than this start with the side panel hidden. */
    static final double NARROW = 800;

    private final Region root;
    private final Region sidePanel;
    private final ToggleButton toggle;
    private final Settings settings;
    private final Tooltip tip = new Tooltip();
    private final ChatFormats formats;
    private boolean narrowShown;
    private boolean applying;

    ChatLayout(Region root, StackPane conversation, ListView<ChatItem> list, Region[] column, Region sidePanel,
               ToggleButton toggle, Settings settings, ChatFormats formats) {
        this.root = root;
        this.sidePanel = sidePanel;
        this.toggle = toggle;
        this.settings = settings;
        this.formats = formats;
        list.setMaxWidth(COLUMN);
        for (Region r : column) {
            r.setMaxWidth(COLUMN);
        }
        // The margins beside the column scroll the conversation too.
        conversation.addEventHandler(ScrollEvent.SCROLL, e -> {
            if (e.getTarget() == conversation && list.lookup(".virtual-flow") instanceof VirtualFlow<?> flow) {
                e.consume();
                flow.fireEvent(e.copyFor(flow, flow));
            }
        });
        toggle.setTooltip(tip);
        toggle.selectedProperty().addListener((obs, old, shown) -> {
            if (!applying) {
                chosen(shown);
            }
        });
        root.widthProperty().addListener((obs, old, width) -> {
            if (wide(old.doubleValue()) != wide(width.doubleValue())) {
                narrowShown = false;
                apply();
            }
        });
        apply();
    }

    /** Shows or hides the panel as the person asked, remembering it for wide windows. */
    void chosen(boolean shown) {
        if (wide(root.getWidth())) {
            settings.sidePanel(shown);
        } else {
            narrowShown = shown;
        }
        apply();
    }

    private boolean wide(double width) {
        // Before the first layout the root has no width yet: take it as wide, the usual case.
        return width <= 0 || width >= NARROW;
    }

    private void apply() {
        boolean shown = wide(root.getWidth()) ? settings.sidePanel().orElse(true) : narrowShown;
        sidePanel.setVisible(shown);
        sidePanel.setManaged(shown);
        applying = true;
        toggle.setSelected(shown);
        applying = false;
        tip.setText(formats.text(shown ? "chat.panel.hide" : "chat.panel.show"));
    }
}
