package dev.parley.server;

import java.util.List;
import java.util.concurrent.Executor;

/**
 * The room's ordered record of events: it hands out {@code seq}, keeps events for the replay on
 * join and resume, and remembers message ids so a resent message is recognised. The in-memory
 * ring ({@link MemoryRoomLog}) is the first implementation; a log on disk or one shared by
 * several hosts is another, behind the same calls.
 *
 * <p><b>Threads.</b> The room calls every method on the event-loop thread, under its lock, and
 * none may block on I/O. {@link #read} and {@link #sent} answer from memory (a durable log keeps
 * the replay window and the id map in memory too). {@link #append} may complete later: a log that
 * writes to disk hands the event to a writer thread, and once it is durable runs
 * {@link Appended#appended} through the loop executor it was opened with. The room broadcasts an
 * event only then, so an echoed message is never one the log could lose. Completions come in
 * {@code seq} order. The in-memory log completes inside {@code append}, in the same turn: no
 * added latency.
 */
public interface RoomLog extends AutoCloseable {

    /** Opens a room's log; {@code loop} runs tasks on the room's event-loop thread. */
    @FunctionalInterface
    interface Factory {
        RoomLog open(Executor loop);
    }

    /** Learns when an appended event is kept. Called on the loop thread. */
    interface Appended {
        /** The event is in the log (durable, for a durable log): it may be broadcast now. */
        void appended(LoggedEvent event);

        /** The event could not be kept; it was never broadcast. */
        void failed(LoggedEvent event, Exception cause);
    }

    /** The {@code seq} the next appended event must carry. */
    long nextSeq();

    /**
     * Adds the event, whose {@code seq} must be {@link #nextSeq()}; from this call on
     * {@link #nextSeq()} is one more, and {@code clientId} (if not {@code null}) finds the event
     * through {@link #sent}, even before it is durable.
     */
    void append(LoggedEvent event, ClientId clientId, Appended done);

    /** The oldest {@code seq} still held for replay, or {@link #nextSeq()} when none is. */
    long firstSeq();

    /**
     * The newest {@code seq} whose append has completed (is durable), or {@code firstSeq() - 1}
     * when none has; events after it are still being written and are neither replayed nor echoed.
     */
    long lastSeq();

    /** The held, completed events with {@code from <= seq <= to}, in order. */
    List<LoggedEvent> read(long from, long to);

    /** The message a sender already sent under this id, or {@code null}. */
    LoggedEvent sent(ClientId clientId);

    /** Releases what the log holds; appends after this are not kept. */
    @Override
    void close();
}
