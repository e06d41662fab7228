package dev.parley.client;

import dev.parley.tls.HostKey;
import dev.parley.tls.KeyCheck;
import dev.parley.tls.TlsConnectException;
import dev.parley.tls.TlsConnector;
import dev.parley.tls.TlsOutcome;
import dev.parley.tls.TrustStore;

import java.io.IOException;
import java.net.Socket;

/**
 * TLS 1.3 to the host, with its key checked before {@code hello} (which carries the room password) is
 * written: {@link #secure} shakes hands through {@link TlsConnector} and goes on only with a key that
 * {@link HostTrust} accepts; an unknown or changed key is thrown as a {@link Problem.UnknownHostKey} or
 * {@link Problem.HostKeyChanged}, with the connection already closed.
 *
 * <p>Trust on first use, pinned per key: the first key secured is recorded in the {@link TrustStore}
 * (when {@link HostTrust.Expect#how()} says how it came to be trusted), and after the welcome the store
 * learns the room's name and address for it. Every reconnect of the same client (its backoff) is pinned
 * to that first key, silently: another key there ends the chat with {@link Problem.HostKeyChanged}.
 *
 * <p>One dialer per {@link ChatClient}. {@link #secure} and {@link #welcomed} run on the client's
 * connecting thread (they block on the network and write the trust store), never on the FX thread.
 */
public final class TlsDialer implements Dialer {
    private static final System.Logger LOG = System.getLogger("dev.parley.client");

    private final HostTrust trust;
    private final TrustStore store;
    private volatile HostKey secured;

    /**
     * @param trust which key to accept
     * @param store the guest's trust store; may be {@code null} only with {@link HostTrust.Expect}, and then
     *              nothing is recorded
     */
    public TlsDialer(HostTrust trust, TrustStore store) {
        if (store == null && trust instanceof HostTrust.Stored) {
            throw new IllegalArgumentException("trusting what the store trusts needs a store");
        }
        this.trust = trust;
        this.store = store;
    }

    /** The key this dialer last secured a connection with, or {@code null} before the first. */
    public HostKey securedKey() {
        return secured;
    }

    @Override
    public Socket socket() {
        return TlsConnector.newSocket();
    }

    @Override
    public Socket secure(Socket connected, ClientConfig config) throws IOException {
        HostKey pinned = secured;
        KeyCheck check = pinned != null ? new KeyCheck.Pinned(pinned) : switch (trust) {
            case HostTrust.Expect e -> new KeyCheck.Pinned(e.key());
            case HostTrust.Stored s -> new KeyCheck.Stored(store, s.room());
        };
        var connector = new TlsConnector(config.connectTimeout(), TlsConnector.DEFAULT_HANDSHAKE_TIMEOUT);
        TlsOutcome outcome;
        try {
            outcome = connector.secure(connected, config.host(), config.port(), check);
        } catch (TlsConnectException e) {
            LOG.log(System.Logger.Level.INFO, "{0} ({1})", e.getMessage(), e.problem());
            throw e;
        }
        return switch (outcome) {
            case TlsOutcome.Secured s -> {
                if (pinned == null) {
                    firstSecured(s.key(), config);
                }
                secured = s.key();
                yield s.socket();
            }
            case TlsOutcome.UnknownKey u -> {
                LOG.log(System.Logger.Level.INFO, "{0} presented host key {1}, which this app does not know yet;"
                        + " nothing was sent to it", config.address(), u.presented().shortHex(16));
                throw new HostKeyException(u, config.address());
            }
            case TlsOutcome.ChangedKey c -> {
                LOG.log(System.Logger.Level.WARNING, "{0} presented host key {1}, not the pinned {2}; nothing was"
                        + " sent to it", config.address(), c.presented().shortHex(16), c.pinned().shortHex(16));
                throw new HostKeyException(c, config.address());
            }
        };
    }

    /** Records how the person came to trust a key, the first time it is seen. */
    private void firstSecured(HostKey key, ClientConfig config) {
        if (store == null || !(trust instanceof HostTrust.Expect e) || e.how() == null) {
            return;
        }
        try {
            store.trust(key, e.how(), TrustStore.address(config.host(), config.port()), null);
        } catch (IOException ex) {
            LOG.log(System.Logger.Level.WARNING, "cannot save the trusted host key {0}: {1}; joining anyway",
                    key.shortHex(16), ex.getMessage());
        }
    }

    @Override
    public void welcomed(ClientConfig config, String room) {
        HostKey key = secured;
        if (store == null || key == null || !store.isTrusted(key)) {
            return;
        }
        try {
            store.seen(key, TrustStore.address(config.host(), config.port()), room);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot update the trust store: {0}", e.getMessage());
        }
    }
}
