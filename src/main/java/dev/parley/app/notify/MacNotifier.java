package dev.parley.app.notify;

import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * macOS: {@code osascript -e 'display notification …'}, which needs nothing but the system. It
 * cannot tell the app about a click (the notification belongs to Script Editor), so clicking only
 * dismisses it. Not tested on this project's Linux build machine; kept this small on purpose.
 */
public final class MacNotifier implements SystemNotifier {
    private static final System.Logger LOG = System.getLogger("dev.parley.app");
    private final ExecutorService thread = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("parley-notifications").daemon(true).factory());

    @Override
    public void show(String title, String text, boolean sound, Runnable clicked) {
        String script = "display notification " + quoted(text) + " with title " + quoted(title)
                + (sound ? " sound name \"default\"" : "");
        thread.execute(() -> {
            try {
                new ProcessBuilder("osascript", "-e", script).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.INFO, "osascript could not show a notification: {0}", e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** An AppleScript string literal. */
    static String quoted(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Override
    public void close() {
        thread.shutdown();
    }
}
