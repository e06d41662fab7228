package dev.parley.tls;

import dev.parley.protocol.FrameCodec;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TLS-only echo server on one NIO loop thread, built the way the real server's TLS transport will be:
 * sniff the first byte, refuse plaintext with the {@code tls_required} line, run each connection through
 * a {@link TlsLayer} with delegated tasks on a small pool, read until the layer has nothing buffered,
 * register the layer's interest ops, and close connections whose handshake is not done in time. It echoes
 * every byte back, except that a line {@code bye} makes it close the connection politely. Records what
 * the tests look at. Tests only.
 */
final class TlsEchoServer implements AutoCloseable {
    static final String LOOP_THREAD = "echo-loop";
    static final String TASK_THREAD = "echo-tls-task-";
    /** Echoed bytes held per connection before it stops reading (its client is not reading). */
    private static final int OUT_LIMIT = 256 * 1024;

    /** What the tests learn about one connection, filled in by the loop. */
    static final class Record {
        volatile boolean tls;
        volatile boolean refusedPlaintext;
        volatile boolean handshakeDone;
        volatile boolean closeNotifyReceived;
        volatile boolean closedUnfinished;
        volatile boolean closed;
        volatile long rawBytesIn;
        volatile long plaintextIn;
    }

    private final ServerTls tls;
    private final Duration handshakeLimit;
    private final ServerSocketChannel server;
    private final Selector selector;
    private final ExecutorService pool;
    private final Thread loop;
    private final ConcurrentLinkedQueue<Conn> woken = new ConcurrentLinkedQueue<>();
    private final List<Conn> open = new ArrayList<>();
    private final byte[] refusal = FirstByte.tlsRequiredLine(new FrameCodec());
    final List<Record> records = new CopyOnWriteArrayList<>();
    final Set<String> taskThreads = ConcurrentHashMap.newKeySet();
    final AtomicInteger tasksRun = new AtomicInteger();
    final AtomicInteger wakeups = new AtomicInteger();
    final AtomicInteger readsServedFromBuffer = new AtomicInteger();
    private volatile boolean running = true;

    TlsEchoServer(ServerTls tls, Duration handshakeLimit) throws IOException {
        this.tls = tls;
        this.handshakeLimit = handshakeLimit;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(2, r -> Thread.ofPlatform().daemon()
                .name(TASK_THREAD + n.incrementAndGet()).unstarted(r));
        this.selector = Selector.open();
        this.server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        server.configureBlocking(false);
        server.register(selector, SelectionKey.OP_ACCEPT);
        this.loop = Thread.ofPlatform().name(LOOP_THREAD).daemon().start(this::run);
    }

    int port() {
        return server.socket().getLocalPort();
    }

    Thread loopThread() {
        return loop;
    }

    /** The pool threads' ids, for CPU accounting. */
    ExecutorService pool() {
        return pool;
    }

    private void run() {
        try {
            while (running) {
                boolean buffered = open.stream().anyMatch(c -> c.layer != null && c.layer.hasBufferedInput());
                if (buffered) {
                    selector.selectNow();
                } else {
                    selector.select(50);
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    if (key.isValid() && key.isAcceptable()) {
                        accept();
                    } else if (key.isValid()) {
                        ((Conn) key.attachment()).pump();
                    }
                }
                selector.selectedKeys().clear();
                for (Conn c; (c = woken.poll()) != null; ) {
                    c.pump();
                }
                // Decrypted bytes the selector cannot see: serve them before waiting again.
                for (Conn c : List.copyOf(open)) {
                    if (c.layer != null && c.layer.hasBufferedInput()) {
                        readsServedFromBuffer.incrementAndGet();
                        c.pump();
                    }
                }
                long now = System.nanoTime();
                for (Conn c : List.copyOf(open)) {
                    if (!c.record.handshakeDone && now - c.opened > handshakeLimit.toNanos()) {
                        c.record.closedUnfinished = true;
                        c.close();
                    }
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            List.copyOf(open).forEach(Conn::close);
        }
    }

    private void accept() throws IOException {
        SocketChannel socket;
        while ((socket = server.accept()) != null) {
            socket.configureBlocking(false);
            Conn c = new Conn(socket);
            c.key = socket.register(selector, SelectionKey.OP_READ, c);
            open.add(c);
            records.add(c.record);
        }
    }

    @Override
    public void close() throws Exception {
        running = false;
        selector.wakeup();
        loop.join(5_000);
        server.close();
        selector.close();
        pool.shutdownNow();
    }

    /** One connection; all on the loop thread except the wake-up hand-over. */
    private final class Conn {
        final SocketChannel socket;
        final long opened = System.nanoTime();
        final Record record = new Record();
        final ByteBuffer in = ByteBuffer.allocate(16 * 1024);
        ByteBuffer out = ByteBuffer.allocate(4096);
        SelectionKey key;
        TlsLayer layer;
        boolean closing;
        final StringBuilder line = new StringBuilder();

        Conn(SocketChannel socket) {
            this.socket = socket;
        }

        void pump() {
            if (record.closed) {
                return;
            }
            try {
                if (layer == null && !sniff()) {
                    return;
                }
                // One read a turn, like the real loop; hasBufferedInput() brings us back for the rest.
                if (!closing && out.position() < OUT_LIMIT) {
                    in.clear();
                    int n = layer.read(in);
                    record.handshakeDone = layer.handshakeDone();
                    if (n < 0) {
                        record.closeNotifyReceived = layer.closeNotifyReceived();
                        close();
                        return;
                    }
                    if (n > 0) {
                        record.plaintextIn += n;
                        in.flip();
                        echo(in);
                    }
                }
                out.flip();
                layer.write(out);
                out.compact();
                if (closing && out.position() == 0 && layer.flush()) {
                    close();
                    return;
                }
                key.interestOps(layer.interestOps(!closing && out.position() < OUT_LIMIT, out.position() > 0));
            } catch (IOException e) {
                close();
            }
        }

        /** Reads the first bytes and picks the path; {@code false} when the connection is done or must wait. */
        private boolean sniff() throws IOException {
            ByteBuffer first = ByteBuffer.allocate(512);
            int n = socket.read(first);
            if (n < 0) {
                close();
                return false;
            }
            if (n == 0) {
                return false;
            }
            first.flip();
            if (FirstByte.classify(first.get(0)) != FirstByte.Kind.TLS) {
                record.refusedPlaintext = true;
                socket.write(ByteBuffer.wrap(refusal));
                close();
                return false;
            }
            record.tls = true;
            ByteChannel counted = new Counting(new ReplayChannel(first, socket), record);
            layer = new TlsLayer(tls, counted, task -> pool.execute(() -> {
                taskThreads.add(Thread.currentThread().getName());
                tasksRun.incrementAndGet();
                task.run();
            }), () -> {
                wakeups.incrementAndGet();
                woken.add(this);
                selector.wakeup();
            });
            return true;
        }

        /** Copies {@code data} to the outbox, and notices a {@code bye} line. */
        private void echo(ByteBuffer data) {
            for (int i = data.position(); i < data.limit(); i++) {
                byte b = data.get(i);
                if (b == '\n') {
                    closing |= line.toString().equals("bye");
                    line.setLength(0);
                } else if (line.length() < 4) {
                    line.append((char) b);
                }
            }
            if (out.remaining() < data.remaining()) {
                ByteBuffer bigger = ByteBuffer.allocate(Math.max(out.capacity() * 2, out.position() + data.remaining()));
                out.flip();
                bigger.put(out);
                out = bigger;
            }
            out.put(data);
        }

        void close() {
            if (record.closed) {
                return;
            }
            record.closed = true;
            open.remove(this);
            if (layer != null) {
                quietly(layer::shutdown);
                quietly(layer::close);
            }
            quietly(socket::close);
        }
    }

    private interface Step {
        void run() throws IOException;
    }

    /** Each closing step on its own: one failing must not keep the socket open. */
    private static void quietly(Step step) {
        try {
            step.run();
        } catch (IOException ignored) {
            // Closing is all that was wanted.
        }
    }

    /** Counts the bytes read from the socket, ciphertext and all. */
    private record Counting(ByteChannel channel, Record record) implements ByteChannel {
        @Override
        public int read(ByteBuffer dst) throws IOException {
            int n = channel.read(dst);
            if (n > 0) {
                record.rawBytesIn += n;
            }
            return n;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            return channel.write(src);
        }

        @Override
        public boolean isOpen() {
            return channel.isOpen();
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
