package dev.parley.app.chat;

import dev.parley.client.ChatEvent;
import dev.parley.protocol.Frame;

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

    /** The room's stored history, for the extensions; empty until a test fills it. */
    final List<Frame.RoomEvent> stored = new ArrayList<>();
    /** What the history and search requests asked, in order ("before 951", "around 42", "search otter"). */
    final List<String> requests = new java.util.concurrent.CopyOnWriteArrayList<>();
    boolean historyGranted;

    @Override
    public boolean granted(String extension) {
        return historyGranted;
    }

    @Override
    public java.util.concurrent.CompletableFuture<Frame.Page> history(Long before, Long after, Long around, int limit) {
        List<Frame.RoomEvent> sorted = stored.stream().sorted(java.util.Comparator.comparingLong(Frame.RoomEvent::seq))
                .toList();
        int from;
        int to;
        if (before != null) {
            requests.add("before " + before);
            to = (int) sorted.stream().filter(e -> e.seq() < before).count();
            from = Math.max(0, to - limit);
        } else if (after != null) {
            requests.add("after " + after);
            from = (int) sorted.stream().filter(e -> e.seq() <= after).count();
            to = Math.min(sorted.size(), from + limit);
        } else {
            requests.add("around " + around);
            int at = (int) sorted.stream().filter(e -> e.seq() < around).count();
            from = Math.max(0, at - limit / 2);
            to = Math.min(sorted.size(), from + limit);
        }
        return java.util.concurrent.CompletableFuture.completedFuture(
                new Frame.Page("r", sorted.subList(from, to), from > 0, to < sorted.size()));
    }

    @Override
    public java.util.concurrent.CompletableFuture<Frame.Found> search(String words, Long before, int limit) {
        requests.add("search " + words);
        List<Frame.Hit> hits = new ArrayList<>();
        for (int i = stored.size() - 1; i >= 0 && hits.size() < limit; i--) {
            if (stored.get(i) instanceof Frame.Msg m && m.text().contains(words) && (before == null || m.seq() < before)) {
                int at = m.text().indexOf(words);
                hits.add(new Frame.Hit(m, List.of(new Frame.Range(at, at + words.length()))));
            }
        }
        return java.util.concurrent.CompletableFuture.completedFuture(new Frame.Found("s", hits, false));
    }
}
