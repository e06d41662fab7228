package dev.parley.app.chat;

import dev.parley.app.chat.ChatItem.Day;
import dev.parley.app.chat.ChatItem.Message;
import dev.parley.protocol.Limits;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The rows of one chat, with the rules that place them: a day separator before each new day, and
 * runs of messages from one person within {@link #RUN_GAP}. Rows appended during a batch are staged
 * and reach the observable list in one {@code addAll} on {@link #commit()}, so a burst of thousands
 * of messages costs the list one change. FX thread only.
 */
final class ChatLog {
    /** Longest pause between two messages that still belong to one run. */
    static final Duration RUN_GAP = Duration.ofMinutes(5);

    private final ObservableList<ChatItem> items = FXCollections.observableArrayList();
    private final ObservableList<ChatItem> readOnly = FXCollections.unmodifiableObservableList(items);
    private final List<ChatItem> staged = new ArrayList<>();
    private final ZoneId zone;
    private final java.util.concurrent.atomic.AtomicLong keys;
    /** The row that shows each room event (a run of joins and leaves shares one row). */
    private final java.util.Map<Long, String> keyBySeq = new java.util.HashMap<>();
    /** The row the latest run of joins and leaves is summed up in, and that run. */
    private String presenceKey;
    private List<PresenceSummary.Change> presenceRun = new ArrayList<>();

    ChatLog(ZoneId zone) {
        this(zone, new java.util.concurrent.atomic.AtomicLong());
    }

    private ChatLog(ZoneId zone, java.util.concurrent.atomic.AtomicLong keys) {
        this.zone = zone;
        this.keys = keys;
    }

    /**
     * A log of its own for building a stretch of older rows (with the same rules for days, runs and
     * presence) before {@link #insertOlder} puts them in; its keys never clash with this log's.
     */
    ChatLog stretch() {
        return new ChatLog(zone, keys);
    }

    ObservableList<ChatItem> items() {
        return readOnly;
    }

    String newKey() {
        return Long.toString(keys.incrementAndGet());
    }

    /** Notes that the row with this key shows the room event {@code seq}. */
    void shows(long seq, String key) {
        if (seq > 0) {
            keyBySeq.put(seq, key);
        }
    }

    /** The index of the row showing event {@code seq}, or -1 when it is not loaded. */
    int indexOfSeq(long seq) {
        String key = keyBySeq.get(seq);
        if (key == null) {
            return -1;
        }
        for (int i = items.size() - 1; i >= 0; i--) {
            if (items.get(i).key().equals(key)) {
                return i;
            }
        }
        return -1;
    }

    /** The index of the row with this key, or -1. */
    int indexOfKey(String key) {
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).key().equals(key)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Puts a stretch of rows built with {@link #stretch()} in front of the row at {@code at} (0: at
     * the very top), with the rows it meets mended: a day separator the stretch already has is not
     * shown twice, and a run of one person's messages across the seam is drawn as one run.
     * {@code gapAfter} puts a {@link ChatItem.InfoKind#GAP} row between the stretch and what follows.
     *
     * @return how many rows went in
     */
    int insertOlder(int at, ChatLog stretch, ChatItem.Info gapAfter) {
        commit();
        List<ChatItem> rows = new ArrayList<>(stretch.items());
        if (rows.isEmpty() && gapAfter == null) {
            return 0;
        }
        if (at > 0 && !rows.isEmpty() && rows.getFirst() instanceof Day d && d.date().equals(dayOf(items.get(at - 1)))) {
            rows.removeFirst(); // filling a gap within one day: the day above is already shown
        }
        if (gapAfter != null) {
            rows.add(gapAfter);
        } else if (at < items.size() && !rows.isEmpty()) {
            ChatItem first = items.get(at);
            LocalDate lastDay = dayOf(rows.getLast());
            if (first instanceof Day d && d.date().equals(lastDay)) {
                items.remove(at);
            }
            if (at < items.size() && rows.getLast() instanceof Message older
                    && items.get(at) instanceof Message newer && sameRun(older, newer)) {
                rows.set(rows.size() - 1, older.withRun(older.runFirst(), false));
                items.set(at, newer.withRun(false, newer.runLast()));
            }
        }
        keyBySeq.putAll(stretch.keyBySeq);
        items.addAll(at, rows);
        return rows.size();
    }

    /** Takes out the first {@code count} rows (a stretch of older history being replaced). */
    void removeFirst(int count) {
        commit();
        items.remove(0, Math.min(count, items.size()));
    }

    /** Takes out the row at {@code at} (a gap that was filled), mending the run and the day around it. */
    void removeRow(int at) {
        items.remove(at);
        if (at > 0 && at < items.size() && items.get(at) instanceof Day d && d.date().equals(dayOf(items.get(at - 1)))) {
            items.remove(at);
        }
        mendRunsAround(items, at);
    }

    private LocalDate dayOf(ChatItem item) {
        return switch (item) {
            case Message m -> m.time().atZone(zone).toLocalDate();
            case ChatItem.Info i -> i.time().atZone(zone).toLocalDate();
            case ChatItem.File f -> f.time().atZone(zone).toLocalDate();
            case Day d -> d.date();
        };
    }

    /** Appends a file's row; a file stands on its own, outside runs of messages. */
    void appendFile(ChatItem.File file) {
        dayBreak(tail(), file.time().atZone(zone).toLocalDate());
        staged.add(file);
    }

    void appendMessage(Message message) {
        ChatItem tail = tail();
        dayBreak(tail, message.time().atZone(zone).toLocalDate());
        if (tail instanceof Message previous && sameRun(previous, message)) {
            replaceTail(previous.withRun(previous.runFirst(), false));
            message = message.withRun(false, true);
        } else {
            message = message.withRun(true, true);
        }
        staged.add(message);
    }

    void appendInfo(ChatItem.Info info) {
        dayBreak(tail(), info.time().atZone(zone).toLocalDate());
        staged.add(info);
    }

    /**
     * Appends a join or leave. Right after another one it joins that row instead, which then sums
     * up the whole run (PresenceSummary) and lists each change in its details.
     */
    String appendPresence(ChatItem.InfoKind kind, PresenceSummary.Change change, java.time.Instant time,
                          Function<List<PresenceSummary.Change>, String> sentence) {
        dayBreak(tail(), time.atZone(zone).toLocalDate());
        if (tail() instanceof ChatItem.Info info && info.key().equals(presenceKey)) {
            presenceRun.add(change);
            replaceTail(new ChatItem.Info(info.key(), kind, sentence.apply(presenceRun), time,
                    presenceRun.stream().map(PresenceSummary.Change::sentence).toList()));
            return info.key();
        }
        presenceRun = new ArrayList<>(List.of(change));
        ChatItem.Info row = new ChatItem.Info(newKey(), kind, change.sentence(), time);
        presenceKey = row.key();
        staged.add(row);
        return row.key();
    }

    /**
     * Marks one's own message delivered: {@code change} makes the delivered row from the pending one.
     * If other rows came after the pending one meanwhile (a reconnect's, others' messages), the row
     * moves below them, where the room has it; only one's other pending messages may stay below it.
     * {@code false} if there is no message with this local id.
     */
    boolean deliverOwn(String localId, UnaryOperator<Message> change) {
        int at = indexOfOwn(staged, localId);
        List<ChatItem> list = staged;
        if (at < 0) {
            at = indexOfOwn(items, localId);
            list = items;
        }
        if (at < 0) {
            return false;
        }
        Message pending = (Message) list.get(at);
        boolean stays = onlyPendingAfter(list, at + 1) && (list == staged || onlyPendingAfter(staged, 0));
        if (stays) {
            list.set(at, change.apply(pending));
            return true;
        }
        list.remove(at);
        mendRunsAround(list, at);
        appendMessage(change.apply(pending));
        return true;
    }

    /** Replaces the message with this local id; {@code false} if there is none. */
    boolean replaceOwn(String localId, UnaryOperator<Message> change) {
        if (replaceIn(staged, localId, change)) {
            return true;
        }
        return replaceIn(items, localId, change);
    }

    /** Publishes what this batch staged; returns how many rows were added. */
    int commit() {
        int n = staged.size();
        if (n > 0) {
            items.addAll(staged);
            staged.clear();
        }
        return n;
    }

    private static int indexOfOwn(List<ChatItem> list, String localId) {
        for (int i = list.size() - 1; i >= 0; i--) {
            if (list.get(i) instanceof Message m && localId.equals(m.localId())) {
                return i;
            }
        }
        return -1;
    }

    private static boolean onlyPendingAfter(List<ChatItem> list, int from) {
        for (int i = from; i < list.size(); i++) {
            if (!(list.get(i) instanceof Message m && m.outgoing() && m.delivery() == ChatItem.Delivery.SENDING)) {
                return false;
            }
        }
        return true;
    }

    /** After a row left {@code list} at {@code at}, the rows on either side may end or start a run. */
    private void mendRunsAround(List<ChatItem> list, int at) {
        ChatItem before = at > 0 ? list.get(at - 1) : null;
        ChatItem after = at < list.size() ? list.get(at) : null;
        boolean joined = before instanceof Message b && after instanceof Message a && sameRun(b, a);
        if (before instanceof Message b && b.runLast() != !joined) {
            list.set(at - 1, b.withRun(b.runFirst(), !joined));
        }
        if (after instanceof Message a && a.runFirst() != !joined) {
            list.set(at, a.withRun(!joined, a.runLast()));
        }
    }

    private static boolean replaceIn(List<ChatItem> list, String localId, UnaryOperator<Message> change) {
        for (ListIterator<ChatItem> it = list.listIterator(list.size()); it.hasPrevious(); ) {
            if (it.previous() instanceof Message m && localId.equals(m.localId())) {
                it.set(change.apply(m));
                return true;
            }
        }
        return false;
    }

    private boolean sameRun(Message previous, Message next) {
        boolean samePerson = previous.outgoing() == next.outgoing()
                && Limits.nickKey(previous.sender()).equals(Limits.nickKey(next.sender()));
        Duration gap = Duration.between(previous.time(), next.time());
        // A slightly negative gap happens when an own message is stamped locally before the host's echo.
        return samePerson && gap.compareTo(RUN_GAP) <= 0;
    }

    private void dayBreak(ChatItem tail, LocalDate day) {
        LocalDate tailDay = switch (tail) {
            case null -> null;
            case Message m -> m.time().atZone(zone).toLocalDate();
            case ChatItem.Info i -> i.time().atZone(zone).toLocalDate();
            case ChatItem.File f -> f.time().atZone(zone).toLocalDate();
            case Day d -> d.date();
        };
        if (!day.equals(tailDay)) {
            staged.add(new Day(newKey(), day));
        }
    }

    private ChatItem tail() {
        if (!staged.isEmpty()) {
            return staged.getLast();
        }
        return items.isEmpty() ? null : items.getLast();
    }

    private void replaceTail(ChatItem item) {
        if (!staged.isEmpty()) {
            staged.set(staged.size() - 1, item);
        } else {
            items.set(items.size() - 1, item);
        }
    }
}
