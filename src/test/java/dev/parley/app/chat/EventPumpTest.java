package dev.parley.app.chat;

import dev.parley.client.ChatEvent;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.concurrent.Executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Batching from the connection to the (here simulated) FX thread. */
@Timeout(30)
class EventPumpTest {
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    /** An FX thread stand-in that runs nothing until the test says so and remembers the most queued at once. */
    static final class HeldExecutor implements Executor {
        final ArrayDeque<Runnable> queued = new ArrayDeque<>();
        int mostQueued;

        @Override
        public synchronized void execute(Runnable r) {
            queued.add(r);
            mostQueued = Math.max(mostQueued, queued.size());
        }

        synchronized Runnable next() {
            return queued.poll();
        }
    }

    @Test
    void aBurstOfTenThousandMessagesEndsInTheListInOrderWithAtMostOneHandOverQueued() throws Exception {
        var link = new FakeLink();
        var clock = new MutableClock(T0, ZoneOffset.UTC);
        var bundle = ResourceBundle.getBundle("dev.parley.app.messages", Locale.ENGLISH);
        var vm = new ChatViewModel(link, "x:1", false, bundle, clock, (t, x) -> { });
        link.events.add(Events.welcome("Bob", "Alice"));
        for (int i = 0; i < 10_000; i++) {
            link.events.add(Events.from("Alice", "m" + i, T0));
        }
        link.events.add(new ChatEvent.Ended(ChatEvent.EndReason.CLOSED, null));
        var fx = new HeldExecutor();
        int[] batches = {0};
        var pump = new EventPump(link, fx, batch -> {
            batches[0]++;
            vm.apply(batch);
        });

        pump.pump();
        for (Runnable r = fx.next(); r != null; r = fx.next()) {
            r.run();
        }

        assertEquals(1, fx.mostQueued, "one hand-over waits on the FX thread at a time");
        assertTrue(batches[0] >= 1);
        List<String> texts = vm.items().stream().filter(ChatItem.Message.class::isInstance)
                .map(i -> ((ChatItem.Message) i).text()).toList();
        assertEquals(10_000, texts.size());
        for (int i = 0; i < texts.size(); i++) {
            assertEquals("m" + i, texts.get(i));
        }
    }

    @Test
    void eventsArrivingWhileAHandOverWaitsJoinItInsteadOfQueueingAnother() throws Exception {
        var link = new FakeLink();
        var fx = new HeldExecutor();
        var received = new java.util.ArrayList<ChatEvent>();
        var pump = new EventPump(link, fx, received::addAll);
        Thread t = Thread.ofVirtual().start(() -> {
            try {
                pump.pump();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        link.events.add(new ChatEvent.Typing("Alice", true));
        org.awaitility.Awaitility.await().until(() -> fx.queued.size() == 1);
        link.events.add(new ChatEvent.Typing("Alice", false));
        link.events.add(new ChatEvent.Ended(ChatEvent.EndReason.CLOSED, null));
        t.join();

        assertEquals(1, fx.queued.size());
        fx.next().run();
        assertEquals(3, received.size());
    }
}
