package dev.parley.store;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A {@link CrashChild} in a JVM of its own, its output lines queued for the test to read. */
final class StoreChild implements AutoCloseable {
    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Path stderr;
    private final Thread reader;

    private StoreChild(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        this.reader = Thread.ofPlatform().daemon().name("store-child-stdout").start(this::read);
    }

    static StoreChild start(Path folder, String... args) throws IOException {
        Path logs = Files.createDirectories(folder.resolve("child-logs")); // the store ignores other files
        Path stderr = Files.createTempFile(logs, "child-", ".log");
        var command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"),
                CrashChild.class.getName(), folder.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        return new StoreChild(process, stderr);
    }

    private void read() {
        try (var in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("read failed: " + e);
        }
    }

    /** The next line, which must start with {@code prefix}; fails with the child's stderr if none comes. */
    String awaitLine(String prefix) throws Exception {
        String line = lines.poll(60, TimeUnit.SECONDS);
        if (line == null || !line.startsWith(prefix)) {
            throw new AssertionError("expected a line starting with <" + prefix + "> from the child, got <" + line
                    + ">; its stderr:\n" + Files.readString(stderr));
        }
        return line;
    }

    /** The next line, or null if the child printed nothing more within the time. */
    String nextLine(long timeout, TimeUnit unit) throws InterruptedException {
        return lines.poll(timeout, unit);
    }

    /**
     * SIGKILL, as a power cut would stop it: no shutdown hook, no close. Then every line it printed.
     * Through its {@link ProcessHandle}: {@link Process#destroyForcibly} would also close our end of
     * its output, and the acknowledgements still in the pipe would be lost to the test.
     */
    List<String> kill() throws InterruptedException {
        process.toHandle().destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        reader.join(TimeUnit.SECONDS.toMillis(30));
        var rest = new java.util.ArrayList<String>();
        lines.drainTo(rest);
        return rest;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
