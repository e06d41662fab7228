package dev.parley.app.chat;

import dev.parley.app.chat.ChatItem.Day;
import dev.parley.app.chat.ChatItem.Message;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

import java.util.List;

/**
 * The stretch of a chat's rows that its list shows: the newest few thousand, with older rows paged
 * in as the person scrolls up and trimmed again when they return. JavaFX's {@code VirtualFlow}
 * walks its per-row height cache from row 0 on every scroll step, so a list of 100,000 rows cannot
 * scroll within a frame; a window of a few thousand can. The chat's rows themselves stay whole in
 * {@link ChatLog}; only the list's view of them is cut.
 *
 * <p>The window's edges fall between runs: its first row starts a run of messages (or is a day
 * separator or a system line, with the day separator kept above the row it belongs to), and its
 * last row ends one. So the row at either edge shows its name, avatar and day as it would in the
 * whole chat. While the window reaches the newest row, new rows are added to it as they arrive.
 * FX thread only.
 */
final class RowWindow {
    /** Rows the list holds when it is trimmed. */
    static final int SIZE = 3_000;
    /** Rows paged in at a time when the person reaches an edge of the window. */
    static final int PAGE = 1_000;
    /** How far the window may grow past {@link #SIZE} before it is trimmed. */
    static final int SLACK = PAGE / 2;
    /** How far an edge may move to fall between runs; a longer run is cut. */
    private static final int ALIGN_LIMIT = 500;

    private final ObservableList<ChatItem> source;
    private final ObservableList<ChatItem> rows = FXCollections.observableArrayList();
    private final int size;
    private final int page;
    private boolean followNewest;
    /** Source index of {@code rows[0]}; the window is {@code source[from, to)}. */
    private int from;
    private int to;

    RowWindow(ObservableList<ChatItem> source) {
        this(source, SIZE, PAGE);
    }

    RowWindow(ObservableList<ChatItem> source, int size, int page) {
        this.source = source;
        this.size = size;
        this.page = page;
        source.addListener(this::sourceChanged);
        showNewest();
    }

    /** What the list shows. */
    ObservableList<ChatItem> rows() {
        return rows;
    }

    /** Every row of the chat. */
    ObservableList<ChatItem> source() {
        return source;
    }

    /** Whether the window's first row is the chat's first. */
    boolean atStart() {
        return from == 0;
    }

    /** Whether the window's last row is the chat's newest. */
    boolean atEnd() {
        return to == source.size();
    }

    /**
     * While on (the person is at the bottom, following the chat), rows arriving at the newest end
     * push the oldest ones out of the window in the same change, so a burst never makes the list
     * hold more than the window's size and a little.
     */
    void followNewest(boolean on) {
        followNewest = on;
    }

    /** How many rows the window holds beyond {@link #SIZE}. */
    int excess() {
        return Math.max(0, rows.size() - size);
    }

    /** Shows the newest rows of the chat, as many as a trimmed window holds. */
    void showNewest() {
        int n = source.size();
        int start = alignStart(Math.max(0, n - size));
        if (to == n && start >= from) {
            // The window already holds the newest rows: keep them (the list keeps its cells).
            trimStart(start - from);
            return;
        }
        from = start;
        to = n;
        rows.setAll(source.subList(from, to));
    }

    /**
     * Shows a window around the chat's row {@code index} (a search hit) and returns where that row is
     * in {@link #rows()}.
     */
    int showAround(int index) {
        int n = source.size();
        int start = alignStart(Math.max(0, Math.min(index - size / 2, n - size)));
        int end = alignEnd(Math.min(n, start + size));
        from = start;
        to = end;
        rows.setAll(source.subList(from, to));
        return index - from;
    }

    /** Adds up to a page of older rows at the top; returns how many. */
    int pageOlder() {
        if (from == 0) {
            return 0;
        }
        int start = alignStart(Math.max(0, from - page));
        int added = from - start;
        rows.addAll(0, List.copyOf(source.subList(start, from)));
        from = start;
        return added;
    }

    /** Adds up to a page of newer rows at the bottom; returns how many. */
    int pageNewer() {
        int n = source.size();
        if (to == n) {
            return 0;
        }
        int end = alignEnd(Math.min(n, to + page));
        int added = end - to;
        rows.addAll(List.copyOf(source.subList(to, end)));
        to = end;
        return added;
    }

    /** Drops up to {@code count} rows from the top, fewer to start at a run; returns how many. */
    int trimStart(int count) {
        if (count <= 0) {
            return 0;
        }
        int start = alignStart(Math.min(from + count, to));
        int removed = start - from;
        if (removed <= 0) {
            return 0;
        }
        rows.remove(0, removed);
        from = start;
        return removed;
    }

    /** Drops up to {@code count} rows from the bottom, fewer to end after a run; returns how many. */
    int trimEnd(int count) {
        if (count <= 0) {
            return 0;
        }
        int end = alignEnd(Math.max(to - count, from));
        int removed = to - end;
        if (removed <= 0 || end <= from) {
            return 0;
        }
        rows.remove(rows.size() - removed, rows.size());
        to = end;
        return removed;
    }

    private void sourceChanged(ListChangeListener.Change<? extends ChatItem> change) {
        while (change.next()) {
            if (change.wasReplaced() && change.getAddedSize() == change.getRemovedSize()) {
                // A row changed in place (delivered, failed, a run grew): redraw it if it is shown.
                for (int i = Math.max(change.getFrom(), from); i < Math.min(change.getTo(), to); i++) {
                    rows.set(i - from, source.get(i));
                }
            } else if (change.wasAdded() && !change.wasRemoved() && change.getFrom() >= to) {
                if (change.getFrom() == to) {
                    // At the newest end: the window follows the chat.
                    to += change.getAddedSize();
                    if (followNewest && to - from > size + SLACK) {
                        int start = Math.max(from, alignStart(to - size));
                        if (start >= change.getFrom()) {
                            rows.setAll(source.subList(start, to));
                        } else {
                            if (start > from) {
                                rows.remove(0, start - from);
                            }
                            rows.addAll(change.getAddedSubList());
                        }
                        from = start;
                    } else {
                        rows.addAll(change.getAddedSubList());
                    }
                }
            } else if (change.wasAdded() && !change.wasRemoved() && change.getFrom() <= from) {
                // Older history put in above the window: it stays out of sight until the person
                // scrolls up to it (ScrollFollower pages it in without moving the view).
                from += change.getAddedSize();
                to += change.getAddedSize();
            } else if (change.wasAdded() && !change.wasRemoved() && change.getFrom() < to) {
                // A gap filled inside the window.
                rows.addAll(change.getFrom() - from, change.getAddedSubList());
                to += change.getAddedSize();
            } else if (change.wasRemoved() && !change.wasAdded() && removeShown(change.getFrom(),
                    change.getRemovedSize())) {
                // One's own message moved down on delivery (ChatLog.deliverOwn): taken out where it was.
                continue;
            } else {
                // ChatLog appends, replaces and moves a delivered message down; anything else starts
                // over at the newest rows.
                from = 0;
                to = 0;
                rows.clear();
                showNewest();
                return;
            }
        }
    }

    /** Follows {@code count} source rows removed at {@code at}; {@code false} if the window must start over. */
    private boolean removeShown(int at, int count) {
        if (at + count <= from) {
            from -= count;
            to -= count;
        } else if (at >= to) {
            return true;
        } else if (at >= from && at + count <= to) {
            rows.remove(at - from, at - from + count);
            to -= count;
        } else {
            return false;
        }
        return true;
    }

    /** The nearest index at or before {@code i} where a window may start. */
    private int alignStart(int i) {
        for (int k = i; k >= 0 && k > i - ALIGN_LIMIT; k--) {
            if (startsBlock(k)) {
                return k;
            }
        }
        return i;
    }

    /** The nearest index at or after {@code j} where a window may end (exclusive). */
    private int alignEnd(int j) {
        int n = source.size();
        for (int k = j; k <= n && k < j + ALIGN_LIMIT; k++) {
            if (endsBlock(k)) {
                return k;
            }
        }
        return j;
    }

    private boolean startsBlock(int i) {
        if (i <= 0 || i >= source.size()) {
            return true;
        }
        if (source.get(i - 1) instanceof Day) {
            return false;
        }
        return !(source.get(i) instanceof Message m) || m.runFirst();
    }

    private boolean endsBlock(int j) {
        if (j <= 0 || j >= source.size()) {
            return true;
        }
        ChatItem last = source.get(j - 1);
        return !(last instanceof Day) && (!(last instanceof Message m) || m.runLast());
    }
}
