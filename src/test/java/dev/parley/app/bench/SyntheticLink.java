package dev.parley.app.bench;

import dev.parley.app.chat.ChatLink;
import dev.parley.client.ChatEvent;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A connection whose incoming side is scripted: {@link #deliver} puts events into the same kind of
 * queue {@code ChatClient}'s reader fills, one at a time, so the real {@code EventPump} batches them
 * exactly as it batches a socket's. Sends go nowhere.
 */
final class SyntheticLink implements ChatLink {
    private final LinkedBlockingQueue<ChatEvent> events = new LinkedBlockingQueue<>();
    private final AtomicInteger sent = new AtomicInteger();

    /** Called on the thread playing the network reader; returns once every event is queued. */
    void deliver(List<ChatEvent> batch) {
        for (ChatEvent e : batch) {
            events.add(e);
        }
    }

    @Override
    public ChatEvent takeEvent() throws InterruptedException {
        return events.take();
    }

    @Override
    public int drainEvents(Collection<? super ChatEvent> into, int max) {
        return events.drainTo(into, max);
    }

    @Override
    public String send(String text) {
        return "bench-" + sent.incrementAndGet();
    }

    @Override
    public void typing(boolean active) {
    }

    @Override
    public void reconnectNow() {
    }
}
