package dev.parley.app.chat;

import dev.parley.client.ChatEvent;

import java.util.Collection;

/**
 * What a chat window needs from its connection: events in, sends out. {@link dev.parley.client.ChatClient}
 * provides it in the app ({@link ChatSession}); tests may script one.
 *
 * <p>{@link #takeEvent()} blocks and is called only by the event pump's background thread; the
 * other methods never block and are called on the FX thread.
 */
public interface ChatLink {

    ChatEvent takeEvent() throws InterruptedException;

    int drainEvents(Collection<? super ChatEvent> into, int max);

    /** Queues a message (sent now or after a reconnect) and returns its id. */
    String send(String text);

    void typing(boolean active);

    void reconnectNow();

    /** Whether the host granted this extension ({@link dev.parley.protocol.Extensions}); none by default. */
    default boolean granted(String extension) {
        return false;
    }

    /** Extension {@code files}: sending and saving files; a link to a host that takes none by default. */
    default dev.parley.app.files.FileLink files() {
        return dev.parley.app.files.FileLink.NONE;
    }

    /** Extension {@code history}: a page of stored events; completes off the FX thread. */
    default java.util.concurrent.CompletableFuture<dev.parley.protocol.Frame.Page> history(Long before, Long after,
                                                                                        Long around, int limit) {
        return java.util.concurrent.CompletableFuture.failedFuture(new UnsupportedOperationException("no history"));
    }

    /** Extension {@code search}: matching messages, newest first; completes off the FX thread. */
    default java.util.concurrent.CompletableFuture<dev.parley.protocol.Frame.Found> search(String words, Long before,
                                                                                        int limit) {
        return java.util.concurrent.CompletableFuture.failedFuture(new UnsupportedOperationException("no search"));
    }
}
