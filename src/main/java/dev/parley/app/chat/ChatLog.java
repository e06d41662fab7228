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
