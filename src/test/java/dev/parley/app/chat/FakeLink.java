package dev.parley.app.chat;

import dev.parley.client.ChatEvent;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;

/** A scripted connection: tests put events in and read what the view model sent. */
final class FakeLink implements ChatLink {
    final LinkedBlockingQueue<ChatEvent> events = new LinkedBlockingQueue<>();
    final List<String> sent = new ArrayList<>();
    final List<Boolean> typing = new ArrayList<>();
    int reconnects;

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
        sent.add(text);
        return "id" + sent.size();
    }

    @Override
    public void typing(boolean active) {
        typing.add(active);
    }

    @Override
    public void reconnectNow() {
        reconnects++;
    }
}
