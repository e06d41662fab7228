package dev.parley.bench;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The load generator: N simulated participants on one NIO selector, driven by a single thread, over
 * plain TCP or, with {@link BenchTls}, TLS 1.3 (tls-channel over each socket, on the same selector).
 *
 * <p>One thread on its own core, no locks, no allocation per received line: it reads whole
 * socket buffers, splits them into lines and times every benchmark message from the moment its
 * sender wrote it (the send time travels inside the payload, so both clocks are the same
 * {@link System#nanoTime()}). Every participant reads everything; deliveries are counted at every
 * receiver except the sender itself (Parley also echoes a message to its sender as its
 * confirmation; IRC does not, so echoes are left out of the counts to compare like with like).
 *
 * <p>Not thread-safe: create, drive and close it on one thread.
 */
final class LoadGenerator implements AutoCloseable {
    /** How senders are driven. */
    enum Mode { CLOSED, OPEN }

    private static final long HIGHEST = TimeUnit.SECONDS.toNanos(60);

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final Dialect dialect;
    private final InetSocketAddress target;
    /** TLS for every participant, or {@code null} for plain TCP. */
    private final BenchTls tls;
    private final int payloadSize;
    private final PrintStream log;
    private final Selector selector;
    private final ByteBuffer in = ByteBuffer.allocate(1 << 16);
    private final Dialect.Parsed parsed = new Dialect.Parsed();
    private final long origin = System.nanoTime();

    private final java.util.Map<String, Integer> lostReasons = new java.util.TreeMap<>();
    private Client[] clients = new Client[0];
    private int count;
    private int started;
    private int concurrency;
    private int registered;
    private long lastRegisteredAt;
    private long joinedTotal;
    private long leftSeen;
    private long pings;
    private long errors;
    private long disconnects;
    private int lostEarly;
    private long deliveries;
    private long bytesIn;

    private Client[] senders = new Client[0];
    private boolean loadOn;
    private Mode mode = Mode.CLOSED;
    private int window;
    private double intervalNanos;
    private long loadStart;
    private long scheduled;
    private long sent;
    private long overruns;

    private boolean recording;
    private final Histogram latency = new Histogram(HIGHEST, 3);
    private long windowStart;
    private long windowEnd;
    private long windowDeliveries;
    private long windowSent;
    private long windowBytesIn;
    private long maxSendLag;

    LoadGenerator(Dialect dialect, InetSocketAddress target, int payloadSize, PrintStream log) throws IOException {
        this(dialect, target, payloadSize, log, null);
    }

    /** @param tls TLS 1.3 for every participant ({@code --tls}), or {@code null} for plain TCP */
    LoadGenerator(Dialect dialect, InetSocketAddress target, int payloadSize, PrintStream log, BenchTls tls)
            throws IOException {
        this.dialect = dialect;
        this.target = target;
        this.tls = tls;
        this.payloadSize = payloadSize;
        this.log = log;
        this.selector = Selector.open();
    }

    /**
     * Connects {@code total} participants, at most {@code limit} of them not yet in the room at
     * any time, and returns when all are in (or the time is up).
     *
     * @return nanoseconds from the first connect until the last participant was in, or -1
     */
    long connect(int total, int limit, long timeoutNanos) throws IOException {
        clients = new Client[total];
        count = total;
        concurrency = limit;
        long begin = System.nanoTime();
        loop(begin + timeoutNanos, () -> registered + lostEarly >= count);
        return registered == count ? lastRegisteredAt - begin : -1;
    }

    /** Waits until {@code expected} join events reached the participants in all. */
    boolean awaitJoins(long expected, long timeoutNanos) throws IOException {
        loop(System.nanoTime() + timeoutNanos, () -> joinedTotal >= expected);
        return joinedTotal >= expected;
    }

    /** Just keeps reading (and answering pings) for a while. */
    void idle(long nanos) throws IOException {
        loop(System.nanoTime() + nanos, null);
    }

    /**
     * Starts load: the first {@code senderCount} participants send; closed loop keeps
     * {@code windowPerSender} messages in flight each (a message is in flight until every other
     * participant has it), open loop sends at {@code deliveriesPerSecond / (N-1)} messages a
     * second spread evenly over the senders.
     */
    void startLoad(Mode newMode, int senderCount, int windowPerSender, double deliveriesPerSecond) {
        mode = newMode;
        senders = new Client[Math.min(senderCount, count)];
        for (int i = 0; i < senders.length; i++) {
            senders[i] = clients[i];
            if (senders[i].remaining == null) {
                senders[i].makeSender();
            }
        }
        window = windowPerSender;
        double messagesPerSecond = deliveriesPerSecond / Math.max(1, count - 1);
        intervalNanos = messagesPerSecond > 0 ? 1e9 / messagesPerSecond : Double.MAX_VALUE;
        loadStart = System.nanoTime();
        scheduled = 0;
        loadOn = true;
    }

    /** Drives the load for a while. */
    void run(long nanos) throws IOException {
        loop(System.nanoTime() + nanos, null);
    }

    /** Starts or ends the measured window; starting clears the window's figures. */
    void record(boolean on) {
        long now = System.nanoTime();
        if (on) {
            latency.reset();
            windowDeliveries = 0;
            windowSent = 0;
            windowBytesIn = 0;
            maxSendLag = 0;
            windowStart = now;
        } else {
            windowEnd = now;
        }
        recording = on;
    }

    /**
     * Stops sending and waits until every message sent has reached every participant.
     *
     * @return deliveries still missing when the time ran out (0 when all arrived)
     */
    long drain(long timeoutNanos) throws IOException {
        loadOn = false;
        loop(System.nanoTime() + timeoutNanos, () -> inFlight() == 0);
        long missing = 0;
        for (Client s : senders) {
            for (int r : s.remaining) {
                missing += r;
            }
        }
        return missing;
    }

    /**
     * Sends one message from participant {@code from} and waits for it to reach everyone else.
     *
     * @return how many of the others received it
     */
    int probe(int from, long timeoutNanos) throws IOException {
        Client s = clients[from];
        if (s.remaining == null) {
            s.makeSender();
        }
        senders = new Client[] {s};
        loadOn = false;
        long number = s.nextNumber;
        send(s);
        loop(System.nanoTime() + timeoutNanos, () -> s.inFlight == 0);
        return (count - 1) - s.remaining[(int) (number & (Client.SLOTS - 1))];
    }

    private long inFlight() {
        long total = 0;
        for (Client s : senders) {
            total += s.inFlight;
        }
        return total;
    }

    private void loop(long until, BooleanSupplier done) throws IOException {
        while (true) {
            pumpConnects();
            pumpLoad();
            if (done != null && done.getAsBoolean()) {
                return;
            }
            long now = System.nanoTime();
            long wait = until - now;
            if (wait <= 0) {
                return;
            }
            if (loadOn && mode == Mode.OPEN) {
                wait = Math.min(wait, nextSendAt() - now);
            }
            if (started < count) {
                wait = Math.min(wait, TimeUnit.MILLISECONDS.toNanos(1));
            }
            if (wait <= 0) {
                selector.selectNow(this::onKey);
            } else {
                selector.select(this::onKey, Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait)));
            }
        }
    }

    private void pumpConnects() throws IOException {
        while (started < count && started - registered - lostEarly < concurrency) {
            open(started++);
        }
    }

    private void open(int index) throws IOException {
        var c = new Client(index);
        clients[index] = c;
        SocketChannel channel = SocketChannel.open();
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        c.channel = channel;
        try {
            boolean now = channel.connect(target);
            c.key = channel.register(selector, now ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT, c);
            if (now) {
                connected(c);
            }
        } catch (IOException e) {
            lost(c, e);
        }
    }

    private long nextSendAt() {
        return loadStart + (long) (scheduled * intervalNanos);
    }

    private void pumpLoad() {
        if (!loadOn) {
            return;
        }
        if (mode == Mode.CLOSED) {
            for (Client s : senders) {
                while (s.inFlight < window && !s.closed) {
                    send(s);
                }
            }
            return;
        }
        long now = System.nanoTime();
        for (long due = nextSendAt(); due <= now; due = nextSendAt()) {
            Client s = senders[(int) (scheduled % senders.length)];
            if (recording) {
                maxSendLag = Math.max(maxSendLag, now - due);
            }
            scheduled++;
            send(s);
        }
    }

    private void send(Client s) {
        if (s.closed) {
            return;
        }
        long number = s.nextNumber++;
        int slot = (int) (number & (Client.SLOTS - 1));
        if (s.remaining[slot] > 0) {
            overruns++;
            s.inFlight--;
        }
        s.remaining[slot] = count - 1;
        s.slotNumber[slot] = number;
        s.inFlight++;
        sent++;
        if (recording) {
            windowSent++;
        }
        byte[] payload = Dialect.payload(s.index, number, System.nanoTime() - origin, payloadSize);
        write(s, dialect.message(s.index, number, payload));
    }

    private void onKey(SelectionKey key) {
        Client c = (Client) key.attachment();
        try {
            if (!key.isValid()) {
                return;
            }
            int ready = key.readyOps();
            if ((ready & SelectionKey.OP_CONNECT) != 0) {
                if (c.channel.finishConnect()) {
                    key.interestOps(SelectionKey.OP_READ);
                    connected(c);
                }
                return;
            }
            if (c.tls != null) {
                // A TLS read may wait for room to write and a write for bytes to read: do both.
                flushTls(c);
                readTls(c);
                return;
            }
            if ((ready & SelectionKey.OP_WRITE) != 0) {
                flush(c);
            }
            if ((ready & SelectionKey.OP_READ) != 0) {
                read(c);
            }
        } catch (IOException e) {
            lost(c, e);
        }
    }

    /** TCP is up: start TLS (its handshake goes with the first write) and say what the dialect says first. */
    private void connected(Client c) {
        if (tls != null) {
            c.tls = tls.wrap(c.channel);
        }
        write(c, dialect.register(c.index));
    }

    /** Reads until the TLS layer has nothing more: decrypted bytes can wait where the selector cannot see them. */
    private void readTls(Client c) throws IOException {
        while (!c.closed) {
            in.clear();
            int n;
            try {
                n = c.tls.read(in);
            } catch (tlschannel.NeedsReadException e) {
                return;
            } catch (tlschannel.NeedsWriteException e) {
                c.key.interestOpsOr(SelectionKey.OP_WRITE);
                return;
            }
            if (n < 0) {
                lost(c, null);
                return;
            }
            long now = System.nanoTime();
            bytesIn += n;
            if (recording) {
                windowBytesIn += n;
            }
            feed(c, in.array(), n, now);
            if (c.hasPendingWrites()) {
                // The handshake may have just finished: what waited for it (the hello) goes out now.
                flushTls(c);
            }
        }
    }

    /** Encrypts and writes what waits; the layer keeps ciphertext the socket did not take until the next call. */
    private void flushTls(Client c) throws IOException {
        var queue = c.pending();
        try {
            do {
                ByteBuffer head = queue.peek();
                c.tls.write(head == null ? EMPTY : head);
                if (head != null && !head.hasRemaining()) {
                    queue.poll();
                }
            } while (!queue.isEmpty());
            if (c.key.isValid()) {
                c.key.interestOpsAnd(~SelectionKey.OP_WRITE);
            }
        } catch (tlschannel.NeedsReadException e) {
            // The handshake needs the server's answer first; the next read flushes again.
        } catch (tlschannel.NeedsWriteException e) {
            c.key.interestOpsOr(SelectionKey.OP_WRITE);
        }
    }

    private void read(Client c) throws IOException {
        for (int round = 0; round < 4 && !c.closed; round++) {
            in.clear();
            int n = c.channel.read(in);
            if (n < 0) {
                lost(c, null);
                return;
            }
            if (n == 0) {
                return;
            }
            long now = System.nanoTime();
            bytesIn += n;
            if (recording) {
                windowBytesIn += n;
            }
            feed(c, in.array(), n, now);
            if (n < in.capacity()) {
                return;
            }
        }
    }

    private void feed(Client c, byte[] b, int n, long now) {
        int start = 0;
        if (c.carryLength() > 0) {
            int nl = newline(b, 0, n);
            if (nl < 0) {
                c.appendCarry(b, 0, n);
                return;
            }
            c.appendCarry(b, 0, nl);
            line(c, c.carry(), 0, c.carryLength(), now);
            c.clearCarry();
            start = nl + 1;
        }
        while (start < n) {
            int nl = newline(b, start, n);
            if (nl < 0) {
                c.appendCarry(b, start, n - start);
                return;
            }
            if (nl > start) {
                line(c, b, start, nl - start, now);
            }
            start = nl + 1;
        }
    }

    private static int newline(byte[] b, int from, int end) {
        for (int i = from; i < end; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void line(Client c, byte[] b, int off, int len, long now) {
        int kind = dialect.parse(b, off, len, parsed);
        if (kind == Dialect.REGISTERED) {
            if (!c.registered) {
                c.registered = true;
                c.replayLeft = parsed.replay;
                registered++;
                lastRegisteredAt = now;
            }
            return;
        }
        if (c.replayLeft > 0) {
            c.replayLeft--;
            return;
        }
        switch (kind) {
            case Dialect.MSG -> delivered(c, now);
            case Dialect.JOINED -> {
                c.joinedSeen++;
                joinedTotal++;
            }
            case Dialect.PING -> {
                c.pings++;
                pings++;
                write(c, parsed.answer);
            }
            case Dialect.LEFT -> leftSeen++;
            case Dialect.ERROR -> {
                if (errors++ < 5) {
                    log.println("  [" + dialect.name() + " client " + c.index + "] "
                            + new String(b, off, Math.min(len, 200), java.nio.charset.StandardCharsets.UTF_8));
                }
            }
            default -> { }
        }
    }

    private void delivered(Client c, long now) {
        int from = parsed.sender;
        if (from == c.index || from < 0 || from >= count) {
            return;
        }
        deliveries++;
        if (recording) {
            windowDeliveries++;
            latency.recordValue(Math.max(1, Math.min(HIGHEST, now - origin - parsed.sentAt)));
        }
        Client s = clients[from];
        if (s != null && s.remaining != null) {
            int slot = (int) (parsed.number & (Client.SLOTS - 1));
            if (s.slotNumber[slot] == parsed.number && s.remaining[slot] > 0 && --s.remaining[slot] == 0) {
                s.inFlight--;
            }
        }
    }

    private void write(Client c, byte[] bytes) {
        if (c.closed) {
            return;
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        try {
            if (c.tls != null) {
                c.pending().add(buf);
                flushTls(c);
                return;
            }
            if (!c.hasPendingWrites()) {
                c.channel.write(buf);
                if (!buf.hasRemaining()) {
                    return;
                }
            }
            c.pending().add(buf);
            c.key.interestOpsOr(SelectionKey.OP_WRITE);
        } catch (IOException e) {
            lost(c, e);
        }
    }

    private void flush(Client c) throws IOException {
        var queue = c.pending();
        while (!queue.isEmpty()) {
            ByteBuffer head = queue.peek();
            c.channel.write(head);
            if (head.hasRemaining()) {
                return;
            }
            queue.poll();
        }
        c.key.interestOpsAnd(~SelectionKey.OP_WRITE);
    }

    private void lost(Client c, IOException e) {
        if (c.closed) {
            return;
        }
        c.closed = true;
        if (!c.registered) {
            lostEarly++;
        }
        disconnects++;
        String reason = (c.registered ? "after joining: " : "before joining: ")
                + (e == null ? "closed by the server" : String.valueOf(e.getMessage()));
        lostReasons.merge(reason, 1, Integer::sum);
        try {
            c.channel.close();
        } catch (IOException ignored) {
            // Already gone.
        }
    }

    @Override
    public void close() {
        for (Client c : clients) {
            if (c != null && c.channel != null) {
                try {
                    c.channel.close();
                } catch (IOException ignored) {
                    // Closing is best effort at the end of a run.
                }
            }
        }
        try {
            selector.close();
        } catch (IOException ignored) {
            // Nothing left to release.
        }
    }

    /** Why connections were lost, with counts, e.g. {@code "before joining: Connection reset" x12}. */
    String lostReasons() {
        var text = new StringBuilder();
        lostReasons.forEach((reason, n) -> text.append(text.isEmpty() ? "" : ", ").append(reason).append(" x").append(n));
        return text.toString();
    }

    int registered() {
        return registered;
    }

    long joinedTotal() {
        return joinedTotal;
    }

    long leftSeen() {
        return leftSeen;
    }

    long pings() {
        return pings;
    }

    long errors() {
        return errors;
    }

    long disconnects() {
        return disconnects;
    }

    long deliveries() {
        return deliveries;
    }

    long bytesIn() {
        return bytesIn;
    }

    long sent() {
        return sent;
    }

    long overruns() {
        return overruns;
    }

    /** Participants whose connection is still open. */
    int open() {
        int k = 0;
        for (Client c : clients) {
            if (c != null && !c.closed) {
                k++;
            }
        }
        return k;
    }

    /** Participants that heard at least {@code n} pings and are still connected. */
    int pingedAtLeast(long n) {
        int k = 0;
        for (Client c : clients) {
            if (c != null && !c.closed && c.pings >= n) {
                k++;
            }
        }
        return k;
    }

    /** The measured window's figures. */
    Window window() {
        long end = recording ? System.nanoTime() : windowEnd;
        return new Window((end - windowStart) / 1e9, windowDeliveries, windowSent, windowBytesIn,
                latency.copy(), maxSendLag);
    }

    record Window(double seconds, long deliveries, long sent, long bytesIn, Histogram latency, long maxSendLagNanos) {
        double deliveriesPerSecond() {
            return seconds > 0 ? deliveries / seconds : 0;
        }
    }
}
