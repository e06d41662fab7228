package dev.parley.bench;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.parley.protocol.Frame;
import dev.parley.protocol.FrameCodec;
import dev.parley.protocol.Limits;
import dev.parley.protocol.ProtocolException;
import dev.parley.protocol.Role;
import dev.parley.protocol.Timestamps;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.concurrent.TimeUnit;

/**
 * The protocol's per-message work on the server, under JMH: decoding a {@code send}, encoding a
 * {@code msg}, stamping it, checking its id, and the library ways each hand-written path is
 * measured against (a {@link DateTimeFormatter} with {@code appendInstant(3)} behind the same
 * per-millisecond cache; Jackson's polymorphic {@link ObjectReader} on the {@code type} member).
 *
 * <pre>
 * ./mvnw -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) org.openjdk.jmh.Main CodecBenchmark \
 *      -f 1 -wi 3 -i 5 -prof gc
 * </pre>
 * A benchmark, not a test: nothing here asserts a speed.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CodecBenchmark {
    private static final Instant BASE = Instant.parse("2026-11-25T01:47:12.345Z");

    /** The library way to write the same text: ISO instant with exactly three fraction digits. */
    private static final DateTimeFormatter INSTANT_MILLIS = new DateTimeFormatterBuilder().appendInstant(3)
            .toFormatter().withZone(ZoneOffset.UTC);

    private static final DateTimeFormatter PATTERN =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** Frame subtypes by their {@code type} member, for Jackson's own polymorphic reading. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "type",
            visible = false)
    @JsonSubTypes({
            @JsonSubTypes.Type(value = Frame.Send.class, name = Frame.Send.TYPE),
            @JsonSubTypes.Type(value = Frame.Typing.class, name = Frame.Typing.TYPE),
            @JsonSubTypes.Type(value = Frame.Ping.class, name = Frame.Ping.TYPE),
            @JsonSubTypes.Type(value = Frame.Pong.class, name = Frame.Pong.TYPE)})
    interface PolymorphicFrame {
    }

    private FrameCodec codec;
    private ObjectReader polymorphic;
    private byte[] send;
    private byte[] sendUtf8;
    private byte[] ping;
    private Frame.Msg msg;
    private long milli;
    private long lastMilli = Long.MIN_VALUE;
    private String lastText = "";

    @Setup
    public void setUp() throws ProtocolException {
        codec = new FrameCodec();
        polymorphic = JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .addMixIn(Frame.class, PolymorphicFrame.class)
                .build()
                .readerFor(Frame.class);
        send = ("{\"type\":\"send\",\"id\":\"m-123\",\"text\":\""
                + "Lorem ipsum dolor sit amet, consectetur adipiscing elit. Sed do!\"}").getBytes(StandardCharsets.UTF_8);
        sendUtf8 = ("{\"type\":\"send\",\"id\":\"m-123\",\"text\":\""
                + "Grüße aus Köln, ça va? Ünïcödé tëxt with an émoji 😀 and more....\"}")
                .getBytes(StandardCharsets.UTF_8);
        ping = "{\"type\":\"ping\",\"n\":42}".getBytes(StandardCharsets.UTF_8);
        msg = new Frame.Msg(123_456, "m-123", "alice", Role.GUEST,
                "Lorem ipsum dolor sit amet, consectetur adipiscing elit. Sed do!", "2026-11-25T01:47:12.345Z");
        // Every case does what it claims before it is timed.
        check(codec.decode(send, 0, send.length).equals(readPolymorphic(send)), "polymorphic send");
        check(codec.decode(ping, 0, ping.length).equals(readPolymorphic(ping)), "polymorphic ping");
        check(Timestamps.format(BASE).equals(INSTANT_MILLIS.format(BASE)), "formatter");
        check(Timestamps.format(BASE.plusNanos(999_999)).equals(INSTANT_MILLIS.format(BASE.plusNanos(999_999))),
                "formatter cuts, not rounds");
    }

    private Frame readPolymorphic(byte[] bytes) {
        return polymorphic.readValue(bytes, 0, bytes.length);
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("benchmark case is wrong: " + what);
        }
    }

    @Benchmark
    public Frame decodeSend() throws ProtocolException {
        return codec.decode(send, 0, send.length);
    }

    @Benchmark
    public Frame decodeSendWithJacksonPolymorphicReader() {
        return readPolymorphic(send);
    }

    @Benchmark
    public Frame decodeSendNonAscii() throws ProtocolException {
        return codec.decode(sendUtf8, 0, sendUtf8.length);
    }

    @Benchmark
    public Frame decodeSendNonAsciiWithJacksonPolymorphicReader() {
        return readPolymorphic(sendUtf8);
    }

    @Benchmark
    public Frame decodePing() throws ProtocolException {
        return codec.decode(ping, 0, ping.length);
    }

    @Benchmark
    public Frame decodePingWithJacksonPolymorphicReader() {
        return readPolymorphic(ping);
    }

    @Benchmark
    public byte[] encodeMsg() {
        return codec.encode(msg);
    }

    /** A burst of events mostly shares one millisecond: the cache answers. */
    @Benchmark
    public String timestampSameMillisecond() {
        return Timestamps.format(BASE);
    }

    /** Every event in a new millisecond: the hand-written build each time. */
    @Benchmark
    public String timestampNewMillisecond() {
        return Timestamps.format(BASE.plusMillis(++milli));
    }

    /** The same, written by {@code DateTimeFormatterBuilder.appendInstant(3)} behind the same cache. */
    @Benchmark
    public String timestampNewMillisecondWithFormatter() {
        Instant at = BASE.plusMillis(++milli);
        long m = at.toEpochMilli();
        if (m != lastMilli) {
            lastText = INSTANT_MILLIS.format(at);
            lastMilli = m;
        }
        return lastText;
    }

    /** The same with the format's own definition, {@code uuuu-MM-dd'T'HH:mm:ss.SSS'Z'}, behind the same cache. */
    @Benchmark
    public String timestampNewMillisecondWithPattern() {
        Instant at = BASE.plusMillis(++milli);
        long m = at.toEpochMilli();
        if (m != lastMilli) {
            lastText = PATTERN.format(at);
            lastMilli = m;
        }
        return lastText;
    }

    @Benchmark
    public boolean validId() {
        return Limits.isValidId("m-123");
    }
}
