package dev.parley.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server under test, started fresh for one run as its own process pinned to one core, listening
 * on loopback only. Closing it ends the process (SIGTERM, then SIGKILL after a grace).
 */
final class ServerProcess implements AutoCloseable {
    private static final Pattern PARLEY_READY = Pattern.compile("listening on (\\S+):(\\d+)");
    private static final Pattern NGIRCD_READY = Pattern.compile("Now listening on \\[(\\S+)]:(\\d+)");

    private final String kind;
    private final Process process;
    private final InetSocketAddress address;

    private ServerProcess(String kind, Process process, InetSocketAddress address) {
        this.kind = kind;
        this.process = process;
        this.address = address;
    }

    /** Where the servers' programs are and how they are started. */
    record Setup(String cpu, Path java, Path modules, Path ngircd, boolean jfr, List<String> parleyJvmArgs) {
    }

    /**
     * Starts Parley's headless host with the JVM options the installed app uses
     * ({@code --enable-native-access=javafx.graphics}, nothing tuned), rate limit off, bound to
     * loopback, the connection cap lifted as ngircd's is. Its history in memory ({@code --in-memory},
     * as every figure before the SQLite log was measured).
     */
    static ServerProcess parley(Setup setup, Path dir) throws IOException, InterruptedException {
        return parley(setup, dir, "parley", List.of("--in-memory"));
    }

    /**
     * Parley's host with its history on disk (SQLite, group commit, an event broadcast once its
     * batch is synced), in {@code data}: server kind {@code parley-sqlite}.
     */
    static ServerProcess parleySqlite(Setup setup, Path dir, Path data) throws IOException, InterruptedException {
        return parley(setup, dir, "parley-sqlite", List.of("--data", data.toString(), "--room", RestartBench.ROOM));
    }

    private static ServerProcess parley(Setup setup, Path dir, String kind, List<String> history)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("taskset", "-c", setup.cpu(), setup.java().toString(),
                "--enable-native-access=javafx.graphics,org.xerial.sqlitejdbc"));
        cmd.addAll(setup.parleyJvmArgs());
        cmd.addAll(List.of("-p", setup.modules().toString(), "-m", "dev.parley/dev.parley.Parley", "serve",
                "--port", "0", "--rate", "0", "--bind", "127.0.0.1", "--max-clients", "20000"));
        cmd.addAll(history);
        return start(kind, cmd, dir, dir.resolve(kind + ".out"), PARLEY_READY);
    }

    /**
     * Starts ngircd in the foreground with a configuration of its own: loopback only, flood
     * penalties off, no limit on connections (per IP too) or joins, no DNS, ident or PAM look-ups.
     */
    static ServerProcess ngircd(Setup setup, Path dir) throws IOException, InterruptedException {
        int port;
        try (var probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Path include = Files.createDirectories(dir.resolve("ngircd.conf.d"));
        Path conf = dir.resolve("ngircd.conf");
        Files.writeString(conf, String.join("\n",
                "[Global]",
                "Name = bench.parley.invalid",
                "Info = Parley benchmark peer",
                "AdminInfo1 = Parley benchmark",
                "AdminInfo2 = loopback only",
                "AdminEMail = bench@parley.invalid",
                "Listen = 127.0.0.1",
                "Ports = " + port,
                "MotdPhrase = bench",
                "[Limits]",
                "MaxConnections = 0",
                "MaxConnectionsIP = 0",
                "MaxJoins = 0",
                "MaxPenaltyTime = 0",
                "[Options]",
                "DNS = no",
                "Ident = no",
                "PAM = no",
                "IncludeDir = " + include,
                ""), StandardCharsets.UTF_8);
        List<String> cmd = List.of("taskset", "-c", setup.cpu(), setup.ngircd().toString(), "-n", "-f",
                conf.toString());
        return start("ngircd", cmd, dir, dir.resolve("ngircd.log"), NGIRCD_READY);
    }

    private static ServerProcess start(String kind, List<String> cmd, Path dir, Path readyFile, Pattern ready)
            throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path out = dir.resolve(kind + ".out");
        Path err = dir.resolve(kind + ".log");
        var builder = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        Process process = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException(kind + " exited with " + process.exitValue() + " before listening; see "
                        + err);
            }
            for (Path file : List.of(readyFile, out)) {
                if (Files.exists(file)) {
                    Matcher m = ready.matcher(Files.readString(file, StandardCharsets.UTF_8));
                    if (m.find()) {
                        var address = new InetSocketAddress(m.group(1), Integer.parseInt(m.group(2)));
                        if (!address.getAddress().isLoopbackAddress()) {
                            process.destroyForcibly();
                            throw new IOException(kind + " is not listening on loopback: " + address);
                        }
                        return new ServerProcess(kind, process, address);
                    }
                }
            }
            Thread.sleep(20);
        }
        process.destroyForcibly();
        throw new IOException(kind + " did not start listening within 30 s; see " + err);
    }

    String kind() {
        return kind;
    }

    long pid() {
        return process.pid();
    }

    InetSocketAddress address() {
        return address;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL, no goodbye: what a crash or a power cut leaves behind. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /**
     * Starts (or stops and writes) a JDK Flight Recording of a Java server through {@code jcmd},
     * without waiting: used to profile just the measured window.
     */
    Process flightRecorder(boolean start, Path file) throws IOException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        List<String> cmd = start
                ? List.of(jcmd.toString(), String.valueOf(pid()), "JFR.start", "name=bench", "settings=profile")
                : List.of(jcmd.toString(), String.valueOf(pid()), "JFR.stop", "name=bench", "filename=" + file);
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
