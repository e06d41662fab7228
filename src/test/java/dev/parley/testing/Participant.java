package dev.parley.testing;

import dev.parley.client.ChatClient;
import dev.parley.client.ChatEvent;
import dev.parley.client.ClientConfig;
import dev.parley.client.HostTrust;
import dev.parley.client.TlsDialer;
import dev.parley.protocol.Frame;
import dev.parley.tls.HostKey;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

import org.awaitility.Awaitility;

/** A {@link ChatClient} whose events are collected in the background for tests to wait on. */
public final class Participant implements AutoCloseable {
    /** Fast reconnects and heartbeats so tests do not wait for the protocol's real timings. */
    public static final UnaryOperator<ClientConfig> FAST = c -> c.withTimings(Duration.ofMillis(500),
            Duration.ofSeconds(3), Duration.ofMillis(100), Duration.ofMillis(400));

    private final ChatClient client;
    private final List<ChatEvent> events = new CopyOnWriteArrayList<>();
    private final Thread pump;

    private Participant(ChatClient client) {
        this.client = client;
        this.pump = Thread.ofVirtual().name("test-pump").start(this::pump);
    }

    public static Participant join(int port, String nick) throws Exception {
        return join(FAST.apply(ClientConfig.of("127.0.0.1", port, nick)));
    }

    public static Participant join(ClientConfig config) throws Exception {
        return join(new ChatClient(config));
    }

    /** Joins over TLS a host that must prove {@code hostKey} (as {@code join --trust-host-key} does). */
    public static Participant join(int port, String nick, HostKey hostKey) throws Exception {
        return join(new ChatClient(FAST.apply(ClientConfig.of("127.0.0.1", port, nick)),
                new TlsDialer(HostTrust.expect(hostKey, null), null)));
    }

    private static Participant join(ChatClient client) throws Exception {
        client.connect();
        return new Participant(client);
    }

    private void pump() {
        try {
            while (true) {
                ChatEvent e = client.takeEvent();
                events.add(e);
                if (e instanceof ChatEvent.Ended) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public ChatClient client() {
        return client;
    }

    public List<ChatEvent> events() {
        return events;
    }

    public <T extends ChatEvent> List<T> events(Class<T> kind) {
        return events.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    /** Every message received, in arrival order. */
    public List<Frame.Msg> messages() {
        return events(ChatEvent.Message.class).stream().map(ChatEvent.Message::msg).toList();
    }

    public List<String> texts() {
        return messages().stream().map(Frame.Msg::text).toList();
    }

    public void awaitTexts(int count) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> texts().size() >= count);
    }

    public void awaitText(String text) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> texts().contains(text));
    }

    public <T extends ChatEvent> T awaitEvent(Class<T> kind) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !events(kind).isEmpty());
        return events(kind).getFirst();
    }

    @Override
    public void close() {
        client.close();
        pump.interrupt();
    }
}
