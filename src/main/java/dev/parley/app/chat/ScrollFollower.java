package dev.parley.app.chat;

import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.collections.ListChangeListener;
import javafx.event.Event;
import javafx.scene.Scene;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.ListView;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;

/**
 * Keeps the chat pinned to its newest row while the person is at the bottom. Once they scroll up,
 * new rows leave the view where it is and are counted for the "↓ N new" button instead.
 *
 * <p>Only the person moves the view away from the bottom: after they scroll, drag or use keys, the
 * next layout decides whether they are still at the bottom. While following, each layout pulls the
 * last row fully into view, which also corrects for rows that grew after they were first measured.
 */
final class ScrollFollower {
    /** Re-pinning attempts in a row before giving up until something changes; stops layout loops. */
    private static final int MAX_PIN_TRIES = 4;

    private final ListView<ChatItem> list;
    private final ReadOnlyIntegerWrapper unseen = new ReadOnlyIntegerWrapper();
    private final Runnable afterLayout = this::afterLayout;
    private boolean follow = true;
    private boolean personMoved;
    private int pinTries;

    ScrollFollower(ListView<ChatItem> list) {
        this.list = list;
        list.getItems().addListener(this::onChange);
        list.addEventFilter(ScrollEvent.ANY, this::moved);
        list.addEventFilter(KeyEvent.KEY_PRESSED, this::moved);
        list.addEventFilter(MouseEvent.MOUSE_DRAGGED, this::moved);
        list.addEventFilter(MouseEvent.MOUSE_PRESSED, this::moved);
        list.addEventFilter(MouseEvent.MOUSE_RELEASED, this::moved);
        list.sceneProperty().addListener((obs, old, scene) -> {
            if (old != null) {
                old.removePostLayoutPulseListener(afterLayout);
            }
            if (scene != null) {
                scene.addPostLayoutPulseListener(afterLayout);
            }
        });
        Scene scene = list.getScene();
        if (scene != null) {
            scene.addPostLayoutPulseListener(afterLayout);
        }
    }

    /** Messages from others that arrived below the view while the person was scrolled up. */
    ReadOnlyIntegerProperty unseenProperty() {
        return unseen.getReadOnlyProperty();
    }

    /** Jumps to the newest row and follows again. */
    void toBottom() {
        follow = true;
        personMoved = false;
        unseen.set(0);
        pinTries = 0;
        pin();
    }

    private void moved(Event e) {
        personMoved = true;
        pinTries = 0;
    }

    private void onChange(ListChangeListener.Change<? extends ChatItem> change) {
        int added = 0;
        while (change.next()) {
            if (change.wasAdded() && !change.wasReplaced()) {
                for (ChatItem item : change.getAddedSubList()) {
                    if (item instanceof ChatItem.Message m && !m.outgoing()) {
                        added++;
                    }
                }
            }
        }
        pinTries = 0;
        if (follow) {
            pin();
        } else {
            unseen.set(unseen.get() + added);
        }
    }

    private void afterLayout() {
        if (personMoved) {
            personMoved = false;
            follow = atBottom();
            if (follow) {
                unseen.set(0);
            }
            return;
        }
        if (follow && !atBottom() && pinTries < MAX_PIN_TRIES) {
            pinTries++;
            pin();
        }
    }

    /** Brings the last row fully into view. */
    private void pin() {
        int n = list.getItems().size();
        if (n == 0) {
            return;
        }
        if (flow() instanceof VirtualFlow<?> flow && flow.getLastVisibleCell() instanceof IndexedCell<?> last
                && last.getIndex() == n - 1) {
            double below = last.getBoundsInParent().getMaxY() - flow.getHeight();
            if (below > 0) {
                flow.scrollPixels(below);
            }
            return;
        }
        list.scrollTo(n - 1);
    }

    private boolean atBottom() {
        int n = list.getItems().size();
        if (n == 0 || !(flow() instanceof VirtualFlow<?> flow)) {
            return true;
        }
        IndexedCell<?> last = flow.getLastVisibleCell();
        if (last == null) {
            return true;
        }
        return last.getIndex() >= n - 1 && last.getBoundsInParent().getMaxY() <= flow.getHeight() + 1.0;
    }

    private VirtualFlow<?> flow() {
        return list.lookup(".virtual-flow") instanceof VirtualFlow<?> flow ? flow : null;
    }
}
