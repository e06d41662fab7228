package dev.parley.app.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * A loopback relay in front of a room server that lets each connection send the first
 * {@code freeBytes} towards the server and holds the rest until {@link #open()}: a transfer then
 * stands still part way, for as long as a test looks at it, with no clock involved.
 */
final class ValveRelay implements AutoCloseable {
    private final int target;
    private final long freeBytes;
    private final CountDownLatch opened = new CountDownLatch(1);
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private ServerSocket listener;

    ValveRelay(int target, long freeBytes) {
        this.target = target;
        this.freeBytes = freeBytes;
    }

    ValveRelay start() throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::accept);
        return this;
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Lets everything through from now on. */
    void open() {
        opened.countDown();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), target);
                sockets.add(client);
                sockets.add(server);
                Thread.ofVirtual().start(() -> pipe(client, server, true));
                Thread.ofVirtual().start(() -> pipe(server, client, false));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pipe(Socket from, Socket to, boolean held) {
        byte[] buffer = new byte[16 * 1024];
        long passed = 0;
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (held && passed + n > freeBytes) {
                    opened.await();
                }
                out.write(buffer, 0, n);
                passed += n;
            }
        } catch (IOException e) {
            // One side closed: close the other too.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            close(from);
            close(to);
        }
    }

    @Override
    public void close() throws IOException {
        open();
        listener.close();
        sockets.forEach(ValveRelay::close);
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // Closing is all that is wanted.
        }
    }
}
