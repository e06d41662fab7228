package dev.parley.tls;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Arrays;

/**
 * A measurement, not a test: the server-side CPU of one TLS 1.3 handshake through {@link TlsLayer}, split
 * into the loop thread and the delegated tasks, and the time {@code keytool} takes to make a host key.
 * Run by hand: {@code java -cp target/classes:target/test-classes:<deps> dev.parley.tls.TlsHandshakeCost [n]}.
 */
public final class TlsHandshakeCost {
    private TlsHandshakeCost() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        long[] keygen = new long[5];
        for (int i = 0; i < keygen.length; i++) {
            var dir = java.nio.file.Files.createTempDirectory("parley-keygen");
            long t = System.nanoTime();
            new HostIdentityStore(new DataFolder(dir.resolve("d"))).loadOrCreate();
            keygen[i] = (System.nanoTime() - t) / 1_000_000;
        }
        Arrays.sort(keygen);
        System.out.printf("keytool host key: %s ms (sorted), median %d ms%n", Arrays.toString(keygen), keygen[2]);

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (TlsEchoServer server = new TlsEchoServer(new ServerTls(TestIdentities.alice()), Duration.ofSeconds(10))) {
            TlsConnector connector = new TlsConnector(Duration.ofSeconds(5), Duration.ofSeconds(10));
            KeyCheck check = new KeyCheck.Pinned(TestIdentities.alice().key());
            for (int i = 0; i < n; i++) { // warm up the JIT on both sides
                ((TlsOutcome.Secured) connector.connect("127.0.0.1", server.port(), check)).socket().close();
            }
            long loop0 = threads.getThreadCpuTime(server.loopThread().threadId());
            long tasks0 = taskCpu(threads);
            int taskRuns0 = server.tasksRun.get();
            for (int i = 0; i < n; i++) {
                ((TlsOutcome.Secured) connector.connect("127.0.0.1", server.port(), check)).socket().close();
            }
            long loop = threads.getThreadCpuTime(server.loopThread().threadId()) - loop0;
            long tasks = taskCpu(threads) - tasks0;
            System.out.printf("%d handshakes: server loop %.3f ms CPU each, delegated tasks %.3f ms each (%d tasks),"
                            + " total %.3f ms, tasks %.1f %%%n", n, loop / 1e6 / n, tasks / 1e6 / n,
                    server.tasksRun.get() - taskRuns0, (loop + tasks) / 1e6 / n, 100.0 * tasks / (loop + tasks));
        }
    }

    private static long taskCpu(ThreadMXBean threads) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(TlsEchoServer.TASK_THREAD))
                .mapToLong(t -> Math.max(0, threads.getThreadCpuTime(t.threadId()))).sum();
    }
}
