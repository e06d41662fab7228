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
     * Starts {@code serve} on the test class path (no packaged jar needed). Without a {@code --data} among
     * {@code args} it gets a new temporary data folder, never the person's own host key.
     */
    public static ServeProcess onClassPath(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-cp", System.getProperty("java.class.path"),
                "dev.parley.Parley", "serve"));
        command.addAll(withData(args));
        return start(command);
    }

    /** Starts {@code serve} from a module path, as the README tells people to (and with a data folder of its own). */
    public static ServeProcess fromModules(Path modules, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-p", modules.toString(), "-m",
                "dev.parley/dev.parley.Parley", "serve"));
        command.addAll(withData(args));
        return start(command);
    }

    private static List<String> withData(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (!all.contains("--data")) {
            all.addAll(List.of("--data", TestTls.emptyFolder().toString()));
        }
        return all;
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
        return new ServeProcess(builder.start());
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
    }
}
