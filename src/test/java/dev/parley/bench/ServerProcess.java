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

    /**
     * Where the servers' programs are and how they are started.
     *
     * @param tls  serve TLS 1.3 only ({@code --tls}); otherwise plain TCP, as before TLS existed
     * @param data a folder for Parley's host key and ngircd's key and certificate, kept across runs
     */
    record Setup(String cpu, Path java, Path modules, Path ngircd, boolean jfr, List<String> parleyJvmArgs,
                 boolean tls, Path data) {
    }

    /**
     * Starts Parley's headless host with the JVM options the installed app uses
     * ({@code --enable-native-access=javafx.graphics}, nothing tuned), rate limit off, bound to
     * loopback, the connection cap lifted as ngircd's is. Its host key stays in the setup's data folder
     * (made once), its history in memory ({@code --in-memory}, as every figure before the SQLite log was
     * measured). Plain runs serve plaintext ({@code --allow-plaintext}: the same port also takes TLS,
     * and the first byte decides); TLS runs serve TLS only, as Parley does by default.
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
                "--port", "0", "--rate", "0", "--bind", "127.0.0.1", "--max-clients", "20000", "--no-announce",
                // Every simulated client comes from 127.0.0.1: lift the per-address abuse limits.
                "--max-pending", "20000", "--max-pending-per-address", "0", "--connects-per-minute", "0",
                "--joins-per-minute", "0"));
        cmd.addAll(history);
        if (!history.contains("--data")) {
            cmd.addAll(List.of("--data", setup.data().resolve("parley").toString()));
        }
        if (!setup.tls()) {
            cmd.add("--allow-plaintext");
        }
        return start(kind, cmd, dir, dir.resolve(kind + ".out"), PARLEY_READY);
    }

    /**
     * Starts ngircd in the foreground with a configuration of its own: loopback only, flood
     * penalties off, no limit on connections (per IP too) or joins, no DNS, ident or PAM look-ups.
     */
    static ServerProcess ngircd(Setup setup, Path dir) throws IOException, InterruptedException {
        int port = freePort();
        int tlsPort = setup.tls() ? freePort() : 0;
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
                setup.tls() ? sslSection(setup.data(), tlsPort) : "",
                ""), StandardCharsets.UTF_8);
        List<String> cmd = List.of("taskset", "-c", setup.cpu(), setup.ngircd().toString(), "-n", "-f",
                conf.toString());
        // With TLS the generator goes to the TLS port, which ngircd lists after its plain one.
        Pattern ready = setup.tls() ? Pattern.compile("Now listening on \\[(\\S+)]:(" + tlsPort + ")") : NGIRCD_READY;
        return start("ngircd", cmd, dir, dir.resolve("ngircd.log"), ready);
    }

    /**
     * ngircd's {@code [SSL]} section (Debian builds it with GnuTLS): a P-256 key and a self-signed
     * certificate, like Parley's, and fixed Diffie-Hellman parameters (RFC 7919 ffdhe2048; TLS 1.3 does
     * not use them, but without a file ngircd spends seconds making its own), all made once with openssl.
     */
    private static String sslSection(Path data, int tlsPort) throws IOException, InterruptedException {
        Path folder = Files.createDirectories(data.resolve("ngircd-tls")).toAbsolutePath();
        Path key = folder.resolve("key.pem");
        Path cert = folder.resolve("cert.pem");
        Path dh = folder.resolve("dh.pem");
        if (!Files.exists(cert)) {
            openssl(folder, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                    "-keyout", key.toString(), "-out", cert.toString(), "-days", "365", "-subj", "/CN=bench.parley.invalid");
            openssl(folder, "genpkey", "-genparam", "-algorithm", "DH", "-pkeyopt", "group:ffdhe2048",
                    "-out", folder.resolve("ffdhe2048.pem").toString());
            openssl(folder, "dhparam", "-in", folder.resolve("ffdhe2048.pem").toString(), "-out", dh.toString());
        }
        return String.join("\n", "[SSL]", "CertFile = " + cert, "KeyFile = " + key, "DHFile = " + dh,
                "Ports = " + tlsPort);
    }

    private static void openssl(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("openssl.log").toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("openssl " + args[0] + " failed; see " + dir.resolve("openssl.log"));
        }
    }

    private static int freePort() throws IOException {
        try (var probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
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
