package dev.parley.testing;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A private X server for a test that needs the real glass (GTK) rather than the headless platform.
 * Picks a free display number, so it never draws on someone else's. Missing Xvfb fails the test
 * with a sentence under {@code CI=true}, and is reported as an aborted test elsewhere.
 */
public final class Xvfb implements AutoCloseable {
    private final Process process;
    private final int display;

    private Xvfb(Process process, int display) {
        this.process = process;
        this.display = display;
    }

    /** Starts Xvfb at 1920x1080 on the first free display from :90 on and waits for its socket. */
    public static Xvfb start() throws IOException {
        Path binary = Commands.onPath("Xvfb");
        if (binary == null) {
            String sentence = "This check needs Xvfb (Debian: apt-get install xvfb xauth libgtk-3-0) to run the real "
                    + "GTK glass, and it is not installed.";
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail(sentence);
            }
            Assumptions.abort(sentence);
        }
        for (int n = 90; n < 200; n++) {
            if (Files.exists(Path.of("/tmp/.X11-unix/X" + n)) || Files.exists(Path.of("/tmp/.X" + n + "-lock"))) {
                continue;
            }
            Process p = new ProcessBuilder(binary.toString(), ":" + n, "-screen", "0", "1920x1080x24", "-nolisten", "tcp")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            Path socket = Path.of("/tmp/.X11-unix/X" + n);
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(socket) || !p.isAlive());
            if (p.isAlive()) {
                return new Xvfb(p, n);
            }
        }
        throw new IOException("No free X display between :90 and :199 for Xvfb");
    }

    /** The value for a child's {@code DISPLAY}. */
    public String display() {
        return ":" + display;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
