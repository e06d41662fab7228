package dev.parley.server;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * The listening socket on the event loop: takes every pending connection the kernel holds and
 * hands each to the loop. When accepting fails (out of file descriptors, say) the connection stays
 * in the backlog and the key stays ready, so it stops asking until the next tick instead of
 * spinning on it. Loop thread only.
 */
final class Listener implements KeyHandler {
    private static final System.Logger LOG = System.getLogger("dev.parley.server");

    private final ServerSocketChannel server;
    private final Network network;
    private final EventLoop loop;
    private SelectionKey key;
    private boolean paused;
    private boolean open = true;

    Listener(ServerSocketChannel server, Network network, EventLoop loop) {
        this.server = server;
        this.network = network;
        this.loop = loop;
    }

    void registered(SelectionKey selectionKey) {
        this.key = selectionKey;
    }

    @Override
    public void handle(int readyOps) {
        while (open) {
            SocketChannel channel;
            try {
                channel = network.accept(server);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.ERROR, "accepting connections failed: {0}; trying again in a second",
                        e.getMessage());
                pause();
                return;
            }
            if (channel == null) {
                return;
            }
            loop.accepted(channel);
        }
    }

    @Override
    public void failed(RuntimeException e) {
        LOG.log(System.Logger.Level.ERROR, "accepting connections failed; trying again in a second", e);
        pause();
    }

    /** Once a tick: accept again after a failure. */
    void tick() {
        if (paused && open && key.isValid()) {
            paused = false;
            key.interestOps(SelectionKey.OP_ACCEPT);
        }
    }

    /** Stops accepting for good and closes the listening socket. */
    void close() {
        open = false;
        if (key != null) {
            key.cancel();
        }
        try {
            server.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing the listening socket: {0}", e.getMessage());
        }
    }

    private void pause() {
        if (key.isValid()) {
            key.interestOps(0);
        }
        paused = true;
    }
}
