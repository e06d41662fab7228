package dev.parley.app.chat;

import dev.parley.testing.Xvfb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The right-to-left freeze was first seen under Xvfb with the real GTK glass. This runs the same
 * scenario as {@code RightToLeftTextTest} there: a child JVM with {@code -Dglass.platform=gtk} on a
 * private Xvfb display, the real chat window, long Arabic, Hebrew and mixed text at 640 to 1920 px.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class RealGlassRtlIT {

    @Test
    void longRightToLeftTextRendersUnderXvfbWithTheRealGlass() throws Exception {
        try (Xvfb x = Xvfb.start()) {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED",
                    "-Dglass.platform=gtk", "-Dprism.order=sw", "-Dfile.encoding=UTF-8",
                    "-Djava.util.logging.config.file=" + Path.of("src/test/resources/logging.properties").toAbsolutePath(),
                    "-cp", System.getProperty("java.class.path"),
                    RealGlassRtlProbe.class.getName()));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("DISPLAY", x.display());
            Process probe = builder.start();
            byte[] output = probe.getInputStream().readAllBytes();
            assertTrue(probe.waitFor(200, TimeUnit.SECONDS), "the probe finished");
            String log = new String(output, StandardCharsets.UTF_8);
            assertEquals(0, probe.exitValue(), "the probe reported problems under the real glass:\n" + log);
            assertTrue(log.contains("RTL OK on glass platform gtk"), log);
        }
    }
}
