package dev.parley.store;

import dev.parley.protocol.Frame;
import dev.parley.protocol.FrameCodec;
import dev.parley.protocol.LeaveReason;
import dev.parley.protocol.Role;
import dev.parley.protocol.Timestamps;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Real frames, a stand-in for the room's loop thread, and waiting for durable appends. */
final class StoreTesting {
    static final FrameCodec CODEC = new FrameCodec();
    static final Instant T0 = Instant.parse("2026-12-01T10:00:00.000Z");
    static final String LOOP_THREAD = "test-room-loop";

    private StoreTesting() {
    }

    static StoredEvent msg(long seq, String from, String id, String text) {
        return msg(seq, from, id, text, T0.plusSeconds(seq));
    }

    static StoredEvent msg(long seq, String from, String id, String text, Instant time) {
        byte[] frame = CODEC.encode(new Frame.Msg(seq, id, from, Role.GUEST, text, Timestamps.format(time)));
        return new StoredEvent(seq, Frame.Msg.TYPE, time, frame, from.toLowerCase(java.util.Locale.ROOT), id, text);
    }

    static StoredEvent joined(long seq, String nick) {
        Instant time = T0.plusSeconds(seq);
        return StoredEvent.plain(seq, Frame.Joined.TYPE, time,
                CODEC.encode(new Frame.Joined(seq, nick, Role.GUEST, Timestamps.format(time))));
    }

    static StoredEvent left(long seq, String nick) {
        Instant time = T0.plusSeconds(seq);
        return StoredEvent.plain(seq, Frame.Left.TYPE, time,
                CODEC.encode(new Frame.Left(seq, nick, LeaveReason.QUIT, Timestamps.format(time))));
    }

    /** A single thread standing in for the server's event loop, which the outcomes must run on. */
    static ExecutorService loop() {
        return Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().name(LOOP_THREAD).daemon().unstarted(r));
    }

    static RoomStore open(Path folder, ExecutorService loop) throws StoreException {
        return RoomStore.open(folder, "room", StoreOptions.defaults(), loop);
    }

    /** Appends each event and waits until every one is durable. */
    static void appendAll(RoomStore store, List<StoredEvent> events) throws Exception {
        List<CompletableFuture<AppendOutcome>> outcomes = new ArrayList<>();
        for (StoredEvent e : events) {
            var outcome = new CompletableFuture<AppendOutcome>();
            Admission admission = store.append(e, outcome::complete);
            if (admission != Admission.ACCEPTED) {
                throw new AssertionError("seq " + e.seq() + " was not accepted: " + admission);
            }
            outcomes.add(outcome);
        }
        for (var outcome : outcomes) {
            if (!(outcome.get(30, TimeUnit.SECONDS) instanceof AppendOutcome.Durable)) {
                throw new AssertionError("not durable: " + outcome.get());
            }
        }
    }

    /** Messages 1..n from alternating senders, each with its own id and a word that names its seq. */
    static List<StoredEvent> messages(long from, int n) {
        List<StoredEvent> events = new ArrayList<>();
        for (long seq = from; seq < from + n; seq++) {
            events.add(msg(seq, seq % 2 == 0 ? "alice" : "bob", "id-" + seq, "message number n" + seq + " about otters"));
        }
        return events;
    }

    /** Every event in the store, oldest first, read through the public range reads. */
    static List<StoredEvent> readAll(RoomStore store) throws Exception {
        List<StoredEvent> all = new ArrayList<>();
        long cursor = 0;
        while (true) {
            HistoryPage page = store.after(cursor, RoomStore.MAX_PAGE).get(30, TimeUnit.SECONDS);
            all.addAll(page.events());
            if (!page.moreAfter()) {
                return all;
            }
            cursor = page.events().getLast().seq();
        }
    }

    /** Collects what the store logs, to check that damage is reported. */
    static final class LogCapture extends Handler implements AutoCloseable {
        private final Logger logger = Logger.getLogger("dev.parley.store");
        private final List<LogRecord> records = new java.util.concurrent.CopyOnWriteArrayList<>();

        LogCapture() {
            logger.addHandler(this);
        }

        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        List<String> warnings() {
            return records.stream().filter(r -> r.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue())
                    .map(r -> new java.util.logging.SimpleFormatter().formatMessage(r)).toList();
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            logger.removeHandler(this);
        }
    }
}
