package dev.parley.app.chat;

import dev.parley.client.ChatEvent;
import javafx.concurrent.Task;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Carries a chat's events from its connection to the FX thread in batches.
 *
 * <p>A background {@link Task} waits for events and drains whatever else is waiting into the same
 * batch. Batches collect in a hand-over list; at most one hand-over is queued on the FX executor at
 * a time, so however fast events arrive the FX thread sees one {@code runLater} per batch it can
 * take, never one per message. The sink runs on the FX executor only.
 */
public final class EventPump {
    /** Most events taken from the connection in one go. */
    static final int MAX_DRAIN = 4_096;

    private final ChatLink link;
    private final Executor fxExecutor;
    private final Consumer<List<ChatEvent>> sink;
    private final Consumer<List<ChatEvent>> tap;
    private final Object handOverLock = new Object();
    private List<ChatEvent> handOver = new ArrayList<>();
    private boolean scheduled;
    private Task<Void> task;

    public EventPump(ChatLink link, Executor fxExecutor, Consumer<List<ChatEvent>> sink) {
        this(link, fxExecutor, sink, batch -> { });
    }

    /**
     * @param tap sees every batch first, on the pump's own thread (the guest copy records there, off
     *            the FX thread); it must not block
     */
    public EventPump(ChatLink link, Executor fxExecutor, Consumer<List<ChatEvent>> sink, Consumer<List<ChatEvent>> tap) {
        this.link = link;
        this.fxExecutor = fxExecutor;
        this.sink = sink;
        this.tap = tap;
    }

    /** Starts pumping on a daemon thread. Call once. */
    public void start() {
        task = new Task<>() {
            @Override
            protected Void call() throws InterruptedException {
                pump();
                return null;
            }
        };
        Thread thread = new Thread(task, "parley-events");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops waiting for events; what was already handed over is still delivered. */
    public void stop() {
        if (task != null) {
            task.cancel();
        }
    }

    /** The pump loop: returns after the chat's {@link ChatEvent.Ended} has been handed over. */
    void pump() throws InterruptedException {
        List<ChatEvent> batch = new ArrayList<>();
        while (!Thread.currentThread().isInterrupted()) {
            batch.add(link.takeEvent());
            link.drainEvents(batch, MAX_DRAIN);
            boolean ended = batch.getLast() instanceof ChatEvent.Ended
                    || batch.stream().anyMatch(ChatEvent.Ended.class::isInstance);
            try {
                tap.accept(List.copyOf(batch));
            } catch (RuntimeException e) {
                System.getLogger(EventPump.class.getName()).log(System.Logger.Level.WARNING, "a tap failed", e);
            }
            handOver(batch);
            batch = new ArrayList<>();
            if (ended) {
                return;
            }
        }
    }

    private void handOver(List<ChatEvent> batch) {
        synchronized (handOverLock) {
            handOver.addAll(batch);
            if (scheduled) {
                return;
            }
            scheduled = true;
        }
        fxExecutor.execute(this::deliver);
    }

    private void deliver() {
        List<ChatEvent> events;
        synchronized (handOverLock) {
            events = handOver;
            handOver = new ArrayList<>();
            scheduled = false;
        }
        if (!events.isEmpty()) {
            sink.accept(events);
        }
    }
}
