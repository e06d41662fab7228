package dev.parley.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark harness: Parley's host against ngircd, driven by the same generator, on the
 * same machine in the same run. Run it through {@code src/test/bench/run.sh}, which pins this
 * process (the generator) to CPU 1; every server is started fresh per run and pinned to CPU 0.
 *
 * <p>Every run is bounded in time and count and ends by itself. A run during which other
 * processes used more than {@code --max-other} of a core is repeated (up to {@code --retries}
 * times) and kept marked as disturbed if it never ran quiet.
 */
@Command(name = "parley-bench", mixinStandardHelpOptions = true,
        description = "Fan-out, latency, memory and join-storm benchmark: Parley's host against ngircd.")
public final class Bench implements Callable<Integer> {
    @Option(names = "--servers", split = ",", defaultValue = "parley,parley-sqlite,ngircd",
            description = "Servers to run: parley (history in memory), parley-sqlite (history on disk), ngircd.")
    List<String> servers;

    @Option(names = "--clients", split = ",", defaultValue = "10,100,1000", description = "N for the fan-out runs.")
    List<Integer> clientCounts;

    @Option(names = "--shapes", split = ",", defaultValue = "closed,light,heavy", description = "closed, light, heavy.")
    List<String> shapes;

    @Option(names = "--reps", defaultValue = "3", description = "Repetitions of every fan-out run.")
    int reps;

    @Option(names = "--warmup", defaultValue = "5", description = "Seconds of closed-loop load (JIT warm-up) before each shape.")
    double warmup;

    @Option(names = "--settle", defaultValue = "2", description = "Seconds of the shape itself between warm-up and measuring.")
    double settle;

    @Option(names = "--measure", defaultValue = "10", description = "Seconds measured.")
    double measure;

    @Option(names = "--senders", defaultValue = "10", description = "K: participants that send (the first K).")
    int senders;

    @Option(names = "--window", defaultValue = "16", description = "Closed loop: messages in flight per sender.")
    int window;

    @Option(names = "--payload", defaultValue = "64", description = "Bytes of message text, the same for both servers.")
    int payload;

    @Option(names = "--light", defaultValue = "20000", description = "Deliveries a second of the light shape.")
    double lightRate;

    @Option(names = "--heavy", defaultValue = "200000", description = "Deliveries a second of the heavy shape.")
    double heavyRate;

    @Option(names = "--big", split = ",", defaultValue = "2000,10000",
            description = "Participants of each join storm + idle hold (0: skip).")
    List<Integer> bigSizes;

    @Option(names = "--storm-timeout", defaultValue = "300", description = "Seconds a join storm may take at most.")
    double stormTimeout;

    @Option(names = "--big-reps", defaultValue = "3", description = "Repetitions of the join storm + idle hold.")
    int bigReps;

    @Option(names = "--storm-concurrency", defaultValue = "10",
            description = "Join storm: most participants connecting or joining at once.")
    int stormConcurrency;

    @Option(names = "--burst", defaultValue = "1000",
            description = "Also a burst storm of the largest --big size with this many joining at once (0: skip).")
    int burst;

    @Option(names = "--burst-reps", defaultValue = "1", description = "Repetitions of the burst storm.")
    int burstReps;

    @Option(names = "--hold", defaultValue = "50", description = "Seconds the big room is held idle (> Parley's 45 s idle timeout).")
    double hold;

    @Option(names = "--quick", description = "Smoke run: 1 rep, 2 s warm-up, 3 s measured, storms of 1,000 held 20 s, no burst.")
    boolean quick;

    @Option(names = "--restart-events", defaultValue = "1000000",
            description = "Events in the history for the restart runs (parley-sqlite).")
    long restartEvents;

    @Option(names = "--restart-reps", defaultValue = "3", description = "Restarts timed, clean and after SIGKILL each.")
    int restartReps;

    @Option(names = "--only", description = "fanout, big or restart: run just that part.")
    String only;

    @Option(names = "--max-other", defaultValue = "0.10",
            description = "Cores' worth of CPU other processes, or the hypervisor (steal), may take during a measured window.")
    double maxOther;

    @Option(names = "--retries", defaultValue = "2", description = "Repeats of a run disturbed by other processes.")
    int retries;

    @Option(names = "--parley-jvm-arg", description = "Extra JVM option for Parley, for diagnosis only (repeatable).")
    List<String> parleyJvmArgs = new ArrayList<>();

    @Option(names = "--jfr", description = "Record Parley's measured windows and storms with JDK Flight Recorder"
            + " (runs/*/window.jfr; for diagnosis, not for the table: jcmd itself takes CPU).")
    boolean jfr;

    @Option(names = "--out", description = "Directory for results (default: target/bench/<time>).")
    Path out;

    @Option(names = "--modules", defaultValue = "target/modules", description = "Parley's module path.")
    Path modules;

    @Option(names = "--java", description = "The java that runs Parley (default: this JVM's).")
    Path javaPath;

    @Option(names = "--ngircd", defaultValue = "/usr/sbin/ngircd", description = "The ngircd binary.")
    Path ngircd;

    @Option(names = "--server-cpu", defaultValue = "0", description = "CPU the servers are pinned to"
            + " (a taskset list: 0,1 lets a server use both cores, as the TLS join storm target asks).")
    String serverCpu;

    @Option(names = "--tls", description = "Every run over TLS 1.3: Parley serving TLS only, ngircd on its [SSL] port,"
            + " the generator doing a full handshake per participant. Off by default, so plain figures stay comparable.")
    boolean tls;

    private PrintStream log = System.out;
    private final JsonMapper json = JsonMapper.builder().build();
    private ServerProcess.Setup setup;
    private Path results;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Bench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (out == null) {
            out = Path.of("target", "bench", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        }
        if (quick) {
            reps = 1;
            bigReps = 1;
            warmup = 2;
            measure = 3;
            bigSizes = List.of(1_000);
            burst = 0;
            hold = 20;
            restartEvents = Math.min(restartEvents, 50_000);
            restartReps = 1;
        }
        Files.createDirectories(out);
        log = Tee.of(System.out, out.resolve("bench.log"));
        results = out.resolve("results.jsonl");
        if (javaPath == null) {
            javaPath = Path.of(System.getProperty("java.home"), "bin", "java");
        }
        setup = new ServerProcess.Setup(serverCpu, javaPath, modules, ngircd, jfr, parleyJvmArgs, tls,
                Files.createDirectories(out.resolve("data")));
        String machine = Machine.describe(javaPath, ngircd);
        Files.writeString(out.resolve("machine.txt"), machine);
        log.println(machine);
        log.println("results: " + out.toAbsolutePath());
        log.println(tls ? "transport: TLS 1.3" : "transport: plain TCP");
        long began = System.nanoTime();
        if (!"big".equals(only) && !"restart".equals(only)) {
            for (int n : clientCounts) {
                for (String shapeName : shapes) {
                    Shape shape = Shape.valueOf(shapeName.toUpperCase(java.util.Locale.ROOT));
                    for (int rep = 1; rep <= reps; rep++) {
                        for (String server : servers) {
                            fanoutWithRetries(server, n, shape, rep);
                        }
                    }
                }
            }
        }
        if ((only == null || "restart".equals(only)) && servers.contains("parley-sqlite")) {
            restart();
        }
        if (!"fanout".equals(only) && !"restart".equals(only)) {
            for (int size : bigSizes) {
                for (int rep = 1; rep <= bigReps && size > 0; rep++) {
                    for (String server : servers) {
                        bigWithRetries(server, size, stormConcurrency, rep);
                    }
                }
            }
            int largest = bigSizes.stream().mapToInt(Integer::intValue).max().orElse(0);
            for (int rep = 1; rep <= burstReps && burst > 0 && largest > 0; rep++) {
                for (String server : servers) {
                    bigWithRetries(server, largest, burst, rep);
                }
            }
        }
        Summary.write(results, out.resolve("summary.md"), machine, this);
        log.printf("done in %.1f min; summary: %s%n", (System.nanoTime() - began) / 6e10,
                out.resolve("summary.md").toAbsolutePath());
        return 0;
    }

    String settings() {
        return (tls ? "TLS 1.3 (full handshake per participant), " : "plain TCP, ") + "servers on CPU " + serverCpu
                + ", K=" + senders + " senders, closed-loop window " + window + " per sender, payload " + payload
                + " B, light " + (long) lightRate + "/s, heavy " + (long) heavyRate + "/s, warm-up " + warmup
                + " s closed loop then " + settle + " s of the shape, measured " + measure + " s, " + reps
                + " reps; join storms of " + bigSizes + " (at most "
                + stormConcurrency + " joining at once, bounded at " + stormTimeout + " s, then held idle " + hold
                + " s, " + bigReps + " reps)";
    }

    private void restart() throws Exception {
        Path dir = out.resolve("runs").resolve("restart-" + restartEvents);
        try {
            save(RestartBench.run(setup, dir, restartEvents, restartReps, log));
        } catch (IOException e) {
            log.println("  restart run failed: " + e.getMessage());
        }
    }

    private void fanoutWithRetries(String server, int n, Shape shape, int rep) throws Exception {
        for (int attempt = 1; ; attempt++) {
            Runs.Fanout run;
            try {
                run = fanout(server, n, shape, rep, attempt);
            } catch (IOException e) {
                log.println("  run failed: " + e.getMessage());
                run = Runs.Fanout.failed(server, n, shape.label(), rep, attempt, e.getMessage());
            }
            save(run);
            log.printf("%-6s N=%-5d %-6s rep %d%s: %,.0f deliveries/s (msgs sent %,d) p50 %.3f p99 %.3f p99.9 %.3f max %.1f ms"
                            + " | idle RSS %.1f MB (%.0f B/conn) | CPU server %.0f%% (sys %.0f%%, %,.0f switches/s)"
                            + " gen %.0f%% other %.0f%%%s%n",
                    server, n, shape.label(), rep, attempt > 1 ? " (try " + attempt + ")" : "",
                    run.deliveriesPerSecond(), run.sent(), run.p50Ms(), run.p99Ms(), run.p999Ms(), run.maxMs(),
                    run.rssIdleBytes() / 1e6, run.bytesPerConnection(), run.serverCpu() * 100,
                    run.serverSystemCpu() * 100, run.serverSwitchesPerSecond(), run.generatorCpu() * 100, run.otherCpu() * 100,
                    (run.valid() ? "" : " INVALID: " + run.problem()) + (run.disturbed() ? " DISTURBED" : ""));
            if (!run.disturbed() || attempt > retries) {
                return;
            }
        }
    }

    private Runs.Fanout fanout(String server, int n, Shape shape, int rep, int attempt) throws Exception {
        Path dir = out.resolve("runs").resolve(server + "-n" + n + "-" + shape.label() + "-r" + rep + "-a" + attempt);
        Dialect dialect = dialect(server);
        double rate = switch (shape) {
            case CLOSED -> 0;
            case LIGHT -> lightRate;
            case HEAVY -> heavyRate;
        };
        try (ServerProcess sp = start(server, dir);
             var gen = new LoadGenerator(dialect, sp.address(), payload, log, tls ? new BenchTls() : null)) {
            Thread.sleep(500);
            long rssBase = Proc.rss(sp.pid());
            List<String> problems = new ArrayList<>();
            if (gen.connect(n, 50, seconds(60)) < 0) {
                problems.add("only " + gen.registered() + " of " + n + " got in");
            }
            long expectedJoins = (long) n * (n + 1) / 2;
            if (!gen.awaitJoins(expectedJoins, seconds(60))) {
                problems.add("join events " + gen.joinedTotal() + " of " + expectedJoins);
            }
            gen.idle(seconds(1));
            long rssIdle = Proc.rss(sp.pid());
            // Warm-up: saturation first, so a JIT-compiled server has compiled its hot paths even at
            // the light rates (a few hundred messages a second would leave it half interpreted), then the
            // shape itself so queues settle at its own rate before measuring.
            gen.startLoad(LoadGenerator.Mode.CLOSED, senders, window, 0);
            gen.run(seconds(warmup));
            if (gen.drain(seconds(10)) > 0) {
                problems.add("warm-up messages missing");
            }
            gen.startLoad(shape.mode, senders, window, rate);
            gen.run(seconds(settle));
            boolean profile = jfr && server.startsWith("parley");
            if (profile) {
                sp.flightRecorder(true, null);
            }
            var before = Proc.Mark.now(sp.pid());
            long writtenBefore = Proc.writtenBytes(sp.pid());
            double load = Proc.loadAverage();
            gen.record(true);
            gen.run(seconds(measure));
            gen.record(false);
            var cpu = before.until(Proc.Mark.now(sp.pid()));
            long written = Proc.writtenBytes(sp.pid()) - writtenBefore;
            Process dump = profile ? sp.flightRecorder(false, dir.resolve("window.jfr").toAbsolutePath()) : null;
            long missing = gen.drain(seconds(10));
            long peak = Proc.peakRss(sp.pid());
            var w = gen.window();
            if (dump != null) {
                gen.idle(seconds(3));
                dump.waitFor(20, TimeUnit.SECONDS);
            }
            if (missing > 0) {
                problems.add(missing + " deliveries missing after the drain");
            }
            if (gen.disconnects() > 0) {
                problems.add(gen.disconnects() + " connections lost (" + gen.lostReasons() + ")");
            }
            if (!sp.isAlive()) {
                problems.add("server died");
            }
            sp.close();
            if ("parley-sqlite".equals(server)) {
                Path db = dir.resolve("data").resolve("history").resolve(RestartBench.DATABASE + ".db");
                long size = Files.exists(db) ? Files.size(db) : -1;
                var disk = new Runs.Disk(server, n, shape.label(), rep, written / cpu.seconds(), size, w.sent());
                save(disk);
                log.printf("       history on disk: %.2f MB/s written while measured, database %,d bytes%n",
                        disk.writeBytesPerSecond() / 1e6, size);
            }
            var h = w.latency();
            return new Runs.Fanout(server, n, shape.label(), rep, attempt, problems.isEmpty(),
                    disturbed(cpu), String.join("; ", problems), w.seconds(), w.deliveries(),
                    w.deliveriesPerSecond(), w.sent(), rate, ms(h.getValueAtPercentile(50)),
                    ms(h.getValueAtPercentile(99)), ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue()),
                    h.getMean() / 1e6, rssBase, rssIdle, (rssIdle - rssBase) / (double) n, peak, cpu.server(),
                    cpu.serverSystem(), cpu.serverSwitchesPerSecond(), cpu.generator(), cpu.other(), cpu.softirq(), cpu.steal(), load, missing, gen.disconnects(),
                    gen.errors(), w.maxSendLagNanos() / 1e6, w.bytesIn() / w.seconds() / 1e6);
        }
    }

    private void bigWithRetries(String server, int big, int concurrency, int rep) throws Exception {
        for (int attempt = 1; ; attempt++) {
            Runs.Big run;
            try {
                run = big(server, big, concurrency, rep, attempt);
            } catch (IOException e) {
                log.println("  run failed: " + e.getMessage());
                run = Runs.Big.failed(server, big, concurrency, rep, attempt, e.getMessage());
            }
            save(run);
            log.printf("%-6s storm N=%d (%d at once) rep %d%s: all in %.2f s, settled %.2f s, peak RSS %.1f MB | idle RSS %.1f MB"
                            + " (%.0f B/conn) | pings %,d, %d pinged, %d open, probe reached %d | storm CPU server %.0f%%"
                            + " gen %.0f%% other %.0f%% | listen drops %d%s%n",
                    server, big, concurrency, rep, attempt > 1 ? " (try " + attempt + ")" : "", run.allInSeconds(),
                    run.settledSeconds(), run.peakRssBytes() / 1e6, run.rssIdleBytes() / 1e6,
                    run.bytesPerConnection(), run.pings(), run.pingedConnections(), run.openAfterHold(),
                    run.probeReceivers(), run.stormServerCpu() * 100, run.stormGeneratorCpu() * 100,
                    run.stormOtherCpu() * 100, run.listenDrops(),
                    (run.valid() ? "" : " INVALID: " + run.problem()) + (run.disturbed() ? " DISTURBED" : ""));
            if (!run.disturbed() || attempt > retries) {
                return;
            }
        }
    }

    private Runs.Big big(String server, int big, int concurrency, int rep, int attempt) throws Exception {
        Path dir = out.resolve("runs").resolve(server + "-storm" + big + "-c" + concurrency + "-r" + rep + "-a" + attempt);
        try (ServerProcess sp = start(server, dir);
             var gen = new LoadGenerator(dialect(server), sp.address(), payload, log, tls ? new BenchTls() : null)) {
            Thread.sleep(500);
            long rssBase = Proc.rss(sp.pid());
            List<String> problems = new ArrayList<>();
            long drops = Proc.listenOverflows();
            double load = Proc.loadAverage();
            boolean profile = jfr && server.startsWith("parley");
            if (profile) {
                sp.flightRecorder(true, null).waitFor(20, TimeUnit.SECONDS);
            }
            var before = Proc.Mark.now(sp.pid());
            long begin = System.nanoTime();
            long allIn = gen.connect(big, concurrency, seconds(stormTimeout));
            if (allIn < 0) {
                problems.add("only " + gen.registered() + " of " + big + " got in");
            }
            long expectedJoins = (long) big * (big + 1) / 2;
            long left = seconds(stormTimeout) - (System.nanoTime() - begin);
            boolean settled = gen.awaitJoins(expectedJoins, Math.max(seconds(1), left));
            long settledAt = System.nanoTime() - begin;
            if (!settled) {
                problems.add("join events " + gen.joinedTotal() + " of " + expectedJoins);
            }
            var storm = before.until(Proc.Mark.now(sp.pid()));
            if (profile) {
                sp.flightRecorder(false, dir.resolve("storm.jfr").toAbsolutePath()).waitFor(30, TimeUnit.SECONDS);
            }
            drops = Proc.listenOverflows() - drops;
            long peak = Proc.peakRss(sp.pid());
            long pingsBefore = gen.pings();
            long holdStart = System.nanoTime();
            gen.idle(seconds(hold));
            double held = (System.nanoTime() - holdStart) / 1e9;
            long rssIdle = Proc.rss(sp.pid());
            int open = gen.open();
            int pinged = gen.pingedAtLeast(1);
            int reached = open > 1 ? gen.probe(0, seconds(30)) : 0;
            if (gen.disconnects() > 0) {
                problems.add(gen.disconnects() + " connections lost (" + gen.lostReasons() + ")");
            }
            if (reached < big - 1) {
                problems.add("probe reached " + reached + " of " + (big - 1));
            }
            if (!sp.isAlive()) {
                problems.add("server died");
            }
            sp.close();
            return new Runs.Big(server, big, concurrency, rep, attempt, problems.isEmpty(), disturbed(storm),
                    String.join("; ", problems), allIn < 0 ? -1 : allIn / 1e9, settled ? settledAt / 1e9 : -1,
                    gen.registered(), peak, rssBase, rssIdle, (rssIdle - rssBase) / (double) Math.max(1, open), storm.server(), storm.generator(),
                    storm.other(), storm.seconds(), drops, held, gen.pings() - pingsBefore, pinged, open, reached,
                    gen.disconnects(), gen.errors(), load);
        }
    }

    private ServerProcess start(String server, Path dir) throws IOException, InterruptedException {
        return switch (server) {
            case "parley" -> ServerProcess.parley(setup, dir);
            case "parley-sqlite" -> ServerProcess.parleySqlite(setup, dir, dir.resolve("data"));
            case "ngircd" -> ServerProcess.ngircd(setup, dir);
            default -> throw new IllegalArgumentException("unknown server " + server);
        };
    }

    private static Dialect dialect(String server) {
        return server.startsWith("parley") ? new ParleyDialect() : new IrcDialect();
    }

    private void save(Record run) throws IOException {
        String kind = switch (run) {
            case Runs.Big b -> "big";
            case Runs.Disk d -> "disk";
            case Runs.Restart r -> "restart";
            default -> "fanout";
        };
        String line = json.writeValueAsString(new Saved(kind, run)) + "\n";
        Files.writeString(results, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** One line of {@code results.jsonl}. */
    record Saved(String kind, Record run) {
    }

    private static long seconds(double s) {
        return (long) (s * TimeUnit.SECONDS.toNanos(1));
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    /** Whether other processes, or the hypervisor (steal), took more than {@code --max-other} of a core. */
    private boolean disturbed(Proc.Cpu cpu) {
        return cpu.other() > maxOther || cpu.steal() > maxOther;
    }
}
