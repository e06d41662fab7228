package dev.parley.store;

import org.HdrHistogram.Histogram;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A microbenchmark of the room store, not a test: builds a room of N messages (1 million by
 * default), then times opening it (clean, and after a crash, which adds the full page check), a
 * flood with group commit (commits/s, batch sizes, append-to-durable latency at a few rates),
 * searches, and the file size. Figures on a shared machine are rough; run it on a quiet one.
 *
 * <p>{@code java -cp <test class path> dev.parley.store.StoreBench <folder> [events]}
 */
public final class StoreBench {
    private static final List<String> WORDS = List.of("the", "otter", "river", "lunch", "meeting", "release",
            "build", "friday", "coffee", "deploy", "review", "bug", "fix", "tomorrow", "great", "thanks", "see",
            "you", "later", "server", "window", "search", "history", "message", "room", "test", "plan", "idea",
            "quick", "question", "about", "docs", "merge", "branch", "café", "naïve", "straße", "日本", "привет");

    private StoreBench() {
    }

    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args.length > 0 ? args[0] : "/tmp/parley-store-bench");
        int events = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        ExecutorService loop = StoreTesting.loop();
        long stored = generate(folder, events, loop);
        System.out.printf("file: %,d bytes for %,d events, %.0f bytes per event%n", Files.size(folder.resolve("room.db")),
                stored, (double) Files.size(folder.resolve("room.db")) / stored);
        for (int i = 0; i < 3; i++) {
            timeOpen(folder, loop, "clean open");
        }
        Files.writeString(folder.resolve("room.check"), "bench");
        timeOpen(folder, loop, "open after a crash (quick_check)");
        search(folder, loop);
        flood(folder, loop);
        loop.shutdown();
    }

    /** Fills the room up to {@code events}; returns how many it holds. */
    private static long generate(Path folder, int events, ExecutorService loop) throws Exception {
        try (RoomStore store = RoomStore.open(folder, "room", StoreOptions.defaults(), loop)) {
            long have = store.nextSeq() - 1;
            if (have >= events) {
                return have;
            }
            var random = new Random(have);
            long start = System.nanoTime();
            var last = new CompletableFuture<AppendOutcome>();
            for (long seq = have + 1; seq <= events; ) {
                StoredEvent e = seq % 50 == 0 ? StoreTesting.joined(seq, "user" + seq % 97)
                        : StoreTesting.msg(seq, "user" + seq % 97, "g" + seq, sentence(random), Instant.now());
                Admission a = store.append(e, seq == events ? last::complete : o -> { });
                if (a == Admission.ACCEPTED) {
                    seq++;
                } else {
                    LockSupport.parkNanos(200_000);
                }
            }
            last.get(10, TimeUnit.MINUTES);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("generated %,d events in %.1f s (%,.0f/s), %s%n", events - have, seconds,
                    (events - have) / seconds, store.stats());
            return events;
        }
    }

    private static void timeOpen(Path folder, ExecutorService loop, String what) throws Exception {
        long start = System.nanoTime();
        try (RoomStore store = RoomStore.open(folder, "room", StoreOptions.defaults(), loop)) {
            long opened = System.nanoTime();
            System.out.printf("%s: %.0f ms (next seq %,d, tail %d, dedup %d)%n", what, (opened - start) / 1e6,
                    store.nextSeq(), store.tail().recent().size(), store.tail().dedup().size());
        }
    }

    private static void search(Path folder, ExecutorService loop) throws Exception {
        try (RoomStore store = RoomStore.open(folder, "room", StoreOptions.defaults(), loop)) {
            for (String words : List.of("otter", "otter river ", "caf", "strasse ", "nothingmatches ", "g999999 ")) {
                long start = System.nanoTime();
                SearchResults r = store.search(words, Long.MAX_VALUE, 50).get();
                System.out.printf("search <%s>: %d hits%s in %.1f ms%n", words, r.hits().size(), r.more() ? "+" : "",
                        (System.nanoTime() - start) / 1e6);
            }
        }
    }

    private static void flood(Path folder, ExecutorService loop) throws Exception {
        for (int rate : new int[] {1_000, 5_000, 0}) {
            try (RoomStore store = RoomStore.open(folder, "room", StoreOptions.defaults(), loop)) {
                var latency = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
                var durable = new AtomicLong();
                var random = new Random(rate);
                WriterStats before = store.stats();
                long start = System.nanoTime();
                long end = start + TimeUnit.SECONDS.toNanos(5);
                long sent = 0;
                long seq = store.nextSeq();
                while (System.nanoTime() < end) {
                    if (rate > 0) {
                        long due = start + sent * 1_000_000_000L / rate;
                        while (System.nanoTime() < due) {
                            LockSupport.parkNanos(50_000);
                        }
                    }
                    long at = System.nanoTime();
                    StoredEvent e = StoreTesting.msg(seq, "flood", "f" + seq, sentence(random), Instant.now());
                    Admission a = store.append(e, o -> {
                        latency.recordValue(System.nanoTime() - at);
                        durable.incrementAndGet();
                    });
                    if (a == Admission.ACCEPTED) {
                        seq++;
                        sent++;
                    } else {
                        LockSupport.parkNanos(200_000);
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                WriterStats after = store.stats();
                long batches = after.batches() - before.batches();
                long written = after.events() - before.events();
                System.out.printf("flood %s: %,.0f events/s durable, %,.0f commits/s, %.1f events per commit "
                                + "(largest %d), append to durable p50 %.2f ms p99 %.2f ms max %.2f ms%n",
                        rate == 0 ? "as fast as possible" : "at " + rate + "/s", written / seconds, batches / seconds,
                        (double) written / Math.max(1, batches), after.largestBatch(),
                        latency.getValueAtPercentile(50) / 1e6, latency.getValueAtPercentile(99) / 1e6,
                        latency.getMaxValue() / 1e6);
            }
        }
    }

    private static String sentence(Random random) {
        StringBuilder b = new StringBuilder();
        int n = 4 + random.nextInt(14);
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : " ").append(WORDS.get(random.nextInt(WORDS.size())));
        }
        return b.toString();
    }
}
