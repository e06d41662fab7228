package dev.parley.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A few lines that say what the benchmark ran on. */
final class Machine {
    private Machine() {
    }

    static String describe(Path java, Path ngircd) {
        String model = "?";
        long cores = Runtime.getRuntime().availableProcessors();
        try {
            List<String> cpuinfo = Files.readAllLines(Path.of("/proc/cpuinfo"));
            model = cpuinfo.stream().filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("?");
            cores = cpuinfo.stream().filter(l -> l.startsWith("processor")).count();
        } catch (IOException ignored) {
            // Not Linux: leave it unknown.
        }
        String memory = firstLine("/proc/meminfo");
        return String.join("\n",
                "cpu: " + cores + " x " + model,
                "memory: " + memory.replaceAll("\\s+", " "),
                "kernel: " + output("uname", "-sr"),
                "server JDK: " + output(java.toString(), "-version").lines().findFirst().orElse("?")
                        + " (" + output(java.toString(), "-version").lines().skip(1).findFirst().orElse("") + ")",
                "generator JDK: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"),
                "ngircd: " + output(ngircd.toString(), "--version").lines().findFirst().orElse("?"),
                "open files (soft/hard): " + output("bash", "-c", "echo $(ulimit -Sn)/$(ulimit -Hn)"),
                "load average at start: " + firstLine("/proc/loadavg"),
                "");
    }

    private static String firstLine(String file) {
        try {
            return Files.readAllLines(Path.of(file)).getFirst();
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    private static String output(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor(10, TimeUnit.SECONDS);
            return text;
        } catch (IOException e) {
            return "? (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }
}
