package dev.parley.bench;

import java.util.List;

/** What one run measured; one JSON line each in {@code results.jsonl}. */
final class Runs {
    private Runs() {
    }

    /** A fan-out run: N participants, K senders, one load shape. */
    record Fanout(String server, int clients, String shape, int rep, int attempt, boolean valid,
                  boolean disturbed, String problem, double seconds, long deliveries,
                  double deliveriesPerSecond, long sent, double targetDeliveriesPerSecond,
                  double p50Ms, double p99Ms, double p999Ms, double maxMs, double meanMs,
                  long rssBaseBytes, long rssIdleBytes, double bytesPerConnection, long peakRssBytes,
                  double serverCpu, double serverSystemCpu, double serverSwitchesPerSecond, double generatorCpu, double otherCpu, double softirqCpu, double stealCpu,
                  double loadAverage, long missing, long disconnects, long errors, double maxSendLagMs,
                  double receivedMBps) {
        static Fanout failed(String server, int clients, String shape, int rep, int attempt, String problem) {
            return new Fanout(server, clients, shape, rep, attempt, false, false, problem, 0, 0, 0, 0, 0, 0, 0, 0,
                    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        }
    }

    /**
     * What a fan-out run with the history on disk wrote: bytes a second to storage over the measured
     * window ({@code /proc/PID/io}), and the database's size afterwards.
     */
    record Disk(String server, int clients, String shape, int rep, double writeBytesPerSecond, long databaseBytes,
                long events) {
    }

    /**
     * A restart of a host whose history holds {@code events} events: milliseconds from starting the
     * process to its listening line, after a clean stop and after SIGKILL, and of that the time the
     * host says opening its history took (the rest is the JVM starting).
     */
    record Restart(long events, long databaseBytes, double buildSeconds, List<Double> cleanMs, List<Double> crashMs,
                   List<Double> cleanOpenMs, List<Double> crashOpenMs) {
    }

    /** A join storm of many participants followed by an idle hold. */
    record Big(String server, int clients, int concurrency, int rep, int attempt, boolean valid,
               boolean disturbed, String problem, double allInSeconds, double settledSeconds, int joined,
               long peakRssBytes,
               long rssBaseBytes, long rssIdleBytes, double bytesPerConnection, double stormServerCpu,
               double stormGeneratorCpu, double stormOtherCpu, double stormSeconds, long listenDrops,
               double holdSeconds, long pings, int pingedConnections, int openAfterHold,
               int probeReceivers, long disconnects, long errors, double loadAverage) {
        static Big failed(String server, int clients, int concurrency, int rep, int attempt, String problem) {
            return new Big(server, clients, concurrency, rep, attempt, false, false, problem, -1, -1, 0, 0, 0, 0, 0,
                    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        }
    }
}
