package dev.parley.app.notify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A private D-Bus session bus for one test: a real {@code dbus-daemon --session} process, stopped by
 * {@link #close()}. Without dbus-daemon the test fails with a sentence under {@code CI=true} and is
 * skipped with that sentence elsewhere.
 */
final class SessionBus implements AutoCloseable {
    private static final String MISSING = "dbus-daemon is not installed: the desktop-notification tests need a "
            + "real D-Bus session bus (Debian/Ubuntu: apt-get install dbus; .ci/run installs it).";
    private final Process daemon;
    private final String address;

    private SessionBus(Process daemon, String address) {
        this.daemon = daemon;
        this.address = address;
    }

    static SessionBus start() throws IOException {
        boolean installed = Files.isExecutable(Path.of("/usr/bin/dbus-daemon"))
                || Files.isExecutable(Path.of("/bin/dbus-daemon"));
        if (!installed) {
            if ("true".equals(System.getenv("CI"))) {
                fail(MISSING);
            }
            assumeTrue(false, MISSING);
        }
        Process p = new ProcessBuilder("dbus-daemon", "--session", "--nofork", "--print-address=1")
                                // It says on every start that it may not raise its file limit, which is of no concern here.
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        var out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String address = out.readLine();
        if (address == null || address.isBlank()) {
            p.destroy();
            fail("dbus-daemon --session started but printed no address");
        }
        return new SessionBus(p, address.strip());
    }

    String address() {
        return address;
    }

    @Override
    public void close() throws InterruptedException {
        daemon.destroy();
        if (!daemon.waitFor(5, TimeUnit.SECONDS)) {
            daemon.destroyForcibly();
        }
    }
}
