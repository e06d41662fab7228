package dev.parley.bench;

import dev.parley.protocol.Frame;
import dev.parley.protocol.FrameCodec;
import dev.parley.protocol.Limits;
import dev.parley.protocol.ProtocolException;
import dev.parley.protocol.Role;
import dev.parley.protocol.Timestamps;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * Microbenchmark of the protocol's per-message work on the server: decoding a {@code send},
 * encoding a {@code msg}, formatting its timestamp and checking its id. A plain main (no JMH):
 * it warms each case up, then times a few rounds on this thread and reports the best round's
 * nanoseconds per operation and the bytes this thread allocated per operation.
 *
 * <pre>
 * ./mvnw -q -o test-compile
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) dev.parley.bench.CodecBench
 * </pre>
 * ({@code target/cp.txt} from {@code ./mvnw -q -o dependency:build-classpath -Dmdep.outputFile=target/cp.txt}.)
 * Optional arguments: operations per round (default 1,000,000), then a word that picks the
 * cases whose name holds it (such as {@code decode} or {@code encode}).
 */
public final class CodecBench {
    /**
     * {@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes(long)}, looked up reflectively:
     * the tests compile inside module dev.parley, which does not read jdk.management.
     */
    private static final Method ALLOCATED_BYTES;

    static {
        try {
            ALLOCATED_BYTES = Class.forName("com.sun.management.ThreadMXBean")
                    .getMethod("getThreadAllocatedBytes", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Only the cases whose name contains this (second argument); all by default. */
    private static String only = "";

    /** Defeats dead-code elimination. */
    private static long sink;

    private CodecBench() {
    }

    public static void main(String[] args) throws Exception {
        int ops = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        only = args.length > 1 ? args[1] : "";
        FrameCodec codec = new FrameCodec();

        byte[] send = ("{\"type\":\"send\",\"id\":\"m-123\",\"text\":\"" + "Lorem ipsum dolor sit amet, consectetur adipiscing elit. Sed do!"
                + "\"}").getBytes(StandardCharsets.UTF_8);
        byte[] sendUtf8 = ("{\"type\":\"send\",\"id\":\"m-123\",\"text\":\"" + "Grüße aus Köln, ça va? Ünïcödé tëxt with an émoji 😀 and more...."
                + "\"}").getBytes(StandardCharsets.UTF_8);
        byte[] ping = "{\"type\":\"ping\",\"n\":42}".getBytes(StandardCharsets.UTF_8);
        Frame.Msg msg = new Frame.Msg(123_456, "m-123", "alice", Role.GUEST,
                "Lorem ipsum dolor sit amet, consectetur adipiscing elit. Sed do!", "2026-11-25T01:47:12.345Z");
        Instant base = Instant.parse("2026-11-25T01:47:12.345Z");

        // Sanity: every case does what it claims before it is timed.
        check(codec.decode(send, 0, send.length) instanceof Frame.Send s && s.text().length() == 64, "send");
        check(codec.decode(sendUtf8, 0, sendUtf8.length) instanceof Frame.Send, "send utf8");
        check(codec.decode(ping, 0, ping.length).equals(new Frame.Ping(42)), "ping");
        check(new String(codec.encode(msg), StandardCharsets.UTF_8).endsWith("}\n"), "encode");
        check(Timestamps.format(base).equals("2026-11-25T01:47:12.345Z"), "format");

        System.out.printf("%-36s %12s %14s%n", "case", "ns/op", "bytes/op");
        run("decode send (ASCII, 64-char text)", ops, i -> decode(codec, send));
        run("decode send (non-ASCII text)", ops, i -> decode(codec, sendUtf8));
        run("decode ping", ops, i -> decode(codec, ping));
        run("encode msg", ops, i -> codec.encode(msg).length);
        // Room stamps events with the clock: mostly the same millisecond in a burst, then the next.
        run("Timestamps.format (same ms)", ops, i -> Timestamps.format(base).length());
        run("Timestamps.format (new ms each)", ops, i -> Timestamps.format(base.plusMillis(i)).length());
        run("Limits.isValidId", ops, i -> Limits.isValidId("m-123") ? 1 : 0);
    }

    private static long decode(FrameCodec codec, byte[] frame) {
        try {
            return codec.decode(frame, 0, frame.length).hashCode();
        } catch (ProtocolException e) {
            throw new IllegalStateException(e);
        }
    }

    interface Op {
        long run(long i);
    }

    private static void run(String name, int ops, Op op) {
        if (!name.contains(only)) {
            return;
        }
        for (int warm = 0; warm < 5; warm++) {
            round(ops, op);
        }
        long bestNanos = Long.MAX_VALUE;
        long bytes = 0;
        for (int r = 0; r < 5; r++) {
            long[] result = round(ops, op);
            bestNanos = Math.min(bestNanos, result[0]);
            bytes = result[1];
        }
        System.out.printf("%-36s %12.1f %14.1f%n", name, (double) bestNanos / ops, (double) bytes / ops);
    }

    private static long[] round(int ops, Op op) {
        long tid = Thread.currentThread().threadId();
        Object threads = ManagementFactory.getThreadMXBean();
        LongSupplier allocated = () -> {
            try {
                return (long) ALLOCATED_BYTES.invoke(threads, tid);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        };
        long bytesBefore = allocated.getAsLong();
        long start = System.nanoTime();
        long acc = 0;
        for (int i = 0; i < ops; i++) {
            acc += op.run(i);
        }
        long nanos = System.nanoTime() - start;
        long bytes = allocated.getAsLong() - bytesBefore;
        sink += acc;
        return new long[] {nanos, bytes};
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("benchmark case is wrong: " + what);
        }
    }
}
