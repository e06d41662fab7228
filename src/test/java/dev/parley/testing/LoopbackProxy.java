package dev.parley.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay on loopback between clients and a server. A test can lose the server's traffic
 * ({@link #dropFromServer}), reset every relayed connection ({@link #cutAll}), or reset only the
 * client's side so the server holds a half-open connection ({@link #cutClientSides}).
 */
public final class LoopbackProxy implements AutoCloseable {
    private final ServerSocket listener;
    private volatile int target;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private volatile boolean dropFromServer;

    /** One relayed connection. */
    private record Link(Socket client, Socket server) {
    }

    public LoopbackProxy(int targetPort) throws IOException {
        this.target = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("proxy-accept").start(this::accept);
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** While set, bytes from the server are read and thrown away, as on a link dying one way. */
    public void dropFromServer(boolean drop) {
        dropFromServer = drop;
    }

    /** From now on new connections go to {@code port} (another server taking over the address). */
    public void retarget(int port) {
        target = port;
    }

    /** Resets every relayed connection at once, on both sides. */
    public void cutAll() {
        for (Link link : List.copyOf(links)) {
            links.remove(link);
            reset(link.client());
            reset(link.server());
        }
    }

    /** Resets the clients' sides only; the server keeps connections it has not noticed are dead. */
    public void cutClientSides() {
        for (Link link : List.copyOf(links)) {
            // Unlisted first, so the relay threads failing next do not close the server's side.
            links.remove(link);
            reset(link.client());
        }
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket();
                server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), target));
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                var link = new Link(client, server);
                links.add(link);
                Thread.ofVirtual().start(() -> pipe(link, client, server, false));
                Thread.ofVirtual().start(() -> pipe(link, server, client, true));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pipe(Link link, Socket from, Socket to, boolean fromServer) {
        byte[] buf = new byte[8192];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int n; (n = in.read(buf)) >= 0; ) {
                if (!(fromServer && dropFromServer)) {
                    out.write(buf, 0, n);
                    out.flush();
                }
            }
            to.shutdownOutput();
        } catch (IOException ignored) {
            // One side went away; a link still listed is closed whole, a cut one is left as it is.
            if (links.remove(link)) {
                reset(link.client());
                reset(link.server());
            }
        }
    }

    private static void reset(Socket s) {
        try {
            s.setSoLinger(true, 0);
            s.close();
        } catch (IOException ignored) {
            // Already gone.
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        cutAll();
    }
}
