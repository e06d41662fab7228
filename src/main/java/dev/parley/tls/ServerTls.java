package dev.parley.tls;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * The host's side of TLS: a JSSE {@link SSLContext} holding the host's identity, and engines that speak
 * TLS 1.3 and nothing older (TLS 1.2 would bring back RSA key exchange suites and renegotiation, and every
 * client Parley cares about has 1.3). No client certificates. Immutable after construction; any thread.
 */
public final class ServerTls {
    /** The one protocol version spoken. */
    public static final String PROTOCOL = "TLSv1.3";

    private final SSLContext context;
    private final HostKey key;

    /** @throws IllegalStateException if this Java runtime cannot do TLS 1.3 with the key (it always can) */
    public ServerTls(HostIdentity identity) {
        this.key = identity.key();
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            char[] password = HostIdentityStore.PASSWORD;
            store.setKeyEntry(HostIdentityStore.ALIAS, identity.privateKey(), password,
                    new Certificate[] {identity.certificate()});
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            context = SSLContext.getInstance(PROTOCOL);
            context.init(keys.getKeyManagers(), null, null);
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot set up TLS 1.3 with the host key: " + e, e);
        }
    }

    /** The key this context proves. */
    public HostKey key() {
        return key;
    }

    public SSLContext context() {
        return context;
    }

    /** A new server-side engine for one connection: TLS 1.3 only, no client authentication. */
    public SSLEngine newEngine() {
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setProtocols(new String[] {PROTOCOL});
        parameters.setNeedClientAuth(false);
        parameters.setWantClientAuth(false);
        engine.setSSLParameters(parameters);
        return engine;
    }
}
