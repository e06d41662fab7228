package dev.parley.server;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Extensions;
import dev.parley.protocol.Frame;
import dev.parley.protocol.FrameCodec;
import dev.parley.protocol.Limits;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;

/**
 * Answers the {@code history} and {@code search} extensions: checks a request, asks the
 * {@link RoomLog} (which may read the disk on another thread), cuts the answer to the frame bound
 * and hands its bytes back to the loop. A request that breaks the rules gets
 * {@code request_invalid}; a log too busy to read gets {@code rate_limited}, both non-closing and
 * with the request's {@code ref}. Called on the loop under the room's lock; the answer is built on
 * whichever thread completes the read (the loop itself for the memory log) and delivered through
 * the loop executor.
 */
final class HistoryRequests {
    private static final System.Logger LOG = System.getLogger("dev.parley.server");

    private final RoomLog log;
    private final FrameCodec codec;
    private final Executor loop;
    private final BiConsumer<Member, byte[]> deliver;

    HistoryRequests(RoomLog log, FrameCodec codec, Executor loop, BiConsumer<Member, byte[]> deliver) {
        this.log = log;
        this.codec = codec;
        this.loop = loop;
        this.deliver = deliver;
    }

    void history(Member m, Frame.History r) {
        String ref = r.ref();
        int anchors = (r.before() != null ? 1 : 0) + (r.after() != null ? 1 : 0) + (r.around() != null ? 1 : 0);
        if (!Limits.isValidId(ref) || anchors != 1 || (r.limit() != null && r.limit() < 1)) {
            invalid(m, ref, "A history request needs a ref (1–64 letters, digits, _ or -), exactly one of "
                    + "before, after and around, and a limit of at least 1 if any.");
            return;
        }
        RoomLog.Direction direction = r.before() != null ? RoomLog.Direction.BEFORE
                : r.after() != null ? RoomLog.Direction.AFTER : RoomLog.Direction.AROUND;
        long anchor = r.before() != null ? r.before() : r.after() != null ? r.after() : r.around();
        if (anchor < 0) {
            invalid(m, ref, "A history request's seq cannot be negative.");
            return;
        }
        int limit = Math.min(r.limit() == null ? Extensions.DEFAULT_PAGE : r.limit(), Extensions.MAX_PAGE);
        boolean files = m.granted(Extensions.FILES);
        answer(m, ref, log.page(anchor, direction, limit), slice -> page(ref, slice, direction, files));
    }

    void search(Member m, Frame.Search r) {
        String ref = r.ref();
        if (!Limits.isValidId(ref) || r.q() == null || r.q().length() > Extensions.MAX_SEARCH
                || (r.limit() != null && r.limit() < 1) || (r.before() != null && r.before() < 0)) {
            invalid(m, ref, "A search needs a ref (1–64 letters, digits, _ or -), words of at most "
                    + Extensions.MAX_SEARCH + " characters, and a limit of at least 1 if any.");
            return;
        }
        int limit = Math.min(r.limit() == null ? Extensions.DEFAULT_HITS : r.limit(), Extensions.MAX_HITS);
        long before = r.before() == null ? Long.MAX_VALUE : r.before();
        answer(m, ref, log.search(r.q(), before, limit), matches -> found(ref, matches));
    }

    private <T> void answer(Member m, String ref, CompletableFuture<T> read, java.util.function.Function<T, byte[]> encode) {
        read.handle((value, error) -> {
            byte[] bytes;
            if (error == null) {
                bytes = encode.apply(value);
            } else {
                LOG.log(System.Logger.Level.INFO, "a history request of {0} was not answered: {1}", m.nick(),
                        error.getMessage());
                bytes = codec.encode(Frame.Error.of(ErrorCode.RATE_LIMITED,
                        "The history is busy; try again in a moment.", ref));
            }
            loop.execute(() -> deliver.accept(m, bytes));
            return null;
        });
    }

    private void invalid(Member m, String ref, String sentence) {
        String echoed = Limits.isValidId(ref) ? ref : null;
        deliver.accept(m, codec.encode(Frame.Error.of(ErrorCode.REQUEST_INVALID, sentence, echoed)));
    }

    /**
     * The page, cut (from the side away from its anchor) to what one frame may carry; for a member not
     * granted {@code files}, each {@code file} event is its fallback {@code msg}, as it was live.
     */
    private byte[] page(String ref, RoomLog.Slice slice, RoomLog.Direction direction, boolean files) {
        List<LoggedEvent> events = new ArrayList<>(slice.events());
        boolean moreBefore = slice.moreBefore();
        boolean moreAfter = slice.moreAfter();
        long bytes = 0;
        for (LoggedEvent e : events) {
            bytes += e.wire().length;
        }
        boolean fromStart = direction == RoomLog.Direction.AFTER;
        while (bytes > Extensions.MAX_ANSWER_EVENT_BYTES && events.size() > 1) {
            boolean dropFirst = direction == RoomLog.Direction.AROUND ? events.size() % 2 == 0 : !fromStart;
            LoggedEvent dropped = dropFirst ? events.removeFirst() : events.removeLast();
            bytes -= dropped.wire().length;
            if (dropFirst) {
                moreBefore = true;
            } else {
                moreAfter = true;
            }
        }
        List<Frame.RoomEvent> frames = new ArrayList<>(events.size());
        for (LoggedEvent e : events) {
            frames.add(!files && e.event() instanceof Frame.FileEvent file ? file.fallback() : e.event());
        }
        return codec.encode(new Frame.Page(ref, frames, moreBefore, moreAfter));
    }

    /** The hits, the oldest dropped while they do not fit one frame. */
    private byte[] found(String ref, RoomLog.Matches matches) {
        List<Frame.Hit> hits = new ArrayList<>(matches.hits());
        boolean more = matches.more();
        while (true) {
            byte[] bytes = codec.encode(new Frame.Found(ref, hits, more));
            if (bytes.length <= Limits.MAX_FRAME || hits.size() <= 1) {
                return bytes;
            }
            hits.subList(Math.max(1, hits.size() * 3 / 4), hits.size()).clear();
            more = true;
        }
    }
}
