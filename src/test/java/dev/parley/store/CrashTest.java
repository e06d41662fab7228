package dev.parley.store;

import dev.parley.protocol.Frame;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The promise behind "never loses a message": a host process appends a flood with group commit and
 * is killed with SIGKILL in the middle, several times; every event it acknowledged is there after
 * the restart, in seq order, nothing doubled, and each run continues the seq of the one before.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class CrashTest {
    private static final int RUNS = 4;

    @TempDir
    Path folder;

    private final ExecutorService loop = StoreTesting.loop();

    @AfterEach
    void stopLoop() {
        loop.shutdownNow();
    }

    @Test
    void everyAcknowledgedEventSurvivesSigkillInOrderAndOnce() throws Exception {
        Set<Long> acknowledged = new HashSet<>();
        List<String> report = new ArrayList<>();
        long expectedFirst = 1;
        for (int run = 1; run <= RUNS; run++) {
            long firstSeq;
            long lastAck = 0;
            int acks = 0;
            try (var child = StoreChild.start(folder, "flood", "r" + run)) {
                firstSeq = Long.parseLong(child.awaitLine("ready ").substring(6));
                int killAfter = 300 + ThreadLocalRandom.current().nextInt(3_000);
                while (acks < killAfter) {
                    String line = child.awaitLine("ack ");
                    lastAck = record(line, acknowledged, lastAck);
                    acks++;
                }
                for (String line : child.kill()) {
                    if (line.startsWith("ack ")) {
                        lastAck = record(line, acknowledged, lastAck);
                        acks++;
                    } else {
                        throw new AssertionError("the child said: " + line);
                    }
                }
            }
            List<StoredEvent> stored;
            try (RoomStore store = StoreTesting.open(folder, loop)) {
                stored = StoreTesting.readAll(store);
                assertThat(store.nextSeq()).isEqualTo(stored.getLast().seq() + 1);
            }
            List<Long> seqs = stored.stream().map(StoredEvent::seq).toList();
            // In order, with no hole and nothing twice: exactly 1..last.
            for (int i = 0; i < seqs.size(); i++) {
                assertThat(seqs.get(i)).as("position %d", i).isEqualTo(i + 1L);
            }
            assertThat(seqs).containsAll(acknowledged);
            assertThat(stored.stream().map(StoredEvent::clientId).distinct().count()).isEqualTo(stored.size());
            for (StoredEvent e : stored) {
                var msg = (Frame.Msg) StoreTesting.CODEC.decode(new String(e.frame(), java.nio.charset.StandardCharsets.UTF_8).strip());
                assertThat(msg.seq()).isEqualTo(e.seq());
                assertThat(msg.text()).endsWith(" " + e.seq());
            }
            assertThat(firstSeq).as("run %d continues the seq", run).isEqualTo(expectedFirst);
            expectedFirst = seqs.getLast() + 1;
            report.add("run " + run + ": started at seq " + firstSeq + ", " + acks + " acknowledged (last " + lastAck
                    + "), " + (seqs.getLast() - lastAck) + " more were committed before the kill");
        }
        System.out.println("Crash test: " + String.join("; ", report) + "; " + acknowledged.size() + " acknowledged in all");
    }

    private static long record(String line, Set<Long> acknowledged, long lastAck) {
        long seq = Long.parseLong(line.substring(4));
        assertThat(seq).as("acknowledged in seq order").isGreaterThan(lastAck);
        assertThat(acknowledged.add(seq)).as("seq %d acknowledged once", seq).isTrue();
        return seq;
    }
}
