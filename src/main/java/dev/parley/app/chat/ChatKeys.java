package dev.parley.app.chat;

import dev.parley.app.chat.ChatItem.Message;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.TraversalDirection;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;

import java.util.function.Consumer;

/**
 * The chat window's keyboard: what each key does where, in one place. Installed once by the
 * controller on the chat's root, composer and message list. FX thread only.
 *
 * <ul>
 *   <li>Tab and Shift+Tab move focus out of the composer instead of typing a tab.</li>
 *   <li>Ctrl+W leaves the chat, Ctrl+Q quits; both ask a host with guests first (the window does).</li>
 *   <li>Ctrl+F opens the search panel (where the host can search its history).</li>
 *   <li>Page Up / Page Down scroll the conversation from the composer too; Alt+Up / Alt+Down put
 *       focus on the newest row and then move through the rows one at a time.</li>
 *   <li>In the list, Enter sends a failed message again and the menu key (or Shift+F10) opens the
 *       focused row's menu, as a right-click would.</li>
 *   <li>Esc in the list goes back to the composer. Esc in the composer is kept for clearing a reply
 *       once replies exist; menus and dialogs close on Esc by themselves.</li>
 *   <li>Up in an empty composer is kept for editing one's last message, once editing exists: it
 *       does nothing yet, so a later change will not take a key people already use.</li>
 * </ul>
 */
final class ChatKeys {
    static final KeyCombination LEAVE = new KeyCodeCombination(KeyCode.W, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination QUIT = new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination SEARCH = new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination OLDER = new KeyCodeCombination(KeyCode.UP, KeyCombination.ALT_DOWN);
    private static final KeyCombination MENU = new KeyCodeCombination(KeyCode.F10, KeyCombination.SHIFT_DOWN);
    private static final KeyCombination NEWER = new KeyCodeCombination(KeyCode.DOWN, KeyCombination.ALT_DOWN);
    /** Share of the list's height one Page Up / Page Down scrolls, leaving a little to keep one's place. */
    private static final double PAGE = 0.85;

    private final ListView<ChatItem> list;
    private final TextArea composer;
    private final Runnable scrolled;
    private final javafx.collections.ObservableList<ChatItem> rows;
    private boolean restorePending;

    /**
     * @param rows     what the list will show; set as its items after this is built
     * @param scrolled tells the scroll follower the person moved the view themselves
     * @param retry    sends a failed message again (Enter on it in the list)
     * @param search   what Ctrl+F does; {@code null} until the chat has search, and then the key does nothing
     */
    ChatKeys(Node root, ListView<ChatItem> list, javafx.collections.ObservableList<ChatItem> rows, TextArea composer,
             Runnable scrolled, Consumer<Message> retry, Runnable leave, Runnable quit, Runnable search) {
        this.list = list;
        this.rows = rows;
        this.composer = composer;
        this.scrolled = scrolled;
        root.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (LEAVE.match(e)) {
                e.consume();
                leave.run();
            } else if (QUIT.match(e)) {
                e.consume();
                quit.run();
            } else if (search != null && SEARCH.match(e)) {
                e.consume();
                search.run();
            } else if (OLDER.match(e) || NEWER.match(e)) {
                e.consume();
                step(OLDER.match(e) ? -1 : 1);
            }
        });
        composer.addEventFilter(KeyEvent.KEY_PRESSED, this::composerKey);
        keepFocusedRowThroughChanges();
        list.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                e.consume();
                composer.requestFocus();
            } else if (MENU.match(e) || e.getCode() == KeyCode.CONTEXT_MENU) {
                // Not every platform turns these keys into a menu request (the headless one does not).
                e.consume();
                openRowMenu();
            } else if (e.getCode() == KeyCode.ENTER && focusedItem() instanceof Message m
                    && m.delivery() == ChatItem.Delivery.FAILED) {
                e.consume();
                retry.accept(m);
            }
        });
        // The menu key and Shift+F10 ask the list (the focus owner) for a menu: hand that to the focused row.
        list.addEventHandler(ContextMenuEvent.CONTEXT_MENU_REQUESTED, e -> {
            if (e.isKeyboardTrigger() && e.getTarget() == list) {
                e.consume();
                openRowMenu();
            }
        });
        // Arriving on the list, the focused row must be one the person can see: the newest one on screen
        // unless the row focused before is still in view (a list starts with its first row focused).
        list.focusedProperty().addListener((obs, old, focused) -> {
            int at = list.getFocusModel().getFocusedIndex();
            if (focused && flow() instanceof VirtualFlow<?> flow && flow.getLastVisibleCell() != null
                    && (at < 0 || flow.getVisibleCell(at) == null)) {
                list.getFocusModel().focus(flow.getLastVisibleCell().getIndex());
            }
        });
    }

    private void composerKey(KeyEvent e) {
        switch (e.getCode()) {
            case TAB -> {
                if (!e.isControlDown() && !e.isAltDown() && !e.isMetaDown()) {
                    e.consume();
                    composer.requestFocusTraversal(e.isShiftDown() ? TraversalDirection.PREVIOUS : TraversalDirection.NEXT);
                }
            }
            case PAGE_UP, PAGE_DOWN -> {
                e.consume();
                page(e.getCode() == KeyCode.PAGE_UP ? -1 : 1);
            }
            default -> {
                // Everything else types as usual, Up and Esc included (see the class comment).
            }
        }
    }

    /** Scrolls the conversation by most of a page, up ({@code -1}) or down. */
    private void page(int direction) {
        if (flow() instanceof VirtualFlow<?> flow) {
            scrolled.run();
            flow.scrollPixels(direction * flow.getHeight() * PAGE);
        }
    }

    /**
     * A row replaced in place (delivered, failed, retried) makes the list drop its focus and then
     * focus the first row: put it back on the same row once the list is done with the change. The
     * row is noted before the list reacts (this listener is added before the list has the rows).
     */
    private void keepFocusedRowThroughChanges() {
        rows.addListener((ListChangeListener<ChatItem>) c -> {
            ChatItem focused = focusedItem();
            if (focused == null || restorePending) {
                return;
            }
            restorePending = true;
            String key = focused.key();
            Platform.runLater(() -> {
                restorePending = false;
                ChatItem now = focusedItem();
                if (now != null && key.equals(now.key())) {
                    return;
                }
                for (int i = list.getItems().size() - 1; i >= 0; i--) {
                    if (key.equals(list.getItems().get(i).key())) {
                        list.getFocusModel().focus(i);
                        return;
                    }
                }
            });
        });
    }

    /** Opens the focused row's menu, as a right-click on it would. */
    private void openRowMenu() {
        if (focusedCell() instanceof Node cell) {
            Bounds b = cell.localToScreen(cell.getBoundsInLocal());
            cell.fireEvent(new ContextMenuEvent(ContextMenuEvent.CONTEXT_MENU_REQUESTED, 24, b.getHeight() / 2,
                    b.getMinX() + 24, b.getMinY() + b.getHeight() / 2, true, null));
        }
    }

    private VirtualFlow<?> flow() {
        return list.lookup(".virtual-flow") instanceof VirtualFlow<?> flow ? flow : null;
    }

    private ChatItem focusedItem() {
        return list.getFocusModel().getFocusedItem();
    }

    private IndexedCell<?> focusedCell() {
        int at = list.getFocusModel().getFocusedIndex();
        return flow() instanceof VirtualFlow<?> flow && at >= 0 ? flow.getVisibleCell(at) : null;
    }

    /** Moves the list's focused row by one and puts keyboard focus on the list. */
    private void step(int by) {
        int n = list.getItems().size();
        if (n == 0) {
            return;
        }
        // Coming from elsewhere (the composer), start at the newest row; in the list, move by one.
        int at = list.getFocusModel().getFocusedIndex();
        int next = !list.isFocused() || at < 0 ? n - 1 : Math.max(0, Math.min(n - 1, at + by));
        scrolled.run();
        list.requestFocus();
        list.getFocusModel().focus(next);
        if (flow() instanceof VirtualFlow<?> flow) {
            // The least scrolling that shows the whole row, rather than putting it at the top.
            flow.scrollTo(next);
        }
    }
}
