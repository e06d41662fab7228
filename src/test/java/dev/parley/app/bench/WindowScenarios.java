package dev.parley.app.bench;

import dev.parley.app.chat.ChatItem;
import dev.parley.client.ChatEvent;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.event.Event;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.ScrollEvent;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * The measured things: a burst of messages into an open chat, and scrolling a big room. Runs on the
 * benchmark's main thread and reaches into the FX thread only through {@link #fx}.
 */
final class WindowScenarios {
    /** How long a measurement goes on after its goal, to catch the pulses that follow. */
    private static final long TAIL_MS = 500;
    /** One mouse-wheel notch on GTK, in pixels; the wheel scroll moves three per pulse. */
    private static final double NOTCH = 40;
    /** How long a burst may take to show before the measurement notes that it never did. */
    static final long SHOWN_TIMEOUT_S = 30;

    /** A burst: from the first event queued to the last message in the list, then laid out on screen. */
    record Burst(int size, double fedMs, double inListMs, double shownMs, int batches, int maxBatch,
                 double handOverMs, FxWatchdog.Stalls stalls, List<PulseRecorder.Pulse> pulses, CpuMeter.Use cpu) {
    }

    /** A scroll run: one step per pulse. */
    record Scroll(String mode, int steps, double seconds, FxWatchdog.Stalls stalls, List<PulseRecorder.Pulse> pulses,
                  CpuMeter.Use cpu) {
    }

    /** A big room: loading it, the heap it holds, and scrolling it. */
    record Room(Burst load, long heapEmpty, long heapFull, Scroll jump, Scroll wheel) {
    }

    private final BenchWindow window;
    private final FxWatchdog watchdog;
    private final PulseRecorder recorder;
    private final CpuMeter cpu;
    private final Traffic traffic = new Traffic();
    private int marker;

    WindowScenarios(BenchWindow window, FxWatchdog watchdog, PulseRecorder recorder, CpuMeter cpu) {
        this.window = window;
        this.watchdog = watchdog;
        this.recorder = recorder;
        this.cpu = cpu;
    }

    /** Opens a fresh chat, lets it settle, and measures a burst of {@code size} messages into it. */
    Burst burst(int size) {
        fx(() -> window.openChat(traffic));
        sleep(700);
        return burstIntoOpenChat(size);
    }

    /** A window that only shows an open chat: the noise floor of the measurements. */
    Scroll idle(long millis) {
        fx(() -> window.openChat(traffic));
        sleep(700);
        Instant from = begin();
        sleep(millis);
        return new Scroll("idle", 0, millis / 1000.0, watchdog.snapshot(), pulses(from), cpu.stop());
    }

    /** Loads a room of {@code size} messages, weighs the heap, then scrolls through it two ways. */
    Room room(int size, int jumpSteps, int wheelSteps) {
        fx(() -> window.openChat(traffic));
        sleep(700);
        long empty = heapAfterGc();
        Burst load = burstIntoOpenChat(size);
        long full = heapAfterGc();
        sleep(300);
        // A person scrolls up a notch first: from then on the view stops following new rows.
        fx(() -> wheel(NOTCH));
        sleep(300);
        int rows = fx(() -> window.list().getItems().size());
        Scroll jump = scroll("jump", jumpSteps, k -> window.list().scrollTo((int) ((long) k * (rows - 1) / (jumpSteps - 1))));
        sleep(300);
        Scroll wheel = scroll("wheel", wheelSteps, k -> wheel(3 * NOTCH));
        return new Room(load, empty, full, jump, wheel);
    }

    private Burst burstIntoOpenChat(int size) {
        String last = "end of burst " + (++marker);
        List<ChatEvent> events = traffic.messages(size, last);
        var probe = fx(() -> new BurstProbe(window, last));
        window.takeLongestHandOverMs();
        Instant from = begin();
        long t0 = System.nanoTime();
        window.link().deliver(events);
        long fed = System.nanoTime();
        if (!probe.awaitShown()) {
            System.out.println("  ! the burst's last message was not shown within " + SHOWN_TIMEOUT_S + " s: "
                    + fx(probe::state));
        }
        sleep(TAIL_MS);
        var stalls = watchdog.snapshot();
        var use = cpu.stop();
        fx(probe::remove);
        return new Burst(size, (fed - t0) / 1e6, probe.inListAt == 0 ? Double.NaN : (probe.inListAt - t0) / 1e6,
                probe.shownAt == 0 ? Double.NaN : (probe.shownAt - t0) / 1e6, probe.batches, probe.maxBatch,
                window.takeLongestHandOverMs(), stalls, pulses(from), use);
    }

    private Scroll scroll(String mode, int steps, IntConsumer step) {
        var done = new CountDownLatch(1);
        long[] ended = new long[1];
        AnimationTimer driver = new AnimationTimer() {
            private int k;

            @Override
            public void handle(long now) {
                if (k < steps) {
                    step.accept(k++);
                } else {
                    stop();
                    ended[0] = System.nanoTime();
                    done.countDown();
                }
            }
        };
        Instant from = begin();
        long t0 = System.nanoTime();
        fx(driver::start);
        await(done, 600);
        double seconds = (ended[0] - t0) / 1e9;
        sleep(TAIL_MS);
        var stalls = watchdog.snapshot();
        var use = cpu.stop();
        return new Scroll(mode, steps, seconds, stalls, pulses(from), use);
    }

    /** What a mouse wheel sends; positive {@code dy} scrolls towards older rows. FX thread. */
    private void wheel(double dy) {
        VirtualFlow<?> flow = window.flow();
        double x = flow.getWidth() / 2;
        double y = flow.getHeight() / 2;
        var p = flow.localToScreen(x, y);
        Event.fireEvent(flow, new ScrollEvent(ScrollEvent.SCROLL, x, y, p == null ? x : p.getX(), p == null ? y : p.getY(),
                false, false, false, false, false, false, 0, dy, 0, dy, ScrollEvent.HorizontalTextScrollUnits.NONE, 0,
                ScrollEvent.VerticalTextScrollUnits.NONE, 0, 0, null));
    }

    private Instant begin() {
        if (recorder != null) {
            recorder.reset();
        }
        watchdog.reset();
        cpu.start();
        return Instant.now();
    }

    private List<PulseRecorder.Pulse> pulses(Instant from) {
        return recorder == null ? List.of() : recorder.pulses(from, Instant.now());
    }

    static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            sleep(150);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Watches one burst from the FX thread: when its last message is in the list, and when it is on screen. */
    private static final class BurstProbe {
        private final BenchWindow window;
        private final String last;
        private final CountDownLatch shown = new CountDownLatch(1);
        private final ListChangeListener<ChatItem> onChange = this::changed;
        private final Runnable afterLayout = this::laidOut;
        volatile long inListAt;
        volatile long shownAt;
        volatile int batches;
        volatile int maxBatch;

        BurstProbe(BenchWindow window, String last) {
            this.window = window;
            this.last = last;
            window.vm().items().addListener(onChange);
            window.scene().addPostLayoutPulseListener(afterLayout);
        }

        private void changed(ListChangeListener.Change<? extends ChatItem> c) {
            while (c.next()) {
                if (c.wasAdded() && !c.wasReplaced()) {
                    batches++;
                    maxBatch = Math.max(maxBatch, c.getAddedSize());
                }
            }
            var items = window.vm().items();
            if (inListAt == 0 && !items.isEmpty() && isLast(items.getLast())) {
                inListAt = System.nanoTime();
            }
        }

        private void laidOut() {
            if (inListAt == 0 || shownAt != 0) {
                return;
            }
            VirtualFlow<?> flow = window.flow();
            if (flow != null && flow.getLastVisibleCell() instanceof IndexedCell<?> cell && isLast(cell.getItem())
                    && cell.isVisible() && cell.getBoundsInParent().getMaxY() <= flow.getHeight() + 1.0) {
                shownAt = System.nanoTime();
                shown.countDown();
            }
        }

        private boolean isLast(Object item) {
            return item instanceof ChatItem.Message m && m.text().equals(last);
        }

        boolean awaitShown() {
            try {
                return shown.await(SHOWN_TIMEOUT_S, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        /** Where the list is, for a burst that never showed. FX thread. */
        String state() {
            VirtualFlow<?> flow = window.flow();
            var items = window.vm().items();
            var newButton = window.scene().lookup("#newMessagesButton");
            String last = flow != null && flow.getLastVisibleCell() instanceof IndexedCell<?> cell
                    ? "last visible row " + cell.getIndex() + (isLast(cell.getItem()) ? " (the burst's last)" : "")
                    + String.format(", its bottom at %.1f of %.1f", cell.getBoundsInParent().getMaxY(), flow.getHeight())
                    : "no visible row";
            return String.format("%,d rows, in list: %s, %s, new-messages button %s", items.size(), inListAt != 0, last,
                    newButton != null && newButton.isVisible() ? "shown" : "hidden");
        }

        void remove() {
            window.vm().items().removeListener(onChange);
            window.scene().removePostLayoutPulseListener(afterLayout);
        }
    }

    /** Runs {@code action} on the FX thread and waits for it. */
    static void fx(Runnable action) {
        fx(() -> {
            action.run();
            return null;
        });
    }

    static <T> T fx(Callable<T> action) {
        var task = new FutureTask<>(action);
        Platform.runLater(task);
        try {
            return task.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("FX action failed", e);
        }
    }

    private static void await(CountDownLatch latch, long seconds) {
        try {
            if (!latch.await(seconds, TimeUnit.SECONDS)) {
                throw new IllegalStateException("gave up after " + seconds + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
