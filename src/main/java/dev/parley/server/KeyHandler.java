package dev.parley.server;

/**
 * What a selection key of the {@link EventLoop} is attached to: the listener, a connection, and
 * later anything else the loop watches (a discovery socket, an IRC listener). The loop knows no
 * more of them than this. Loop thread only.
 */
interface KeyHandler {
    /** The key is ready for {@code readyOps}; must not throw for one peer's trouble (the loop drops it if it does). */
    void handle(int readyOps);

    /** Called when {@link #handle} threw: give up this handler's peer, the loop goes on with the others. */
    void failed(RuntimeException e);
}
