import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Builds Parley's JDK 25 AOT cache (JEP 483/514) for a runtime image, and the jpackage options that put it
 * into the app image. Run with the JDK that linked the image:
 * {@code java jlink/AotTraining.java <runtime-image> <out-dir> [on|off]}. It writes
 * {@code <out-dir>/cache/parley.aot} and {@code <out-dir>/jpackage.args} ({@code --input} for the cache and
 * {@code --java-options -XX:AOTCache=$APPDIR/parley.aot}); with {@code off}, an options file without them.
 *
 * <p>Why: with the cache the installed app's window appears about a third sooner (median 1.15 s instead
 * of 1.79 s, 10 alternating launches each under Xvfb on a shared 2-core Linux machine); the JVM maps the
 * classes the app loaded while training instead of loading, verifying and linking them again. It costs
 * 26 MB in the app image and 4.4 MB in the .deb.
 *
 * <p>How: a training run of the real app on JavaFX's headless glass platform (no display needed, so it works
 * on every CI runner), recorded with {@code -XX:AOTMode=record}. The app has no "quit after start" switch, so
 * a moment after JavaFX logs the first rendered frame the recording is ended with
 * {@code jcmd <pid> AOT.end_recording}, which works the same on Linux, macOS and Windows, and the process is
 * killed. A second run with {@code -XX:AOTMode=create} turns the recorded configuration into the cache.
 * The launcher must start the same image with the same module ({@code -m dev.parley}); a cache from another
 * image is refused with warnings on standard output (.ci/image-smoke checks for them).
 */
public final class AotTraining {
    private static final String MAIN = "dev.parley/dev.parley.Parley";
    /** Class loading that follows the first frame (focus, caret, tooltips' timers) gets this long. */
    private static final long SETTLE_MILLIS = 1_000;
    private static final long TRAINING_LIMIT_SECONDS = 120;

    public static void main(String[] args) throws Exception {
        if (args.length < 2 || args.length > 3 || (args.length == 3 && !List.of("on", "off").contains(args[2]))) {
            System.err.println("usage: java AotTraining.java <runtime-image> <out-dir> [on|off]");
            System.exit(2);
        }
        Path image = Path.of(args[0]).toAbsolutePath();
        Path out = Path.of(args[1]).toAbsolutePath();
        Path options = out.resolve("jpackage.args");
        Files.createDirectories(out);
        if (args.length == 3 && args[2].equals("off")) {
            Files.writeString(options, "# Written by jlink/AotTraining.java: built without the AOT cache.\n");
            System.out.println("AOT cache: off");
            return;
        }

        Path cache = out.resolve("cache").resolve("parley.aot");
        Path config = out.resolve("parley.aotconf");
        Files.createDirectories(cache.getParent());
        Files.deleteIfExists(cache);
        Files.deleteIfExists(config);
        String java = tool(image, "java");
        record(java, config);
        create(java, config, cache);
        Files.deleteIfExists(config);
        // Forward slashes: jpackage's option files read a backslash inside quotes as an escape.
        String input = cache.getParent().toString().replace('\\', '/');
        Files.writeString(options, """
                # Written by jlink/AotTraining.java: the AOT cache for this runtime image, in $APPDIR.
                --input "%s"
                --java-options -XX:AOTCache=$APPDIR/parley.aot
                """.formatted(input));
        System.out.printf("AOT cache: %s (%,d bytes)%n", cache, Files.size(cache));
    }

    private static void record(String java, Path config) throws Exception {
        var command = List.of(java, "-XX:AOTMode=record", "-XX:AOTConfiguration=" + config,
                "-Dglass.platform=Headless", "-Dprism.order=sw", "-Djavafx.pulseLogger=true",
                "-Djava.awt.headless=true", "-m", MAIN);
        Process app = new ProcessBuilder(command).redirectErrorStream(true).start();
        var watchdog = Thread.ofPlatform().daemon().start(() -> {
            try {
                if (!app.waitFor(TRAINING_LIMIT_SECONDS, TimeUnit.SECONDS)) {
                    app.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        boolean drawn = false;
        var output = new ArrayList<String>();
        try (var in = new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (!drawn && (line = in.readLine()) != null) {
                drawn = line.startsWith("PULSE:");
                if (output.size() < 200) {
                    output.add(line);
                }
            }
            if (!drawn) {
                app.destroyForcibly();
                fail("the training run ended before JavaFX drew its first frame", output);
            }
            Thread.sleep(SETTLE_MILLIS);
            run(List.of(jdkTool("jcmd"), Long.toString(app.pid()), "AOT.end_recording"), "jcmd AOT.end_recording");
            app.destroyForcibly();
        }
        app.waitFor();
        watchdog.interrupt();
        if (!Files.isRegularFile(config)) {
            fail("the training run left no AOT configuration at " + config, output);
        }
    }

    private static void create(String java, Path config, Path cache) throws Exception {
        run(List.of(java, "-XX:AOTMode=create", "-XX:AOTConfiguration=" + config, "-XX:AOTCache=" + cache,
                "-Xlog:aot=error", "-m", MAIN), "AOT cache creation");
        if (!Files.isRegularFile(cache)) {
            fail("AOT cache creation wrote no " + cache, List.of());
        }
    }

    private static void run(List<String> command, String what) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(TRAINING_LIMIT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(what + " did not finish in " + TRAINING_LIMIT_SECONDS + " s", out.lines().toList());
        }
        if (p.exitValue() != 0) {
            fail(what + " exited with " + p.exitValue(), out.lines().toList());
        }
    }

    private static String tool(Path home, String name) {
        Path exe = home.resolve("bin").resolve(name + (isWindows() ? ".exe" : ""));
        if (!Files.isExecutable(exe)) {
            fail("no " + exe, List.of());
        }
        return exe.toString();
    }

    /** A tool of the JDK running this program: the image has no jcmd, and it must be the same JDK version. */
    private static String jdkTool(String name) {
        return tool(Path.of(System.getProperty("java.home")), name);
    }

    private static boolean isWindows() {
        return System.getProperty("os.name").startsWith("Windows");
    }

    private static void fail(String why, List<String> output) {
        System.err.println("AOT training failed: " + why);
        output.forEach(line -> System.err.println("  | " + line));
        System.exit(1);
    }
}
