package dev.parley.app.files;

import dev.parley.testing.Xvfb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A file dropped on the chat arrives whole at another person: a real drag and drop, which the
 * headless glass cannot do (its drag-and-drop clipboard is "not supported yet"), so a child JVM runs
 * the app with the real GTK glass on a private Xvfb and {@code xdotool} drags a file from a second
 * window onto the conversation ({@link RealGlassDropProbe}).
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class RealGlassDropIT {

    @Test
    void aFileDroppedOnTheChatArrivesWholeAtAnotherPerson() throws Exception {
        if (dev.parley.testing.Commands.onPath("xdotool") == null) {
            fail("This check needs xdotool (Debian: apt-get install xdotool) to drag with the X pointer, "
                    + "and it is not installed.");
        }
        try (Xvfb x = Xvfb.start()) {
            List<String> command = List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED",
                    "-Dglass.platform=gtk", "-Dprism.order=sw", "-Dfile.encoding=UTF-8",
                    "-Djava.util.logging.config.file=" + Path.of("src/test/resources/logging.properties").toAbsolutePath(),
                    "-cp", System.getProperty("java.class.path"),
                    RealGlassDropProbe.Launch.class.getName());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("DISPLAY", x.display());
            Process probe = builder.start();
            byte[] output = probe.getInputStream().readAllBytes();
            assertTrue(probe.waitFor(200, TimeUnit.SECONDS), "the probe finished");
            String log = new String(output, StandardCharsets.UTF_8);
            assertEquals(0, probe.exitValue(), "the drop did not go through under the real glass:\n" + log);
            assertTrue(log.contains("DROP OK on glass platform gtk"), log);
        }
    }
}
