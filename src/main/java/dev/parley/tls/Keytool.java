package dev.parley.tls;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the JDK's {@code keytool} from the running Java runtime ({@code java.home/bin}): the JDK itself
 * and Parley's jlink image both have it, since the launcher belongs to {@code java.base}. Blocking;
 * a start-up step, never on the FX thread or the server's loop.
 */
final class Keytool {
    private static final long LIMIT_SECONDS = 60;

    private final Path executable;

    Keytool(Path executable) {
        this.executable = executable;
    }

    /** The keytool of the runtime this process runs on. */
    static Keytool ofRuntime() {
        Path home = Path.of(System.getProperty("java.home"));
        boolean windows = System.getProperty("os.name", "").startsWith("Windows");
        return new Keytool(home.resolve("bin").resolve(windows ? "keytool.exe" : "keytool"));
    }

    /** Runs keytool with {@code args}; returns quietly when it exits 0. */
    void run(List<String> args) throws IOException {
        if (!Files.isExecutable(executable)) {
            throw new IOException("There is no keytool at " + executable + ", which Parley needs to make the host's"
                    + " key: the Java runtime is incomplete (a jlink image must keep bin/keytool).");
        }
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        // A short-lived tool: the quick compiler and the smallest collector start it sooner.
        command.add("-J-XX:TieredStopAtLevel=1");
        command.add("-J-XX:+UseSerialGC");
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] output;
        try {
            output = process.getInputStream().readAllBytes();
            if (!process.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("keytool did not finish in " + LIMIT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while keytool ran");
        }
        if (process.exitValue() != 0) {
            String text = new String(output, StandardCharsets.UTF_8).strip();
            throw new IOException("keytool " + args.getFirst() + " failed (exit " + process.exitValue() + "): " + text);
        }
    }
}
