package dev.parley.app.bench;

import jdk.jfr.FlightRecorder;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingStream;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Times every FX pulse, phase by phase, from JavaFX's own pulse instrumentation: javafx.base emits a
 * {@code javafx.PulsePhase} Flight Recorder event per phase ("CSS Pass", "Layout Pass", "Waiting for
 * previous rendering", "Painting", …) when Flight Recorder is running as JavaFX starts. This starts
 * an in-process stream with only that event (no stack traces, no other events), so it must be
 * created before the FX toolkit.
 *
 * <p>A pulse's FX time runs from its first phase on the FX thread to its last; its render time is
 * the same on the render thread, which paints while the FX thread goes on.
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

    private final RecordingStream stream = new RecordingStream();
    private final List<Phase> phases = new ArrayList<>();
    private volatile Instant lastFlush = Instant.MIN;
    private volatile long fxThread = -1;

    PulseRecorder() {
        enable();
        stream.onEvent(EVENT, this::phase);
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

    /** Whether any pulse was recorded since the last reset (false: JavaFX is not emitting the events). */
    boolean sawPulses() {
        awaitFlushAfter(Instant.now());
        synchronized (phases) {
            return !phases.isEmpty();
        }
    }

    /** The pulses that started between {@code from} and {@code to}, in order; waits for them to be streamed. */
    List<Pulse> pulses(Instant from, Instant to) {
        awaitFlushAfter(to);
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
        int flushes = 0;
        Instant seen = lastFlush;
        while (flushes < 2 && System.nanoTime() < deadline) {
            Instant now = lastFlush;
            if (now != seen && now.isAfter(t)) {
                flushes++;
                seen = now;
            }
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
