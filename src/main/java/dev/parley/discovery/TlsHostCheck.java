package dev.parley.discovery;

import dev.parley.discovery.Finding.Severity;
import dev.parley.tls.HostCode;
import dev.parley.tls.KeyCheck;
import dev.parley.tls.TlsConnectException;
import dev.parley.tls.TlsConnector;
import dev.parley.tls.TlsOutcome;
import dev.parley.tls.TrustStore;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * The troubleshooter's TLS check on a host it could connect to: does a TLS 1.3 handshake succeed, which
 * host key does the host prove (its code), and is that key one this person trusts, one they have not met,
 * or another than the one they trusted at that address. Also names an older host without encryption and a
 * port where something other than Parley listens. Sends nothing after the handshake (no {@code hello}), and
 * never changes the trust store. Blocks for at most the connect and handshake timeouts: background thread.
 */
public final class TlsHostCheck implements HostCheck {
    /** Long enough for a host busy with a join storm; a Parley host answers a ClientHello in milliseconds. */
    public static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(5);
    private static final System.Logger LOG = System.getLogger("dev.parley.discovery");

    private final TrustStore store;
    private final TlsConnector connector;

    public TlsHostCheck(TrustStore store, Duration connectTimeout) {
        this.store = store;
        this.connector = new TlsConnector(connectTimeout, HANDSHAKE_TIMEOUT);
    }

    @Override
    public List<Finding> check(InetSocketAddress reached) {
        String host = AddressText.of(reached.getAddress());
        int port = reached.getPort();
        TlsOutcome outcome;
        try {
            outcome = connector.connect(reached.getAddress().getHostAddress(), port, new KeyCheck.Stored(store, null));
        } catch (TlsConnectException e) {
            LOG.log(System.Logger.Level.DEBUG, "doctor: TLS with {0}:{1} failed: {2}", host, port, e.getMessage());
            return List.of(switch (e.problem()) {
                case PLAINTEXT_HOST -> Finding.of(Severity.PROBLEM, 25, "doctor.tlsPlaintext", host, port);
                case NOT_TLS -> Finding.of(Severity.PROBLEM, 25, "doctor.tlsNotParley", host, port);
                case NO_ANSWER -> Finding.of(Severity.PROBLEM, 25, "doctor.tlsNoAnswer", host, port,
                        HANDSHAKE_TIMEOUT.toSeconds());
                case HANDSHAKE_FAILED -> Finding.of(Severity.PROBLEM, 25, "doctor.tlsFailed", host, port,
                        detail(e));
            });
        } catch (IOException e) {
            return List.of(Finding.of(Severity.PROBLEM, 25, "doctor.tlsFailed", host, port, detail(e)));
        }
        return List.of(switch (outcome) {
            case TlsOutcome.Secured s -> {
                try {
                    s.socket().close();
                } catch (IOException e) {
                    // The check is done; closing is courtesy.
                }
                yield Finding.of(Severity.OK, 3, "doctor.tlsTrusted", host, port, HostCode.of(s.key()).wordsText());
            }
            case TlsOutcome.UnknownKey u -> Finding.of(Severity.OK, 3, "doctor.tlsNew", host, port,
                    HostCode.of(u.presented()).wordsText());
            case TlsOutcome.ChangedKey c -> Finding.of(Severity.PROBLEM, 15, "doctor.tlsChanged", host, port,
                    HostCode.of(c.presented()).wordsText(), HostCode.of(c.pinned()).wordsText());
        });
    }

    private static String detail(IOException e) {
        Throwable root = e.getCause() != null ? e.getCause() : e;
        return String.valueOf(root.getMessage());
    }
}
