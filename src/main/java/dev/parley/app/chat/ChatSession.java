package dev.parley.app.chat;

import dev.parley.client.ChatClient;
import dev.parley.client.ChatEvent;
import dev.parley.server.RoomServer;

import java.util.Collection;

/**
 * One open chat: the client that takes part and, when this window hosts, the room server it runs.
 *
 * @param client   the participant, already connected
 * @param server   the room this app hosts, or {@code null} when it joined someone else's
 * @param address  where the room is, as a person would type it ({@code host:port})
 * @param earlier  what this app kept of the room from an earlier visit, shown before anything arrives
 *                 (no events when hosting or for a room never joined here)
 */
public record ChatSession(ChatClient client, RoomServer server, String address, Kept earlier) implements ChatLink {

    /** What the app kept of a room: its name when last seen ({@code null}: unknown) and its latest events, oldest first. */
    public record Kept(String room, java.util.List<dev.parley.protocol.Frame.RoomEvent> events) {
        public static final Kept NONE = new Kept(null, java.util.List.of());

        public Kept {
            events = events == null ? java.util.List.of() : java.util.List.copyOf(events);
        }
    }

    public ChatSession {
        earlier = earlier == null ? Kept.NONE : earlier;
    }

    public ChatSession(ChatClient client, RoomServer server, String address) {
        this(client, server, address, Kept.NONE);
    }

    public boolean hosting() {
        return server != null;
    }

    public String nick() {
        return client.config().nick().strip();
    }

    /** How many people other than the host are in the room; 0 when not hosting. */
    public int guestCount() {
        return server == null ? 0 : Math.max(0, server.users().size() - 1);
    }

    /**
     * Says bye and, when hosting, ends the room for everyone. Returns at once; the server's goodbyes
     * are written on a background thread so the FX thread never waits on the network. The returned
     * thread ends once they are written (or the server's grace time is over); an app that is about
     * to exit joins it so guests hear that the host ended the chat.
     */
    public Thread leave() {
        client.close();
        return server == null ? Thread.ofVirtual().unstarted(() -> { })
                : Thread.ofVirtual().name("parley-host-close").start(server::close);
    }

    @Override
    public ChatEvent takeEvent() throws InterruptedException {
        return client.takeEvent();
    }

    @Override
    public int drainEvents(Collection<? super ChatEvent> into, int max) {
        return client.drainEvents(into, max);
    }

    @Override
    public String send(String text) {
        return client.send(text);
    }

    @Override
    public void typing(boolean active) {
        client.typing(active);
    }

    @Override
    public void reconnectNow() {
        client.reconnectNow();
    }

    @Override
    public dev.parley.app.files.FileLink files() {
        return dev.parley.app.files.FileLink.of(client);
    }

    @Override
    public boolean granted(String extension) {
        return client.granted(extension);
    }

    @Override
    public java.util.concurrent.CompletableFuture<dev.parley.protocol.Frame.Page> history(Long before, Long after,
                                                                                       Long around, int limit) {
        return client.history(before, after, around, limit);
    }

    @Override
    public java.util.concurrent.CompletableFuture<dev.parley.protocol.Frame.Found> search(String words, Long before,
                                                                                       int limit) {
        return client.search(words, before, limit);
    }
}
