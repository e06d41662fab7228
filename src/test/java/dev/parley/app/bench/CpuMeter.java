package dev.parley.app.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * How much CPU other processes used during a measurement, from {@code /proc}: all busy time minus
 * this JVM's and the X server's (which draws this JVM's window). On a machine without {@code /proc}
 * it reports nothing.
 */
final class CpuMeter {
    /** CPU used during a window, in cores (1.0 = one core busy the whole time). */
    record Use(double self, double xServer, double others) {
        @Override
        public String toString() {
            return Double.isNaN(self) ? "n/a" : String.format("self %.2f, X %.2f, others %.2f cores", self, xServer, others);
        }
    }

    private static final double TICKS_PER_SECOND = 100.0;
    private final long xServerPid;
    private long startNanos;
    private long[] start;

    /** @param xServerPid the X server drawing our window, or 0 if unknown (its CPU then counts as others') */
    CpuMeter(long xServerPid) {
        this.xServerPid = xServerPid;
    }

    void start() {
        startNanos = System.nanoTime();
        start = sample();
    }

    Use stop() {
        long[] end = sample();
        if (start == null || end == null) {
            return new Use(Double.NaN, Double.NaN, Double.NaN);
        }
        double ticks = (System.nanoTime() - startNanos) / 1e9 * TICKS_PER_SECOND;
        double total = (end[0] - start[0]) / ticks;
        double self = (end[1] - start[1]) / ticks;
        double x = (end[2] - start[2]) / ticks;
        return new Use(self, x, Math.max(0, total - self - x));
    }

    /** {all busy ticks, this process's ticks, the X server's ticks}, or null without /proc. */
    private long[] sample() {
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long busy = 0;
            for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
                busy += Long.parseLong(cpu[i]);
            }
            return new long[] {busy, processTicks(ProcessHandle.current().pid()),
                    xServerPid > 0 ? processTicks(xServerPid) : 0};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static long processTicks(long pid) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("/proc/" + pid + "/stat"));
        String line = lines.getFirst();
        // Fields after the command name, which may contain spaces, start after the last ')'.
        String[] f = line.substring(line.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }
}
