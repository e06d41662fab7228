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
    private long nextKey;
    /** The row the latest run of joins and leaves is summed up in, and that run. */
    private String presenceKey;
    private List<PresenceSummary.Change> presenceRun = new ArrayList<>();

    ChatLog(ZoneId zone) {
        this.zone = zone;
    }

    ObservableList<ChatItem> items() {
        return readOnly;
    }

    String newKey() {
        return Long.toString(++nextKey);
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
    void appendPresence(ChatItem.InfoKind kind, PresenceSummary.Change change, java.time.Instant time,
                        Function<List<PresenceSummary.Change>, String> sentence) {
        dayBreak(tail(), time.atZone(zone).toLocalDate());
        if (tail() instanceof ChatItem.Info info && info.key().equals(presenceKey)) {
            presenceRun.add(change);
            replaceTail(new ChatItem.Info(info.key(), kind, sentence.apply(presenceRun), time,
                    presenceRun.stream().map(PresenceSummary.Change::sentence).toList()));
            return;
        }
        presenceRun = new ArrayList<>(List.of(change));
        ChatItem.Info row = new ChatItem.Info(newKey(), kind, change.sentence(), time);
        presenceKey = row.key();
        staged.add(row);
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
