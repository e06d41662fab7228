package dev.parley.app.emoji;

import javafx.scene.control.Button;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;

import java.util.ResourceBundle;

/** Gives the composer its emoji button (the picker) and {@code :shortcode:} completion. FX thread only. */
public final class EmojiComposer {
    private EmojiComposer() {
    }

    /**
     * @param composer the message field; emoji go in at its caret
     * @param button   the emoji button beside it (from the FXML), which opens and closes the picker
     */
    public static void attach(TextArea composer, Button button, ResourceBundle bundle) {
        EmojiData data = EmojiData.get();
        EmojiImages images = new EmojiImages(data);
        EmojiPicker picker = new EmojiPicker(data, images, bundle, emoji -> {
            composer.replaceSelection(emoji);
            composer.requestFocus();
        });
        button.setTooltip(new Tooltip(bundle.getString("emoji.button")));
        button.setOnAction(e -> picker.toggle(button));
        new ShortcodeCompletion(composer, composer.getParent(), data, images);
    }
}
