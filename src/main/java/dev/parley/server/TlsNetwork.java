package dev.parley.server;

import java.nio.channels.SocketChannel;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * TLS on a room server's port ({@link TlsSettings}): every accepted socket gets a {@link TlsTransport},
 * which reads the peer's first byte and then speaks TLS 1.3, refuses plaintext with {@code tls_required},
 * or (with {@link TlsSettings#allowPlaintext()}) serves plaintext as it is.
 *
 * <p>A TLS handshake costs the host a few milliseconds of CPU, nearly all of it in the {@code SSLEngine}'s
 * delegated tasks (key exchange, signing the CertificateVerify). Those run here, on one daemon thread per
 * core, never on the event loop, so a join storm of new guests does not stall the chat of the people
 * already in the room; the loop only moves records. Threads are made when handshakes come and end after
 * 30 s without one. {@link #open} runs on the loop; {@link #close} on the thread that closes the server.
 */
public final class TlsNetwork implements Network {
    private static final long IDLE_SECONDS = 30;

    private final TlsSettings settings;
    private final ExecutorService tasks;

    /** @param settings TLS settings with a context ({@link TlsSettings#enabled()}) */
    public TlsNetwork(TlsSettings settings) {
        this(settings, handshakeThreads());
    }

    /** @param tasks runs the handshakes' delegated tasks; shut down by {@link #close()} */
    TlsNetwork(TlsSettings settings, ExecutorService tasks) {
        if (!settings.enabled()) {
            throw new IllegalArgumentException("a TLS network needs the host's TLS context");
        }
        this.settings = settings;
        this.tasks = tasks;
    }

    private static ExecutorService handshakeThreads() {
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        AtomicInteger n = new AtomicInteger();
        var pool = new ThreadPoolExecutor(threads, threads, IDLE_SECONDS, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> Thread.ofPlatform().daemon(true).name("parley-tls-" + n.incrementAndGet()).unstarted(r));
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    @Override
    public Transport open(SocketChannel channel, Transport.Context context) {
        return new TlsTransport(channel, settings, tasks, context);
    }

    /** Lets the handshake threads go; a handshake still running fails and its connection closes. */
    @Override
    public void close() {
        tasks.shutdownNow();
    }
}
