package dev.parley.app.bench;

import jdk.jfr.Event;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingStream;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Times every FX pulse, phase by phase, from JavaFX's own pulse instrumentation: javafx.base emits a
 * {@code javafx.PulsePhase} Flight Recorder event per phase ("CSS Pass", "Layout Pass", "Waiting for
 * previous rendering", "Painting", …) when Flight Recorder is running as JavaFX starts. This starts
 * an in-process stream with only that event (no stack traces, no other events), so it must be
 * created before the FX toolkit.
 *
 * <p>A pulse's FX time runs from its first phase on the FX thread to its last; its render time is
 * the same on the render thread, which paints while the FX thread goes on.
 *
 * <p>Measurement windows are marked with an event of our own ({@link #mark()}), so they are on
 * Flight Recorder's clock: its timestamps and {@code Instant.now()} can differ by more than a pulse.
 */
final class PulseRecorder implements AutoCloseable {
    private static final String EVENT = "javafx.PulsePhase";

    /** One pulse: when it started, its FX-thread and render-thread durations, and time per phase. */
    record Pulse(int id, Instant start, long fxNanos, long renderNanos, Map<String, Long> phases) {
        double fxMs() {
            return fxNanos / 1e6;
        }

        double renderMs() {
            return renderNanos / 1e6;
        }

        String breakdown() {
            StringBuilder b = new StringBuilder();
            phases.forEach((name, nanos) -> {
                if (nanos >= 100_000) {
                    b.append(b.isEmpty() ? "" : ", ").append(name).append(' ').append(String.format("%.1f", nanos / 1e6));
                }
            });
            return b.toString();
        }
    }

    private record Phase(int pulse, String name, boolean fx, Instant start, Instant end) {
    }

    /** A point in time on Flight Recorder's clock. */
    @Name("dev.parley.bench.Mark")
    @Label("Benchmark mark")
    @StackTrace(false)
    static final class Mark extends Event {
        @Label("Id")
        long id;
    }

    private final RecordingStream stream = new RecordingStream();
    private final List<Phase> phases = new ArrayList<>();
    private volatile Instant lastFlush = Instant.MIN;
    private volatile long fxThread = -1;
    private final AtomicLong lastMark = new AtomicLong();
    private final Map<Long, Instant> marks = new ConcurrentHashMap<>();

    PulseRecorder() {
        enable();
        stream.enable(Mark.class);
        stream.onEvent(EVENT, this::phase);
        stream.onEvent("dev.parley.bench.Mark", e -> marks.put(e.getLong("id"), e.getStartTime()));
        stream.onFlush(() -> lastFlush = Instant.now());
        stream.startAsync();
        if (!FlightRecorder.isInitialized()) {
            throw new IllegalStateException("Flight Recorder did not start; JavaFX would not time its pulses");
        }
    }

    /**
     * Turns the event on. Call again once the toolkit is up: javafx.base registers its event class
     * only then, and a setting made before may not reach it.
     */
    void enable() {
        stream.enable(EVENT).withoutStackTrace().withoutThreshold();
    }

    /** Which thread is the FX thread (with GTK it is not always named "JavaFX Application Thread"). */
    void fxThread(long threadId) {
        fxThread = threadId;
    }

    private void phase(RecordedEvent e) {
        int pulse = e.getInt("pulseId");
        if (pulse == 0) {
            return;
        }
        boolean fx = e.getThread() != null && e.getThread().getJavaThreadId() == fxThread;
        var p = new Phase(pulse, e.getString("phaseName"), fx, e.getStartTime(), e.getEndTime());
        synchronized (phases) {
            phases.add(p);
        }
    }

    /** Forgets what was recorded so far. */
    void reset() {
        synchronized (phases) {
            phases.clear();
        }
    }

    /** Marks this moment; pass two marks to {@link #pulses(long, long)}. */
    long mark() {
        var m = new Mark();
        m.id = lastMark.incrementAndGet();
        m.commit();
        return m.id;
    }

    /** The pulses that started between two marks, in order; waits for them to be streamed. */
    List<Pulse> pulses(long fromMark, long toMark) {
        Instant to = awaitMark(toMark);
        Instant from = marks.get(fromMark);
        if (from == null || to == null) {
            return List.of();
        }
        // Phases end, and are committed, after the mark that follows their pulse's start: one more flush.
        awaitFlushAfter(Instant.now());
        Map<Integer, List<Phase>> byPulse = new TreeMap<>();
        synchronized (phases) {
            for (Phase p : phases) {
                byPulse.computeIfAbsent(p.pulse(), k -> new ArrayList<>()).add(p);
            }
        }
        List<Pulse> out = new ArrayList<>();
        byPulse.forEach((id, list) -> {
            Pulse pulse = pulse(id, list);
            if (pulse != null && !pulse.start().isBefore(from) && pulse.start().isBefore(to)) {
                out.add(pulse);
            }
        });
        return out;
    }

    private Instant awaitMark(long id) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!marks.containsKey(id) && System.nanoTime() < deadline) {
            sleep(20);
        }
        return marks.get(id);
    }

    private static Pulse pulse(int id, List<Phase> list) {
        Instant fxStart = null;
        Instant fxEnd = null;
        Instant renderStart = null;
        Instant renderEnd = null;
        Map<String, Long> time = new LinkedHashMap<>();
        for (Phase p : list) {
            if (p.fx()) {
                fxStart = fxStart == null || p.start().isBefore(fxStart) ? p.start() : fxStart;
                fxEnd = fxEnd == null || p.end().isAfter(fxEnd) ? p.end() : fxEnd;
            } else {
                renderStart = renderStart == null || p.start().isBefore(renderStart) ? p.start() : renderStart;
                renderEnd = renderEnd == null || p.end().isAfter(renderEnd) ? p.end() : renderEnd;
            }
            time.merge((p.fx() ? "" : "render:") + p.name(), Duration.between(p.start(), p.end()).toNanos(), Long::sum);
        }
        if (fxStart == null) {
            return null;
        }
        long render = renderStart == null ? 0 : Duration.between(renderStart, renderEnd).toNanos();
        return new Pulse(id, fxStart, Duration.between(fxStart, fxEnd).toNanos(), render, time);
    }

    private void awaitFlushAfter(Instant t) {
        // A flush writes out every thread's buffered events; the stream flushes about once a second.
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!lastFlush.isAfter(t) && System.nanoTime() < deadline) {
            sleep(20);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stream.close();
    }
}
