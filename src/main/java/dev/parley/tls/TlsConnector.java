package dev.parley.tls;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.GeneralSecurityException;
import java.time.Duration;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

/**
 * The client's TLS connect: TCP, a TLS 1.3 handshake, and the host's key checked <em>before</em> the
 * caller writes anything (the {@code hello} carries the room password). Trust is decided by
 * {@link KeyCheck}; see {@link TlsOutcome} for what the caller does next. An unknown key is not held
 * open while the person decides (the host drops a connection without {@code hello} after 10 s): the
 * connection is closed and the caller connects again with the key pinned once the person said yes.
 *
 * <p>Blocking: call it on the client's background thread, never on the FX thread. One connector can
 * serve many connects, from any threads; {@link Attempt#cancel()} may be called from another thread.
 */
public final class TlsConnector {
    /** Longer than the host's 10 s hello timeout, so an older plaintext host's error line arrives first. */
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(15);

    private final Duration connectTimeout;
    private final Duration handshakeTimeout;

    public TlsConnector(Duration connectTimeout, Duration handshakeTimeout) {
        this.connectTimeout = connectTimeout;
        this.handshakeTimeout = handshakeTimeout;
    }

    /** Connects, shakes hands and checks the key; the same as {@code prepare(…).run()}. */
    public TlsOutcome connect(String host, int port, KeyCheck check) throws IOException {
        return prepare(host, port, check).run();
    }

    /** An attempt that {@link Attempt#run() runs} on this thread and can be cancelled from another. */
    public Attempt prepare(String host, int port, KeyCheck check) {
        return new Attempt(host, port, check);
    }

    /**
     * An unconnected socket for {@link #secure}: it notes the first byte the host sends, so a failed
     * handshake can say whether an older plaintext Parley or something else answered. A caller that
     * connects it itself (the client's dialer) may close it from another thread to cancel.
     */
    public static Socket newSocket() {
        return new WatchedSocket();
    }

    /**
     * Shakes hands over a socket the caller connected (preferably one from {@link #newSocket()}) and
     * checks the key, as {@link Attempt#run()} does after its own connect. Blocking; closing
     * {@code connected} from another thread cancels it.
     *
     * @throws TlsConnectException when TLS could not be set up (see its problem)
     */
    public TlsOutcome secure(Socket connected, String host, int port, KeyCheck check) throws IOException {
        try {
            return shakeHands(connected, host, port, check, ssl -> { });
        } catch (IOException | RuntimeException e) {
            connected.close();
            throw e;
        }
    }

    private TlsOutcome shakeHands(Socket plain, String host, int port, KeyCheck check,
                                  java.util.function.Consumer<SSLSocket> made) throws IOException {
        PeerKeyTrustManager trust = new PeerKeyTrustManager();
        SSLSocket ssl = (SSLSocket) context(trust).getSocketFactory().createSocket(plain, host, port, true);
        made.accept(ssl);
        SSLParameters parameters = ssl.getSSLParameters();
        parameters.setProtocols(new String[] {ServerTls.PROTOCOL});
        ssl.setSSLParameters(parameters);
        ssl.setSoTimeout((int) handshakeTimeout.toMillis());
        handshake(ssl, plain, host, port);
        ssl.setSoTimeout(0);
        TlsOutcome outcome = decide(ssl, host, port, check, trust.presented());
        if (!(outcome instanceof TlsOutcome.Secured)) {
            ssl.close();
        }
        return outcome;
    }

    private void handshake(SSLSocket ssl, Socket plain, String host, int port) throws IOException {
        try {
            ssl.startHandshake();
        } catch (SocketTimeoutException e) {
            if (firstByte(plain) < 0) {
                throw new TlsConnectException(TlsConnectException.Problem.NO_ANSWER, host + ":" + port
                        + " did not answer the TLS handshake within " + handshakeTimeout.toSeconds() + " s", e);
            }
            throw e;
        } catch (SSLException e) {
            int first = firstByte(plain);
            TlsConnectException.Problem problem = first == '{' ? TlsConnectException.Problem.PLAINTEXT_HOST
                    : first >= 0 && !isTlsRecordType(first) ? TlsConnectException.Problem.NOT_TLS
                    : TlsConnectException.Problem.HANDSHAKE_FAILED;
            throw new TlsConnectException(problem, "TLS with " + host + ":" + port + " failed: " + e.getMessage(), e);
        }
    }

    private static int firstByte(Socket plain) {
        return plain instanceof WatchedSocket w ? w.firstByte() : -1;
    }

    private static TlsOutcome decide(SSLSocket ssl, String host, int port, KeyCheck check, HostKey presented) {
        if (presented == null) {
            throw new IllegalStateException("the handshake ended without a host certificate");
        }
        return switch (check) {
            case KeyCheck.Pinned(HostKey pinned) -> pinned.equals(presented)
                    ? new TlsOutcome.Secured(ssl, presented)
                    : new TlsOutcome.ChangedKey(pinned, presented);
            case KeyCheck.Stored(TrustStore store, String room) -> switch (store.check(presented,
                    TrustStore.address(host, port), room)) {
                case TrustVerdict.Trusted ignored -> new TlsOutcome.Secured(ssl, presented);
                case TrustVerdict.Unknown unknown -> new TlsOutcome.UnknownKey(unknown.presented());
                case TrustVerdict.Changed changed -> new TlsOutcome.ChangedKey(changed.pinned(), presented);
            };
        };
    }

    /** One connect. */
    public final class Attempt {
        private final String host;
        private final int port;
        private final KeyCheck check;
        private final WatchedSocket plain = new WatchedSocket();
        private volatile SSLSocket secured;

        private Attempt(String host, int port, KeyCheck check) {
            this.host = host;
            this.port = port;
            this.check = check;
        }

        /**
         * Blocks until the outcome is known.
         *
         * @throws TlsConnectException when TLS could not be set up (see its problem)
         * @throws IOException when the host cannot be reached, or the attempt was cancelled
         */
        public TlsOutcome run() throws IOException {
            try {
                plain.setTcpNoDelay(true);
                plain.setKeepAlive(true);
                plain.connect(new InetSocketAddress(host, port), (int) connectTimeout.toMillis());
                return shakeHands(plain, host, port, check, ssl -> secured = ssl);
            } catch (IOException | RuntimeException e) {
                cancel();
                throw e;
            }
        }

        /** Stops a running attempt (its {@link #run()} throws); harmless once it ended. Any thread. */
        public void cancel() {
            try {
                SSLSocket ssl = secured;
                if (ssl != null) {
                    ssl.close();
                }
                plain.close();
            } catch (IOException ignored) {
                // Closing is all that was wanted.
            }
        }
    }

    /** Alert (21), handshake (22), change_cipher_spec (20) and application data (23) records. */
    private static boolean isTlsRecordType(int b) {
        return b >= 20 && b <= 23;
    }

    private static SSLContext context(PeerKeyTrustManager trust) throws IOException {
        try {
            SSLContext context = SSLContext.getInstance(ServerTls.PROTOCOL);
            context.init(null, new TrustManager[] {trust}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("this Java runtime cannot do TLS 1.3: " + e, e);
        }
    }
}
