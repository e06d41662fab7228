package dev.parley.app.chat;

import dev.parley.client.ChatEvent;
import dev.parley.protocol.Extensions;
import dev.parley.protocol.Frame;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

import java.text.MessageFormat;
import java.time.Clock;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.IntConsumer;

/**
 * The chat's history beyond what the host replayed: scrolling to the top pages older events in
 * (extension {@code history}), and a jump to a search hit loads the events around it.
 *
 * <p>The rows are the live part (contiguous, from the oldest event replayed or paged in up to now)
 * and, after a jump to a hit older than that, a detached stretch above it with a gap row between
 * them. Scrolling up from the stretch pages in above it; clicking the gap fills it downwards until
 * the stretch meets the live part and the gap goes. A jump into the gap or above the stretch
 * replaces the stretch. FX thread only; answers from the host come back through the FX executor.
 */
public final class ChatHistory {
    /** Events paged in at a time when scrolling up or filling the gap. */
    static final int PAGE = 100;
    /** Events loaded around a search hit. */
    static final int AROUND = 60;

    private final ChatLink link;
    private final ChatLog log;
    private final RowBuilder rows;
    private final Executor fx;
    private final Clock clock;
    private final ResourceBundle bundle;
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(false);
    /** The oldest seq of the live part, 0 before any event. */
    private long liveOldest;
    private long newest;
    private boolean reachedStart;
    /** A stretch of older events above a gap, or {@code null}. */
    private Stretch stretch;

    private record Stretch(long oldest, long newest, String gapKey) {
    }

    ChatHistory(ChatLink link, ChatLog log, RowBuilder rows, Executor fx, Clock clock, ResourceBundle bundle) {
        this.link = link;
        this.log = log;
        this.rows = rows;
        this.fx = fx;
        this.clock = clock;
        this.bundle = bundle;
    }

    /** The newest seq this window has shown, 0 before any. */
    public long newestSeq() {
        return newest;
    }

    /** True while a page is on its way. */
    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** Whether the host can page history to this window. */
    public boolean available() {
        return link.granted(Extensions.HISTORY);
    }

    /** Whether everything from the room's first kept event is loaded (or nothing more can be). */
    public boolean reachedStart() {
        return reachedStart;
    }

    void connected(ChatEvent.Connected c) {
        if (c.restarted()) {
            // A new room's seqs start afresh under the old room's rows: page nothing above them.
            reachedStart = true;
            liveOldest = 0;
        }
    }

    /** A live (or replayed, or kept) event was shown. */
    void seen(long seq) {
        newest = Math.max(newest, seq);
        if (seq > 0 && (liveOldest == 0 || seq < liveOldest)) {
            liveOldest = seq;
        }
        if (liveOldest == 1) {
            reachedStart = true;
        }
    }

    /** The person reached the top of the rows: page in what came before. */
    public void olderWanted() {
        long top = stretch != null ? stretch.oldest() : liveOldest;
        if (loading.get() || reachedStart || top <= 1 || !available()) {
            return;
        }
        load(link.history(top, null, null, PAGE), page -> {
            ChatLog part = build(page.events());
            log.insertOlder(0, part, null);
            long first = page.events().isEmpty() ? top : page.events().getFirst().seq();
            if (stretch != null) {
                stretch = new Stretch(first, stretch.newest(), stretch.gapKey());
            } else {
                liveOldest = first;
            }
            reachedStart = !page.moreBefore() || first <= 1;
        });
    }

    /** The gap row was clicked: load the events after the stretch until it meets the live part. */
    public void gapWanted() {
        Stretch s = stretch;
        if (s == null || loading.get()) {
            return;
        }
        load(link.history(null, s.newest(), null, PAGE), page -> {
            int gap = log.indexOfKey(s.gapKey());
            if (gap < 0 || stretch != s) {
                return;
            }
            long newest = page.events().isEmpty() ? s.newest() : page.events().getLast().seq();
            // The last page may reach into the live part: those events are shown already.
            List<Frame.RoomEvent> missing = page.events().stream().filter(e -> e.seq() < liveOldest).toList();
            log.insertOlder(gap, build(missing), null);
            if (!page.moreAfter() || newest + 1 >= liveOldest) {
                log.removeRow(log.indexOfKey(s.gapKey()));
                liveOldest = s.oldest();
                stretch = null;
            } else {
                stretch = new Stretch(s.oldest(), newest, s.gapKey());
            }
        });
    }

    /**
     * Shows the event {@code seq} (a search hit) in its context: at once if it is loaded, else once
     * the events around it are. {@code show} gets the index of its row in the chat's rows.
     */
    public void jumpTo(long seq, IntConsumer show) {
        int at = log.indexOfSeq(seq);
        if (at >= 0) {
            show.accept(at);
            return;
        }
        if (!available() || loading.get() || (liveOldest != 0 && seq >= liveOldest)) {
            return;
        }
        load(link.history(null, null, seq, AROUND), page -> {
            if (stretch != null) {
                int gap = log.indexOfKey(stretch.gapKey());
                if (gap >= 0) {
                    log.removeFirst(gap + 1);
                }
                stretch = null;
            }
            List<Frame.RoomEvent> events = liveOldest == 0 ? page.events()
                    : page.events().stream().filter(e -> e.seq() < liveOldest).toList();
            if (events.isEmpty()) {
                return;
            }
            long newest = events.getLast().seq();
            boolean gap = liveOldest != 0 && newest + 1 < liveOldest;
            ChatItem.Info gapRow = null;
            if (gap) {
                long missing = liveOldest - newest - 1;
                gapRow = new ChatItem.Info(log.newKey(), ChatItem.InfoKind.GAP,
                        new MessageFormat(bundle.getString("chat.history.gap"), bundle.getLocale()).format(new Object[] {missing}),
                        clock.instant());
            }
            log.insertOlder(0, build(events), gapRow);
            long first = events.getFirst().seq();
            if (gap) {
                stretch = new Stretch(first, newest, gapRow.key());
            } else {
                liveOldest = first;
            }
            reachedStart = !page.moreBefore() || first <= 1;
            int shown = log.indexOfSeq(seq);
            if (shown >= 0) {
                show.accept(shown);
            }
        });
    }

    private ChatLog build(List<Frame.RoomEvent> events) {
        ChatLog part = log.stretch();
        var now = clock.instant();
        for (Frame.RoomEvent e : events) {
            rows.add(part, e, e instanceof Frame.Msg m && rows.isOwn(m), now);
        }
        part.commit();
        return part;
    }

    private void load(CompletableFuture<Frame.Page> request, java.util.function.Consumer<Frame.Page> then) {
        loading.set(true);
        request.whenCompleteAsync((page, error) -> {
            loading.set(false);
            if (error == null) {
                then.accept(page);
            } else {
                System.getLogger(ChatHistory.class.getName()).log(System.Logger.Level.INFO,
                        "history not loaded: {0}", error.getMessage());
            }
        }, fx);
    }
}
