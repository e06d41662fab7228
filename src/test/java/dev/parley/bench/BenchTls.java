package dev.parley.bench;

import tlschannel.ClientTlsChannel;

import java.nio.channels.SocketChannel;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The load generator's TLS: JSSE's {@code SSLEngine} driven by tls-channel on the generator's own NIO
 * selector, TLS 1.3 only, the same for Parley and ngircd. Every participant does a full handshake, as
 * distinct guests would: engines are made without a peer host and port, so JSSE offers no session to
 * resume. The server's certificate is accepted as it is: the benchmark measures the cost of TLS, and
 * checking a key changes nothing in that. Delegated tasks run inline on the generator's thread (it
 * is pinned to its core anyway). One thread.
 */
final class BenchTls {
    private final SSLContext context;

    BenchTls() {
        try {
            context = SSLContext.getInstance("TLSv1.3");
            context.init(null, new TrustManager[] {new AcceptAll()}, null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot do TLS 1.3", e);
        }
    }

    /** A client-side TLS channel over a connected socket; the handshake starts with the first write. */
    ClientTlsChannel wrap(SocketChannel channel) {
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(true);
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setProtocols(new String[] {"TLSv1.3"});
        engine.setSSLParameters(parameters);
        return ClientTlsChannel.newBuilder(channel, engine).build();
    }

    private static final class AcceptAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("client side only");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // Any key: the benchmark measures TLS, not trust.
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
