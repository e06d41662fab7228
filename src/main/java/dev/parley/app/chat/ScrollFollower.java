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

import java.util.function.IntSupplier;

/**
 * Keeps the chat pinned to its newest row while the person is at the bottom, and moves the list's
 * {@link RowWindow} as they scroll. Once they scroll up, new rows leave the view where it is and are
 * counted for the "↓ N new" button instead.
 *
 * <p>Only the person moves the view away from the bottom: after they scroll, drag or use keys, the
 * next layout decides whether they are still at the bottom. While following, every layout that
 * leaves the newest row short of the bottom pulls it fully into view, for as long as it takes
 * (rows grow after they are first measured, and {@code VirtualFlow} corrects its estimated
 * heights as it goes), until the person scrolls away.
 *
 * <p>When the person comes near the top of the window, older rows are paged in above without
 * moving what they see; near its bottom, newer rows are paged in below; and the side they scrolled
 * away from is trimmed again, so the list never holds much more than {@link RowWindow#SIZE} rows.
 */
final class ScrollFollower {
    /** Rows from an edge of the window at which the next page is brought in. */
    static final int EDGE = 60;
    /** How far the window may grow past its size before it is trimmed. */
    private static final int SLACK = RowWindow.PAGE / 2;
    /** Layouts in a row that may fail to reach the bottom before following waits for the next change. */
    private static final int MAX_SETTLE = 30;
    /** Rows missing below the view up to which following scrolls by pixels rather than jumping. */
    private static final int MAX_MISSING = 8;

    private final ListView<ChatItem> list;
    private final RowWindow window;
    private final ReadOnlyIntegerWrapper unseen = new ReadOnlyIntegerWrapper();
    private final Runnable afterLayout = this::afterLayout;
    private boolean follow = true;
    /** Asked for older history when the person reaches the chat's first row; may be {@code null}. */
    private Runnable topReached;
    private boolean personMoved;
    private boolean pinPending = true;
    private int settleTries;
    /** Where the rows stood before the last settle, to notice one that changed nothing. */
    private String lastSettled;

    ScrollFollower(ListView<ChatItem> list, RowWindow window) {
        this.list = list;
        this.window = window;
        window.source().addListener(this::onSource);
        window.rows().addListener(this::onRows);
        window.followNewest(true);
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
        setFollow(true);
        personMoved = false;
        unseen.set(0);
        window.showNewest();
        requestPin();
    }

    /** What to do when the person scrolls up to the chat's first row (page in older history). */
    void onTopReached(Runnable then) {
        topReached = then;
    }

    /**
     * Shows the chat's row {@code index} (a search hit): stops following, moves the window there and
     * scrolls it into view, focused.
     */
    void show(int index) {
        setFollow(false);
        personMoved = false;
        int at = window.showAround(index);
        list.scrollTo(Math.max(0, at - 2));
        list.getFocusModel().focus(at);
    }

    /** The person moved the view by other means than the list's own keys, wheel or mouse (the composer's keys). */
    void personScrolled() {
        moved(null);
    }

    private void setFollow(boolean on) {
        follow = on;
        window.followNewest(on);
    }

    private void moved(Event e) {
        personMoved = true;
        settleTries = 0;
        lastSettled = null;
    }

    private void onSource(ListChangeListener.Change<? extends ChatItem> change) {
        if (follow) {
            return;
        }
        // Older rows may have come in above the window: the next layout pages them in if the person is near.
        list.requestLayout();
        int added = 0;
        while (change.next()) {
            // Only rows arriving at the newest end are news; older history put in above is not.
            if (change.wasAdded() && !change.wasReplaced() && change.getTo() == window.source().size()) {
                for (ChatItem item : change.getAddedSubList()) {
                    if (item instanceof ChatItem.Message m && !m.outgoing()) {
                        added++;
                    }
                }
            }
        }
        unseen.set(unseen.get() + added);
    }

    private void onRows(ListChangeListener.Change<? extends ChatItem> change) {
        settleTries = 0;
        lastSettled = null;
        if (!follow) {
            return;
        }
        boolean removed = false;
        while (change.next()) {
            removed |= change.getRemovedSize() > 0 && change.getRemovedSize() != change.getAddedSize();
        }
        if (removed && flow() instanceof VirtualFlow<?> flow) {
            // Rows left the top. VirtualFlow keeps the top row's number, not the row, when the count
            // changes, so near the end that number may now be past the last row: it would lay out
            // one row above empty space. From the top it lays out whole rows; the pin follows.
            flow.setPosition(0);
        }
        requestPin();
    }

    /**
     * Pins after the next layout pass. Not here and now: the list's skin hears of a change after
     * this class does, and a scroll before it has aims past the row count it knows; and not before
     * the layout pass either, when the new rows have no CSS yet and measure wrong. Either way
     * {@code VirtualFlow} laid the end out from wrong heights, one row above empty space, and
     * logged "index exceeds maxCellCount".
     */
    private void requestPin() {
        pinPending = true;
        list.requestLayout();
    }

    private void afterLayout() {
        VirtualFlow<?> flow = flow();
        if (flow == null) {
            return;
        }
        if (pinPending && follow) {
            pinPending = false;
            int n = window.rows().size();
            if (n > 0) {
                // Now that the layout pass has taken in the new row count and styled the new rows:
                // to the end, at the next pulse.
                list.scrollTo(n - 1);
                return;
            }
        }
        if (flow.getLastVisibleCell() == null) {
            return;
        }
        if (personMoved) {
            personMoved = false;
            setFollow(atBottom(flow));
            if (follow) {
                unseen.set(0);
            }
        }
        if (follow) {
            if (!atBottom(flow)) {
                IndexedCell<?> last = flow.getLastVisibleCell();
                String state = last.getIndex() + "/" + window.rows().size() + "@"
                        + Math.round(last.getBoundsInParent().getMaxY());
                // Settle again while that moves things; if the layout after a settle put the rows back
                // exactly where they were before it, VirtualFlow and its height estimates disagree
                // with the rows (it lays them out over empty space, and says so in the log): wait for
                // the next change rather than fight it at every pulse.
                if (!state.equals(lastSettled) && settleTries++ < MAX_SETTLE) {
                    lastSettled = state;
                    settle(flow);
                }
                return;
            }
            settleTries = 0;
            lastSettled = null;
            if (window.excess() > SLACK) {
                keepingView(flow, () -> -window.trimStart(window.excess()));
            } else if (flow.getFirstVisibleCell() != null && flow.getFirstVisibleCell().getIndex() == 0) {
                // Every row fits on screen: show older ones, or ask for them, without waiting for a scroll.
                if (!window.atStart()) {
                    window.pageOlder();
                    requestPin();
                } else if (topReached != null) {
                    topReached.run();
                }
            }
            return;
        }
        page(flow);
    }

    /** Brings the newest row fully into view, at the bottom. */
    private void settle(VirtualFlow<?> flow) {
        int n = window.rows().size();
        IndexedCell<?> last = flow.getLastVisibleCell();
        int missing = n - 1 - last.getIndex();
        if (missing > MAX_MISSING) {
            // Far from the end (a burst arrived): let the flow place the end, it measures the rows there.
            list.scrollTo(n - 1);
            return;
        }
        // Near the end, scroll by pixels: placing the end again would land where the flow's short
        // estimate of the total height put it before, one row short. Scroll by what sticks out
        // below plus the height of each row not laid out yet.
        double step = Math.max(0, last.getBoundsInParent().getMaxY() - flow.getHeight());
        for (int i = last.getIndex() + 1; i < n; i++) {
            step += flow.getCell(i).getLayoutBounds().getHeight();
        }
        if (step <= 0) {
            return;
        }
        if (flow.scrollPixels(step) == 0) {
            // The flow believes it is at its end already (position 1 on a short estimate), so it
            // does not scroll on: step back a pixel, which it allows, then forward by the rest.
            flow.scrollPixels(-1);
            flow.scrollPixels(step + 1);
        }
    }

    /** Pages the window at whichever edge the person has come near, and trims the far side. */
    private void page(VirtualFlow<?> flow) {
        int n = window.rows().size();
        int first = flow.getFirstVisibleCell().getIndex();
        int last = flow.getLastVisibleCell().getIndex();
        if (first < EDGE && !window.atStart()) {
            keepingView(flow, window::pageOlder);
        } else if (first < EDGE && topReached != null) {
            topReached.run();
        } else if (last >= n - EDGE && !window.atEnd()) {
            // Rows added below leave the ones on screen where they are.
            window.pageNewer();
        } else if (window.excess() > SLACK) {
            int above = first;
            int below = n - 1 - last;
            if (below >= above) {
                window.trimEnd(Math.min(window.excess(), below - RowWindow.PAGE));
            } else {
                int count = Math.min(window.excess(), above - RowWindow.PAGE);
                keepingView(flow, () -> -window.trimStart(count));
            }
        }
    }

    /**
     * Runs a change that adds (positive) or removes (negative) rows above the view and returns how
     * many, then puts the rows that were on screen back where they were. {@code VirtualFlow} keeps
     * row numbers in place when the count changes, not rows.
     */
    private void keepingView(VirtualFlow<?> flow, IntSupplier change) {
        IndexedCell<?> first = flow.getFirstVisibleCell();
        int index = first.getIndex();
        double y = first.getLayoutY();
        int shift = change.getAsInt();
        if (shift == 0) {
            return;
        }
        int target = Math.max(0, Math.min(index + shift, window.rows().size() - 1));
        // Through the list, so that its skin takes in the new row count before the flow scrolls.
        list.scrollTo(target);
        flow.layout();
        if (flow.getVisibleCell(target) instanceof IndexedCell<?> cell) {
            double off = cell.getLayoutY() - y;
            if (off != 0) {
                flow.scrollPixels(off);
            }
        }
    }

    private boolean atBottom(VirtualFlow<?> flow) {
        int n = window.rows().size();
        if (n == 0) {
            return true;
        }
        if (!window.atEnd()) {
            return false;
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
