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
    record Burst(int size, boolean live, double fedMs, double inListMs, double shownMs, int batches, int maxBatch,
                 double handOverMs, FxWatchdog.Stalls stalls, List<PulseRecorder.Pulse> pulses, CpuMeter.Use cpu) {
        String where() {
            return live ? "into an open chat" : "into a just-opened chat";
        }
    }

    /** Rows an open chat shows before a live burst: more than a screenful, so its cells exist. */
    static final int OPEN_CHAT_ROWS = 200;

    /**
     * A scroll run: one step per pulse. {@code pageIns}: how often older or newer rows were paged
     * into the list's window; {@code maxListRows}: the most rows the list held meanwhile;
     * {@code reachedTop}: whether the chat's first row came into view.
     */
    record Scroll(String mode, int steps, double seconds, FxWatchdog.Stalls stalls, List<PulseRecorder.Pulse> pulses,
                  CpuMeter.Use cpu, int pageIns, int maxListRows, boolean reachedTop) {
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

    /**
     * Measures a burst of {@code size} messages: {@code live}, into a chat that already shows
     * {@link #OPEN_CHAT_ROWS} messages (live traffic); else into a chat just opened, whose cells do
     * not exist yet (what joining a room with a long history looks like).
     */
    Burst burst(int size, boolean live) {
        fx(() -> window.openChat(traffic));
        if (live) {
            window.link().deliver(traffic.messages(OPEN_CHAT_ROWS, "already here " + (++marker)));
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (fx(() -> window.vm().items().size()) < OPEN_CHAT_ROWS && System.nanoTime() < deadline) {
                sleep(20);
            }
        }
        sleep(700);
        return burstIntoOpenChat(size, live);
    }

    /** A window that only shows an open chat: the noise floor of the measurements. */
    Scroll idle(long millis) {
        fx(() -> window.openChat(traffic));
        sleep(700);
        long from = begin();
        sleep(millis);
        return new Scroll("idle", 0, millis / 1000.0, watchdog.snapshot(), pulses(from), cpu.stop(), 0, 0, false);
    }

    /** Loads a room of {@code size} messages, weighs the heap, then scrolls through it two ways. */
    Room room(int size, int jumpSteps, int wheelSteps) {
        fx(() -> window.openChat(traffic));
        sleep(700);
        long empty = heapAfterGc();
        Burst load = burstIntoOpenChat(size, false);
        long full = heapAfterGc();
        sleep(300);
        // A person scrolls up a notch first: from then on the view stops following new rows.
        fx(() -> wheel(NOTCH));
        sleep(300);
        // Jump: from the newest row to the first, in steps of size / jumpSteps rows, as when dragging
        // the scroll bar up. The list holds a window of the chat, so each step jumps that far above
        // the row at the top, and reaching the window's top pages older rows in.
        int stride = Math.max(1, size / jumpSteps);
        Scroll jump = scroll("jump", 3 * jumpSteps, k -> {
            var first = window.flow().getFirstVisibleCell();
            window.list().scrollTo(Math.max(0, (first == null ? 0 : first.getIndex()) - stride));
        }, this::atFirstRow);
        sleep(300);
        // Wheel: from the newest row up, three notches per pulse, as before.
        fx(() -> ((javafx.scene.control.Button) window.scene().lookup("#newMessagesButton")).fire());
        sleep(500);
        fx(() -> wheel(NOTCH));
        sleep(300);
        Scroll wheel = scroll("wheel", wheelSteps, k -> wheel(3 * NOTCH), () -> false);
        return new Room(load, empty, full, jump, wheel);
    }

    private Burst burstIntoOpenChat(int size, boolean live) {
        String last = "end of burst " + (++marker);
        List<ChatEvent> events = traffic.messages(size, last);
        var probe = fx(() -> new BurstProbe(window, last));
        window.takeLongestHandOverMs();
        long from = begin();
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
        return new Burst(size, live, (fed - t0) / 1e6, probe.inListAt == 0 ? Double.NaN : (probe.inListAt - t0) / 1e6,
                probe.shownAt == 0 ? Double.NaN : (probe.shownAt - t0) / 1e6, probe.batches, probe.maxBatch,
                window.takeLongestHandOverMs(), stalls, pulses(from), use);
    }

    /** Whether the chat's first row is at the top of the view. FX thread. */
    private boolean atFirstRow() {
        var first = window.flow().getFirstVisibleCell();
        var items = window.vm().items();
        return first != null && first.getIndex() == 0 && !items.isEmpty() && first.getItem() == items.getFirst();
    }

    private Scroll scroll(String mode, int maxSteps, IntConsumer step, java.util.function.BooleanSupplier finished) {
        var done = new CountDownLatch(1);
        long[] ended = new long[1];
        int[] taken = new int[1];
        int[] pageIns = new int[1];
        int[] maxRows = new int[1];
        boolean[] top = new boolean[1];
        ListChangeListener<ChatItem> paging = c -> {
            while (c.next()) {
                if (c.wasAdded() && !c.wasReplaced() && (c.getFrom() == 0 || c.getTo() == c.getList().size())
                        && c.getAddedSize() > 1) {
                    pageIns[0]++;
                }
            }
            maxRows[0] = Math.max(maxRows[0], c.getList().size());
        };
        fx(() -> {
            maxRows[0] = window.list().getItems().size();
            window.list().getItems().addListener(paging);
        });
        AnimationTimer driver = new AnimationTimer() {
            private int k;

            @Override
            public void handle(long now) {
                boolean reached = finished.getAsBoolean();
                if (k < maxSteps && !reached) {
                    step.accept(k++);
                } else {
                    stop();
                    taken[0] = k;
                    top[0] = reached || atFirstRow();
                    ended[0] = System.nanoTime();
                    done.countDown();
                }
            }
        };
        long from = begin();
        long t0 = System.nanoTime();
        fx(driver::start);
        await(done, 600);
        double seconds = (ended[0] - t0) / 1e9;
        sleep(TAIL_MS);
        var stalls = watchdog.snapshot();
        var use = cpu.stop();
        fx(() -> window.list().getItems().removeListener(paging));
        return new Scroll(mode, taken[0], seconds, stalls, pulses(from), use, pageIns[0], maxRows[0], top[0]);
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

    /** Starts a measurement window; returns its mark on the pulse recorder's clock (0 without one). */
    private long begin() {
        if (recorder != null) {
            recorder.reset();
        }
        watchdog.reset();
        cpu.start();
        return recorder == null ? 0 : recorder.mark();
    }

    private List<PulseRecorder.Pulse> pulses(long from) {
        return recorder == null ? List.of() : recorder.pulses(from, recorder.mark());
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
