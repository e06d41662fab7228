package dev.parley.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/** Programs the tests start besides the JVM: finding them, and failing with a sentence when one is missing. */
public final class Commands {
    private Commands() {
    }

    /** {@code name} as found on the {@code PATH}, or {@code null} when it is not installed. */
    public static Path onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /**
     * Returns when {@code openssl version} runs; fails the test otherwise, saying what to install.
     *
     * @param need what the test needs it for, e.g. "This test needs the openssl command as a TLS client"
     */
    public static void requireOpenssl(String need) {
        try {
            Process p = new ProcessBuilder("openssl", "version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
                return;
            }
        } catch (IOException e) {
            // Not installed: said below.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        fail(need + ": install it (Debian: apt-get install openssl; .ci/run installs it"
                + ("true".equals(System.getenv("CI")) ? ", but it is missing here)." : ")."));
    }
}
