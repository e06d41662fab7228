package dev.parley.bench;

import dev.parley.protocol.Frame;
import dev.parley.protocol.FrameCodec;
import dev.parley.protocol.Role;
import dev.parley.protocol.Timestamps;
import dev.parley.store.Admission;
import dev.parley.store.AppendOutcome;
import dev.parley.store.RoomStore;
import dev.parley.store.StoreOptions;
import dev.parley.store.StoredEvent;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The restart part of the benchmark: a room's history of N events (1 million by default) is built
 * straight into the database {@code serve} uses, then {@code serve} is started on it again and
 * again and timed from the process start to its listening line: after clean stops, and after
 * SIGKILL (which leaves a WAL, the unclean start that checks the file). Also the database's size.
 */
final class RestartBench {
    /** The room the SQLite runs host; its database is {@code history/bench-room.db}. */
    static final String ROOM = "Bench room";
    static final String DATABASE = "bench-room";
    private static final List<String> WORDS = List.of("the", "otter", "river", "lunch", "meeting", "release",
            "build", "friday", "coffee", "deploy", "review", "bug", "fix", "tomorrow", "great", "thanks", "see",
            "you", "later", "server", "window", "search", "history", "message", "room", "test", "plan", "idea",
            "café", "naïve", "straße", "日本", "привет");

    private RestartBench() {
    }

    static Runs.Restart run(ServerProcess.Setup setup, Path dir, long events, int reps, PrintStream log)
            throws Exception {
        Path data = dir.resolve("data");
        Path history = Files.createDirectories(data.resolve("history"));
        double built = build(history, events, log);
        long size = Files.size(history.resolve(DATABASE + ".db"));
        log.printf("restart: %,d events, database %,d bytes (%.0f bytes per event, %.0f MB per million), built in %.1f s%n",
                events, size, (double) size / events, size * 1e6 / events / 1e6, built);
        List<Double> clean = new ArrayList<>();
        List<Double> crash = new ArrayList<>();
        List<Double> cleanOpen = new ArrayList<>();
        List<Double> crashOpen = new ArrayList<>();
        for (int rep = 1; rep <= reps; rep++) {
            Path runDir = dir.resolve("clean-" + rep);
            long start = System.nanoTime();
            try (ServerProcess sp = ServerProcess.parleySqlite(setup, runDir, data)) {
                clean.add((System.nanoTime() - start) / 1e6);
            }
            cleanOpen.add(openMs(runDir));
            runDir = dir.resolve("crash-" + rep);
            try (ServerProcess sp = ServerProcess.parleySqlite(setup, runDir, data)) {
                sp.kill();
            }
            start = System.nanoTime();
            Path afterCrash = dir.resolve("after-crash-" + rep);
            try (ServerProcess sp = ServerProcess.parleySqlite(setup, afterCrash, data)) {
                crash.add((System.nanoTime() - start) / 1e6);
            }
            crashOpen.add(openMs(afterCrash));
            log.printf("restart rep %d: clean %.0f ms to listening (history opened in %.0f ms), after SIGKILL %.0f ms"
                    + " (history opened in %.0f ms)%n", rep, clean.getLast(), cleanOpen.getLast(), crash.getLast(),
                    crashOpen.getLast());
        }
        return new Runs.Restart(events, size, built, clean, crash, cleanOpen, crashOpen);
    }

    /** How long the host said opening its history took (its log line), or -1 when it did not say. */
    private static double openMs(Path runDir) throws java.io.IOException {
        Path log = runDir.resolve("parley-sqlite.log");
        if (!Files.exists(log)) {
            return -1;
        }
        var m = java.util.regex.Pattern.compile("Opened the history at .* in ([\\d,]+) ms").matcher(Files.readString(log));
        // The host logs with grouping ("1,068 ms").
        return m.find() ? Double.parseDouble(m.group(1).replace(",", "")) : -1;
    }

    /** Fills the room's database up to {@code events} messages (1 in 50 a join); returns the seconds it took. */
    private static double build(Path history, long events, PrintStream log) throws Exception {
        ExecutorService loop = Executors.newSingleThreadExecutor();
        var codec = new FrameCodec();
        long start = System.nanoTime();
        try (RoomStore store = RoomStore.open(history, DATABASE, StoreOptions.defaults(), loop)) {
            var random = new Random(17);
            var last = new CompletableFuture<AppendOutcome>();
            boolean appended = false;
            for (long seq = store.nextSeq(); seq <= events; ) {
                Instant now = Instant.now();
                StoredEvent e;
                if (seq % 50 == 0) {
                    e = StoredEvent.plain(seq, Frame.Joined.TYPE, now,
                            codec.encode(new Frame.Joined(seq, "user" + seq % 97, Role.GUEST, Timestamps.format(now))));
                } else {
                    String text = sentence(random);
                    String id = "g" + seq;
                    e = new StoredEvent(seq, Frame.Msg.TYPE, now, codec.encode(new Frame.Msg(seq, id, "user" + seq % 97,
                            Role.GUEST, text, Timestamps.format(now))), "bench-session-" + seq % 97, id, text);
                }
                Admission a = store.append(e, seq == events ? last::complete : o -> { });
                if (a == Admission.ACCEPTED) {
                    seq++;
                    appended = true;
                } else {
                    LockSupport.parkNanos(200_000);
                }
            }
            if (appended) {
                last.get(30, TimeUnit.MINUTES);
            }
        } finally {
            loop.shutdown();
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static String sentence(Random random) {
        StringBuilder b = new StringBuilder();
        int n = 4 + random.nextInt(10);
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : " ").append(WORDS.get(random.nextInt(WORDS.size())));
        }
        return b.toString();
    }
}
