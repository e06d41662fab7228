package dev.parley.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Learns the key a host presents during the handshake and leaves the decision to {@link TlsConnector},
 * which makes it before any application byte is written. Accepting every certificate here is safe
 * because trust rests on the key alone: JSSE still checks the TLS 1.3 CertificateVerify signature with
 * that key, so the host proved it holds the private key. Extends {@link X509ExtendedTrustManager} so
 * JSSE uses it as it is, without adding host name checks meant for web PKI. One per connection.
 */
final class PeerKeyTrustManager extends X509ExtendedTrustManager {
    private volatile HostKey presented;

    HostKey presented() {
        return presented;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        learn(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        learn(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        learn(chain);
    }

    private void learn(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the host sent no certificate");
        }
        presented = HostKey.of(chain[0]);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("a Parley client does not accept client certificates");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("a Parley client does not accept client certificates");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("a Parley client does not accept client certificates");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
