package dev.parley.store;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;

/**
 * The process that a crash test kills: {@code hold} opens the room and waits; {@code flood <run>}
 * appends messages as fast as the store takes them and prints {@code ack <seq>} for each one the
 * store reported durable, in the order it did, on the stand-in loop thread.
 */
public final class CrashChild {
    private CrashChild() {
    }

    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args[0]);
        String mode = args[1];
        var out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
        ExecutorService loop = Executors.newSingleThreadExecutor();
        RoomStore store = RoomStore.open(folder, "room", StoreOptions.defaults(), loop);
        line(out, "ready " + store.nextSeq());
        if (mode.equals("hold")) {
            System.in.read(); // until the parent kills it
            return;
        }
        String run = args[2];
        long seq = store.nextSeq();
        while (true) {
            long s = seq;
            StoredEvent event = StoreTesting.msg(s, "flooder" + s % 5, run + "-" + s, "flood " + run + " " + s, Instant.now());
            Admission admission = store.append(event, outcome -> {
                switch (outcome) {
                    case AppendOutcome.Durable d -> line(out, "ack " + s);
                    case AppendOutcome.Failed f -> line(out, "failed " + s);
                }
            });
            if (admission == Admission.ACCEPTED) {
                seq++;
            } else {
                LockSupport.parkNanos(200_000); // the writer is behind: let it catch up
            }
        }
    }

    private static void line(BufferedWriter out, String text) {
        try {
            out.write(text);
            out.newLine();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
