package dev.parley.server;

import dev.parley.protocol.Frame;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The room's ordered record of events: it hands out {@code seq}, keeps events for the replay on
 * join and resume, remembers each session's message ids so a resent message is recognised, keeps
 * the sessions themselves (so a restart holds names as a network blip would), and answers the
 * {@code history} and {@code search} extensions. In memory ({@link MemoryRoomLog}) or on disk
 * ({@link SqliteRoomLog}), behind the same calls.
 *
 * <p><b>Threads.</b> The room calls every method on the event-loop thread, under its lock, and
 * none may block on I/O. {@link #replay} and {@link #sent} answer from memory (a durable log keeps
 * the replay window and the id index in memory too). {@link #append} may complete later: a log that
 * writes to disk hands the event to a writer thread, and once it is durable runs
 * {@link Appended#appended} through the loop executor it was opened with. The room broadcasts an
 * event only then, so an echoed message is never one the log could lose. Completions come in
 * {@code seq} order. The in-memory log completes inside {@code append}, in the same turn: no added
 * latency. {@link #page} and {@link #search} return futures that may complete on another thread;
 * the caller hops back to the loop. {@link #close} may block: the server calls it off the loop,
 * after the loop has stopped.
 */
public interface RoomLog extends AutoCloseable {

    /** Opens a room's log; {@code loop} runs tasks on the room's event-loop thread. */
    @FunctionalInterface
    interface Factory {
        /**
         * Opens it; may block on disk (called from {@code RoomServer.start}, never the loop).
         *
         * @throws IOException the log cannot be opened; its message is a sentence for the operator
         *                     ({@link LogUnavailableException} when another host uses it)
         */
        RoomLog open(Executor loop) throws IOException;
    }

    /** Learns when an appended event is kept. Called on the loop thread. */
    interface Appended {
        /** The event is in the log (durable, for a durable log): it may be broadcast now. */
        void appended(LoggedEvent event);

        /**
         * The event could not be kept; it was never broadcast and its seq stays unused (or, when
         * its write failed after it was accepted, is never used). May come inside {@code append}
         * (the log is too far behind to take it), or later.
         */
        void failed(LoggedEvent event, Exception cause);
    }

    /** What a join replays, oldest first, and whether messages after its {@code since} are gone. */
    record Replay(List<LoggedEvent> events, boolean gap) {
        public Replay {
            events = List.copyOf(events);
        }
    }

    /** Which events a {@link #page} returns, relative to its anchor. */
    enum Direction {
        /** The newest ones with a lower seq. */
        BEFORE,
        /** The oldest ones with a higher seq. */
        AFTER,
        /** Half before the anchor, the anchor and the rest after it. */
        AROUND
    }

    /** A run of stored events, oldest first, and whether there are more on either side. */
    record Slice(List<LoggedEvent> events, boolean moreBefore, boolean moreAfter) {
        public Slice {
            events = List.copyOf(events);
        }
    }

    /** What a search found, newest first, and whether older matches exist. */
    record Matches(List<Frame.Hit> hits, boolean more) {
        public Matches {
            hits = List.copyOf(hits);
        }
    }

    /** The room's lasting id: the same after a restart of a durable log, new for each memory log. */
    String roomId();

    /** The {@code seq} the next appended event must carry. */
    long nextSeq();

    /**
     * Adds the event, whose {@code seq} must be {@link #nextSeq()}; if it is taken, from this call on
     * {@link #nextSeq()} is one more, and {@code clientId} (if not {@code null}) finds the event
     * through {@link #sent}, even before it is durable.
     */
    void append(LoggedEvent event, ClientId clientId, Appended done);

    /**
     * The newest {@code seq} whose append has completed (is durable), 0 when none has; events after
     * it are still being written and are neither replayed nor echoed.
     */
    long lastSeq();

    /** The replay for a {@code hello} with this {@code since} ({@code null}: none), from completed events. */
    Replay replay(Long since, int limit);

    /** The message a session already sent under this id, or {@code null}. */
    LoggedEvent sent(ClientId clientId);

    /** The sessions kept from before a restart (empty for a new room or a memory log). */
    List<SessionRecord> sessions();

    /** Keeps a session's lasting part, replacing what was kept for its id. Never blocks. */
    void sessionSaved(SessionRecord session);

    /** A session ended: its record and its message ids go. Never blocks. */
    void sessionEnded(String sessionId);

    /** Up to {@code limit} stored events relative to {@code anchor}. */
    CompletableFuture<Slice> page(long anchor, Direction direction, int limit);

    /**
     * Messages holding all of {@code words} (the last one also as a prefix), newest first, with a
     * seq below {@code before}, at most {@code limit}.
     */
    CompletableFuture<Matches> search(String words, long before, int limit);

    /** Releases what the log holds, writing out what is queued; appends after this are not kept. May block. */
    @Override
    void close();
}
