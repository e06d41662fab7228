package dev.parley.app.bench;

import dev.parley.app.bench.WindowScenarios.Burst;
import dev.parley.app.bench.WindowScenarios.Room;
import dev.parley.app.bench.WindowScenarios.Scroll;

import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** How the window benchmark writes what it measured: a line per measurement, then the summary table. */
final class WindowReport {
    private WindowReport() {
    }

    static Room print(Room r) {
        System.out.printf("room of %,d messages, loaded as one burst:%n", r.load().size());
        print(r.load());
        System.out.printf("  heap after GC: empty chat %.1f MB, with %,d messages %.1f MB%n",
                r.heapEmpty() / 1e6, r.load().size(), r.heapFull() / 1e6);
        print("scroll " + r.jump().mode(), r.jump());
        print("scroll " + r.wheel().mode(), r.wheel());
        return r;
    }

    static Burst print(Burst b) {
        PulseRecorder.Pulse worst = worst(b.pulses());
        System.out.printf("burst %,6d %s: in list %7.1f ms, shown %7.1f ms (queued in %.1f ms, %d batches, largest %,d, "
                        + "longest hand-over %.1f ms); longest FX stall %5.1f ms (%d ticks >50 ms); pulses %d, longest %.1f ms, "
                        + "render max %.1f ms; %s%n",
                b.size(), b.where(), b.inListMs(), b.shownMs(), b.fedMs(), b.batches(), b.maxBatch(), b.handOverMs(),
                b.stalls().maxMs(), b.stalls().over50(), b.pulses().size(), fxMax(b.pulses()), renderMax(b.pulses()),
                b.cpu());
        if (worst != null) {
            System.out.println("  longest pulse: " + worst.breakdown());
        }
        return b;
    }

    static void print(String label, Scroll s) {
        double[] fx = fx(s.pulses());
        long over16 = s.pulses().stream().filter(p -> p.fxMs() > 16).count();
        System.out.printf("%s: %d steps in %.1f s; FX pulse p50 %.1f, p99 %.1f, max %.1f ms (%d of %d over 16 ms); "
                        + "render p99 %.1f, max %.1f ms; longest FX stall %.1f ms; %s; %d page-ins, list held at most %,d rows%s%n",
                label, s.steps(), s.seconds(),
                Stats.percentile(fx, 50), Stats.percentile(fx, 99), Stats.max(fx), over16, fx.length,
                Stats.percentile(render(s.pulses()), 99), renderMax(s.pulses()), s.stalls().maxMs(), s.cpu(),
                s.pageIns(), s.maxListRows(), s.reachedTop() ? ", reached the first row" : "");
        PulseRecorder.Pulse worst = worst(s.pulses());
        if (worst != null) {
            System.out.println("  longest pulse: " + worst.breakdown());
        }
    }

    private static PulseRecorder.Pulse worst(List<PulseRecorder.Pulse> pulses) {
        return pulses.stream().max(Comparator.comparingLong(PulseRecorder.Pulse::fxNanos)).orElse(null);
    }

    private static double[] fx(List<PulseRecorder.Pulse> pulses) {
        return pulses.stream().mapToDouble(PulseRecorder.Pulse::fxMs).toArray();
    }

    private static double[] render(List<PulseRecorder.Pulse> pulses) {
        return pulses.stream().mapToDouble(PulseRecorder.Pulse::renderMs).toArray();
    }

    private static double fxMax(List<PulseRecorder.Pulse> pulses) {
        return Stats.max(fx(pulses));
    }

    private static double renderMax(List<PulseRecorder.Pulse> pulses) {
        return Stats.max(render(pulses));
    }

    /** The summary: median (min–max) over the repetitions, next to the targets. */
    static String table(List<List<Burst>> burstKinds, List<Room> rooms, int room, Scroll idle) {
        var t = new StringBuilder("| Figure | Median (min–max) | Target |\n|---|---|---|\n");
        row(t, "Idle window: longest FX stall, ms (noise floor)", List.of(idle), s -> s.stalls().maxMs(), "–");
        row(t, "Idle window: longest FX pulse, ms", List.of(idle), s -> fxMax(s.pulses()), "–");
        for (List<Burst> bursts : burstKinds) {
            String n = bursts.isEmpty() ? "–" : String.format("%,d %s", bursts.getFirst().size(), bursts.getFirst().where());
            boolean big = !bursts.isEmpty() && bursts.getFirst().size() >= 10_000;
            row(t, "Burst " + n + ": longest FX stall, ms", bursts, b -> b.stalls().maxMs(), big ? "≤ 50" : "–");
            row(t, "Burst " + n + ": longest batch hand-over (apply + list listeners), ms", bursts, Burst::handOverMs, "–");
            row(t, "Burst " + n + ": longest FX pulse, ms", bursts, b -> fxMax(b.pulses()), "–");
            row(t, "Burst " + n + ": FX thread CPU time, ms", bursts, b -> b.cpu().fxMs(), "–");
            row(t, "Burst " + n + ": last message in the list, ms", bursts, Burst::inListMs, "–");
            row(t, "Burst " + n + ": last message shown (laid out at the bottom), ms", bursts, Burst::shownMs,
                    big ? "≤ 1000" : "–");
        }
        String n = String.format("%,d", room);
        row(t, "Room " + n + ": loading it as one burst, longest FX stall, ms", rooms, r -> r.load().stalls().maxMs(), "–");
        row(t, "Room " + n + ": loading it as one burst, shown after, ms", rooms, r -> r.load().shownMs(), "–");
        row(t, "Room " + n + ": heap used after GC, MB", rooms, r -> r.heapFull() / 1e6, "–");
        row(t, "Room " + n + ": heap the messages add, bytes per message", rooms,
                r -> (double) (r.heapFull() - r.heapEmpty()) / room, "–");
        for (String mode : List.of("jump", "wheel")) {
            List<Scroll> s = rooms.stream().map(r -> mode.equals("jump") ? r.jump() : r.wheel()).toList();
            row(t, "Scroll (" + mode + "): FX pulse p99, ms", s, x -> Stats.percentile(fx(x.pulses()), 99), "< 16");
            row(t, "Scroll (" + mode + "): FX pulse max, ms", s, x -> fxMax(x.pulses()), "< 16");
            row(t, "Scroll (" + mode + "): pulses over 16 ms", s,
                    x -> x.pulses().stream().filter(p -> p.fxMs() > 16).count(), "–");
            row(t, "Scroll (" + mode + "): steps taken", s, x -> x.steps(), "–");
            row(t, "Scroll (" + mode + "): page-ins (rows paged into the list's window)", s, x -> x.pageIns(), "–");
            row(t, "Scroll (" + mode + "): most rows the list held", s, x -> x.maxListRows(), "–");
            row(t, "Scroll (" + mode + "): render p99, ms", s, x -> Stats.percentile(render(x.pulses()), 99), "–");
            row(t, "Scroll (" + mode + "): longest FX stall, ms", s, x -> x.stalls().maxMs(), "–");
            row(t, "Scroll (" + mode + "): FX thread CPU per step, ms", s, x -> x.cpu().fxMs() / x.steps(), "–");
            row(t, "Scroll (" + mode + "): steps (pulses) per second", s, x -> x.steps() / x.seconds(), "60");
        }
        return t.toString();
    }

    private static <T> void row(StringBuilder t, String name, List<T> runs, ToDoubleFunction<T> figure, String target) {
        t.append("| ").append(name).append(" | ").append(Stats.summary(runs, figure, 1)).append(" | ").append(target)
                .append(" |\n");
    }
}
