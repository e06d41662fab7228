package dev.parley.app.emoji;

import javafx.application.Platform;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.CustomMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code :shortcode:} completion in the composer: after a colon and two or more letters of a
 * short name ({@code :smi}) a list of matching emoji opens under the caret; Up and Down choose,
 * Enter or Tab replace the {@code :smi} with the emoji, Esc dismisses. A complete {@code :smile:}
 * is replaced as soon as its closing colon is typed. FX thread only.
 */
public final class ShortcodeCompletion {
    static final int SHOWN = 8;
    /** A colon at the start or after a space, then the name typed so far, up to the caret. */
    private static final Pattern TYPED = Pattern.compile("(?:^|[\\s(])(:([a-z0-9_+\\-]{2,})(:?))$");

    private final TextArea area;
    private final EmojiData data;
    private final EmojiImages images;
    private final ContextMenu menu = new ContextMenu();
    private List<EmojiData.Emoji> offered = List.of();
    private int selected;
    private int start;
    private boolean dismissed;

    /**
     * @param keys a parent of {@code area}: its key filter runs before the area's own, so Enter and
     *             Tab pick a completion instead of sending the message or moving focus
     */
    public ShortcodeCompletion(TextArea area, Node keys, EmojiData data, EmojiImages images) {
        this.area = area;
        this.data = data;
        this.images = images;
        menu.getStyleClass().add("shortcodes");
        menu.setAutoHide(true);
        area.textProperty().addListener((obs, old, now) -> {
            dismissed = false;
            update();
        });
        area.caretPositionProperty().addListener((obs, old, now) -> update());
        area.focusedProperty().addListener((obs, old, focused) -> {
            if (!focused) {
                menu.hide();
            }
        });
        keys.addEventFilter(KeyEvent.KEY_PRESSED, this::key);
    }

    /** The emoji offered now, best first; empty when the list is closed. */
    public List<EmojiData.Emoji> offered() {
        return menu.isShowing() ? offered : List.of();
    }

    private void update() {
        String before = area.getText().substring(0, Math.min(area.getCaretPosition(), area.getLength()));
        Matcher m = TYPED.matcher(before);
        if (dismissed || !m.find()) {
            menu.hide();
            return;
        }
        start = m.start(1);
        List<EmojiData.Emoji> found = data.search(m.group(2), SHOWN);
        if (!m.group(3).isEmpty()) {
            // ":smile:" typed out: replace it by the emoji with exactly that name. Later, not inside
            // the text change that called us: a TextArea mid-edit must not be edited again.
            menu.hide();
            found.stream().filter(e -> e.names().contains(m.group(2))).findFirst()
                    .ifPresent(e -> Platform.runLater(() -> pick(e)));
            return;
        }
        if (found.isEmpty()) {
            menu.hide();
            return;
        }
        offered = found;
        selected = 0;
        render();
        if (!menu.isShowing()) {
            Bounds caret = area.localToScreen(area.getBoundsInLocal());
            menu.show(area, caret.getMinX() + 12, caret.getMinY() - 8 - SHOWN * 28.0);
        }
    }

    private void render() {
        menu.getItems().clear();
        for (int i = 0; i < offered.size(); i++) {
            EmojiData.Emoji e = offered.get(i);
            Label name = new Label(":" + e.names().getFirst() + ":");
            HBox row = new HBox(8, images.view(e.sequence(), 20), name);
            row.getStyleClass().add("shortcode-row");
            CustomMenuItem item = new CustomMenuItem(row, true);
            if (i == selected) {
                item.getStyleClass().add("chosen");
                row.getStyleClass().add("chosen");
            }
            item.setOnAction(a -> pick(e));
            menu.getItems().add(item);
        }
    }

    private void key(KeyEvent e) {
        if (!menu.isShowing() || e.getTarget() != area) {
            return;
        }
        switch (e.getCode()) {
            case DOWN -> selected = (selected + 1) % offered.size();
            case UP -> selected = (selected + offered.size() - 1) % offered.size();
            case ENTER, TAB -> pick(offered.get(selected));
            case ESCAPE -> {
                dismissed = true;
                menu.hide();
            }
            default -> {
                return;
            }
        }
        if (menu.isShowing()) {
            render();
        }
        e.consume();
    }

    private void pick(EmojiData.Emoji emoji) {
        menu.hide();
        int end = area.getCaretPosition();
        if (start > end || end > area.getLength()) {
            return;
        }
        area.replaceText(start, end, emoji.sequence());
        area.positionCaret(start + emoji.sequence().length());
    }
}
