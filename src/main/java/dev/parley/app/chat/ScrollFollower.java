package dev.parley.app.chat;

import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.collections.ListChangeListener;
import javafx.scene.Scene;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.ListView;
import javafx.scene.control.skin.VirtualFlow;

/**
 * Keeps the chat pinned to its newest row while the person is at the bottom. Once they scroll up,
 * new rows leave the view where it is and are counted for the "↓ N new" button instead. Whether the
 * person is at the bottom is read after each layout pulse, when the cells show what is on screen.
 */
final class ScrollFollower {
    private final ListView<ChatItem> list;
    private final ReadOnlyIntegerWrapper unseen = new ReadOnlyIntegerWrapper();
    private final Runnable afterLayout = this::afterLayout;
    private boolean follow = true;
    private boolean autoScrolled;

    ScrollFollower(ListView<ChatItem> list) {
        this.list = list;
        list.getItems().addListener(this::onChange);
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

    boolean following() {
        return follow;
    }

    /** Jumps to the newest row and follows again. */
    void toBottom() {
        follow = true;
        unseen.set(0);
        scrollToEnd();
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
        if (follow) {
            scrollToEnd();
        } else {
            unseen.set(unseen.get() + added);
        }
    }

    private void scrollToEnd() {
        int n = list.getItems().size();
        if (n > 0) {
            autoScrolled = true;
            list.scrollTo(n - 1);
        }
    }

    private void afterLayout() {
        if (autoScrolled) {
            // Our own jump: the next layout decides again, once the person can have moved.
            autoScrolled = false;
            return;
        }
        boolean atBottom = atBottom();
        if (atBottom != follow) {
            follow = atBottom;
        }
        if (follow && unseen.get() > 0) {
            unseen.set(0);
        }
    }

    private boolean atBottom() {
        int n = list.getItems().size();
        if (n == 0 || !(list.lookup(".virtual-flow") instanceof VirtualFlow<?> flow)) {
            return true;
        }
        IndexedCell<?> last = flow.getLastVisibleCell();
        if (last == null) {
            return true;
        }
        return last.getIndex() >= n - 1
                && last.getBoundsInParent().getMaxY() <= flow.getHeight() + 1.0;
    }
}
