package dev.parley.testing;

import dev.parley.tls.HostKey;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code parley serve} in a process of its own, for tests that kill or stop it for real. */
public final class ServeProcess implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("listening on .*:(\\d+)$");

    private static final Pattern KEY = Pattern.compile("^host key: ([0-9a-f]{64})$");
    private static final Pattern CODE = Pattern.compile("^host code: ((?:[a-z]+ ){5}[a-z]+)$");

    private final Process process;
    private final BufferedReader stdout;
    private final int port;
    private final HostKey hostKey;
    private final String hostCode;
    private Path ownData;

    private ServeProcess(Process process) throws IOException {
        this.process = process;
        this.stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = stdout.readLine();
        Matcher m = line == null ? null : READY.matcher(line);
        if (m == null || !m.find()) {
            process.destroyForcibly();
            throw new IOException("serve did not start; it printed: " + line);
        }
        this.port = Integer.parseInt(m.group(1));
        String keyLine = stdout.readLine();
        String codeLine = stdout.readLine();
        Matcher k = keyLine == null ? null : KEY.matcher(keyLine);
        Matcher c = codeLine == null ? null : CODE.matcher(codeLine);
        if (k == null || !k.matches() || c == null || !c.matches()) {
            process.destroyForcibly();
            throw new IOException("serve did not print its host key and code; it printed: " + keyLine + " / " + codeLine);
        }
        this.hostKey = HostKey.parse(k.group(1));
        this.hostCode = c.group(1);
    }

    /**
     * Starts {@code serve} on the test class path (no packaged jar needed). Without {@code --data} among
     * the arguments it gets a fresh temporary data folder of its own, so a test never writes the user's
     * real host key or history.
     */
    public static ServeProcess onClassPath(String... args) throws IOException {
        return start(command(List.of(javaBinary(), "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), "dev.parley.Parley", "serve"), args));
    }

    /** Starts {@code serve} from a module path, as the README tells people to (a temporary data folder as above). */
    public static ServeProcess fromModules(Path modules, String... args) throws IOException {
        return start(command(List.of(javaBinary(), "--enable-native-access=org.xerial.sqlitejdbc", "-p",
                modules.toString(), "-m", "dev.parley/dev.parley.Parley", "serve"), args));
    }

    /** How a {@code serve} that was expected to refuse to start ended. */
    public record Refusal(int exitCode, String stdout, String stderr) {
    }

    /** Runs {@code serve} on the test class path until it ends by itself (within 30 s). */
    public static Refusal runToEnd(String... args) throws IOException, InterruptedException {
        List<String> command = command(List.of(javaBinary(), "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), "dev.parley.Parley", "serve"), args);
        Process p = new ProcessBuilder(command).start();
        p.getOutputStream().close();
        var err = new java.util.concurrent.CompletableFuture<String>();
        Thread.ofVirtual().start(() -> {
            try {
                err.complete(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                err.complete("");
            }
        });
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("serve did not end by itself");
        }
        return new Refusal(p.exitValue(), out, err.join());
    }

    private static List<String> command(List<String> start, String... args) throws IOException {
        List<String> command = new ArrayList<>(start);
        List<String> given = List.of(args);
        // Never the person's own data folder: the host key is made there even with --in-memory.
        if (!given.contains("--data")) {
            command.addAll(List.of("--data", java.nio.file.Files.createTempDirectory("parley-serve-").toString()));
        }
        command.addAll(given);
        return command;
    }

    /** The temporary data folder {@link #command} added, if it did; deleted when the process is closed. */
    private static Path addedData(List<String> command) {
        int at = command.indexOf("--data");
        Path data = at >= 0 ? Path.of(command.get(at + 1)) : null;
        return data != null && data.getFileName().toString().startsWith("parley-serve-") ? data : null;
    }

    /** The host key {@code serve} printed ({@code host key: …}). */
    public HostKey hostKey() {
        return hostKey;
    }

    /** The six words {@code serve} printed ({@code host code: …}). */
    public String hostCode() {
        return hostCode;
    }

    private static ServeProcess start(List<String> command) throws IOException {
        var builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        var serve = new ServeProcess(builder.start());
        serve.ownData = addedData(command);
        return serve;
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public int port() {
        return port;
    }

    /** SIGKILL: no goodbye, sockets simply die. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGTERM; returns the exit code. */
    public int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("serve did not stop within 10 s of SIGTERM");
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
        if (ownData != null) {
            try (var files = java.nio.file.Files.walk(ownData)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException ignored) {
                // A temporary folder left behind is only untidy.
            }
        }
    }
}
