package dev.parley.app.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * How much CPU the FX thread and other processes used during a measurement. The FX thread's CPU
 * time is the work a scenario costs whatever else runs; the others' share, from {@code /proc} (all
 * busy time minus this JVM's and the X server's, which draws this JVM's window), says whether the
 * wall-clock figures were disturbed. Without {@code /proc} only the FX thread's time is known.
 */
final class CpuMeter {
    /**
     * CPU used during a window: processes in cores (1.0 = one core busy the whole time), the FX
     * thread in milliseconds.
     */
    record Use(double self, double xServer, double others, double fxMs) {
        @Override
        public String toString() {
            String fx = String.format("FX thread CPU %.0f ms", fxMs);
            return Double.isNaN(self) ? fx
                    : String.format("%s; self %.2f, X %.2f, others %.2f cores", fx, self, xServer, others);
        }
    }

    private static final double TICKS_PER_SECOND = 100.0;
    private final long xServerPid;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private long fxThread = -1;
    private long startNanos;
    private long[] start;
    private long fxStart;

    /** @param xServerPid the X server drawing our window, or 0 if unknown (its CPU then counts as others') */
    CpuMeter(long xServerPid) {
        this.xServerPid = xServerPid;
    }

    void fxThread(long threadId) {
        fxThread = threadId;
    }

    void start() {
        startNanos = System.nanoTime();
        start = sample();
        fxStart = fxThread < 0 ? 0 : threads.getThreadCpuTime(fxThread);
    }

    Use stop() {
        long[] end = sample();
        double fxMs = fxThread < 0 ? Double.NaN : (threads.getThreadCpuTime(fxThread) - fxStart) / 1e6;
        if (start == null || end == null) {
            return new Use(Double.NaN, Double.NaN, Double.NaN, fxMs);
        }
        double ticks = (System.nanoTime() - startNanos) / 1e9 * TICKS_PER_SECOND;
        double total = (end[0] - start[0]) / ticks;
        double self = (end[1] - start[1]) / ticks;
        double x = (end[2] - start[2]) / ticks;
        return new Use(self, x, Math.max(0, total - self - x), fxMs);
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
