package dev.parley.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What Linux tells about a process and the machine, from {@code /proc}. */
final class Proc {
    /** Clock ticks a second in {@code /proc/PID/stat} and {@code /proc/stat} (USER_HZ, 100 on Linux). */
    static final double HZ = 100.0;

    private Proc() {
    }

    /** {@code VmRSS} in bytes, or -1 when the process is gone. */
    static long rss(long pid) {
        return statusBytes(pid, "VmRSS:");
    }

    /**
     * Bytes the process has caused to be written to storage ({@code write_bytes} of
     * {@code /proc/PID/io}), or -1 when it cannot be read.
     */
    static long writtenBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/io"))) {
                if (line.startsWith("write_bytes:")) {
                    return Long.parseLong(line.substring("write_bytes:".length()).trim());
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** {@code VmHWM} (peak resident set) in bytes, or -1 when the process is gone. */
    static long peakRss(long pid) {
        return statusBytes(pid, "VmHWM:");
    }

    private static long statusBytes(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith(field)) {
                    String[] parts = line.substring(field.length()).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** User plus system CPU time of a process (all its threads), in clock ticks. */
    static long cpuTicks(long pid) {
        long[] t = userSystemTicks(pid);
        return t[0] + t[1];
    }

    /** User and system CPU time of a process (all its threads), in clock ticks. */
    static long[] userSystemTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12])};
        } catch (IOException | RuntimeException e) {
            return new long[2];
        }
    }

    /** Context switches (voluntary and not) of all threads of a process so far. */
    static long contextSwitches(long pid) {
        long total = 0;
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    for (String line : Files.readAllLines(task.resolve("status"))) {
                        if (line.startsWith("voluntary_ctxt_switches:") || line.startsWith("nonvoluntary_ctxt_switches:")) {
                            total += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    // A thread that ended meanwhile.
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return total;
    }

    /** Ticks of the whole machine: [busy in user/nice/system, softirq+irq, steal, total]. */
    static long[] machineTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long user = Long.parseLong(f[1]);
            long nice = Long.parseLong(f[2]);
            long system = Long.parseLong(f[3]);
            long idle = Long.parseLong(f[4]);
            long iowait = Long.parseLong(f[5]);
            long irq = Long.parseLong(f[6]);
            long softirq = Long.parseLong(f[7]);
            long steal = f.length > 8 ? Long.parseLong(f[8]) : 0;
            return new long[] {user + nice + system, irq + softirq, steal,
                    user + nice + system + idle + iowait + irq + softirq + steal};
        } catch (IOException | RuntimeException e) {
            return new long[4];
        }
    }

    /** The kernel's count of connections dropped because a listen queue was full. */
    static long listenOverflows() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/net/netstat"));
            for (int i = 0; i + 1 < lines.size(); i += 2) {
                if (lines.get(i).startsWith("TcpExt:")) {
                    String[] names = lines.get(i).split("\\s+");
                    String[] values = lines.get(i + 1).split("\\s+");
                    for (int k = 1; k < names.length; k++) {
                        if (names[k].equals("ListenDrops")) {
                            return Long.parseLong(values[k]);
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** The load average over one minute. */
    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** CPU use of the server, the generator and everything else over an interval. */
    record Cpu(double seconds, double server, double serverSystem, double serverSwitchesPerSecond, double generator,
               double other, double softirq, double steal) {
    }

    /** A point in time to measure CPU use from. */
    record Mark(long nanos, long server, long serverSystem, long serverSwitches, long generator, long[] machine) {
        static Mark now(long serverPid) {
            long[] s = userSystemTicks(serverPid);
            return new Mark(System.nanoTime(), s[0] + s[1], s[1], contextSwitches(serverPid),
                    cpuTicks(ProcessHandle.current().pid()), machineTicks());
        }

        /** Cores' worth of CPU (1.0 = one core busy) each used from this mark until {@code end}. */
        Cpu until(Mark end) {
            double seconds = (end.nanos - nanos) / 1e9;
            double s = (end.server - server) / HZ / seconds;
            double g = (end.generator - generator) / HZ / seconds;
            double busy = (end.machine[0] - machine[0]) / HZ / seconds;
            double soft = (end.machine[1] - machine[1]) / HZ / seconds;
            double steal = (end.machine[2] - machine[2]) / HZ / seconds;
            return new Cpu(seconds, s, (end.serverSystem - serverSystem) / HZ / seconds,
                    (end.serverSwitches - serverSwitches) / seconds, g, Math.max(0, busy - s - g), soft, steal);
        }
    }
}
