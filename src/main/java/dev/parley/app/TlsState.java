package dev.parley.app;

import dev.parley.tls.DataFolder;
import dev.parley.tls.HostIdentity;
import dev.parley.tls.HostIdentityStore;
import dev.parley.tls.HostKey;
import dev.parley.tls.TrustStore;

import java.io.IOException;
import java.util.concurrent.Executor;

/**
 * What this app keeps for TLS in its data folder: the host identity it proves itself with when it hosts
 * (made with keytool the first time, then loaded) and the trust store of the host keys its person
 * accepted as a guest. Both are read once and kept.
 *
 * <p>{@link #identity()} and {@link #trustStore()} block on the disk (and, once in a host's life, on
 * keytool): call them on a background thread. {@link #isTrusted} never blocks and may be called on the FX
 * thread; it says {@code false} until the store has been read ({@link #preload}). Thread-safe.
 */
public final class TlsState {
    private static final System.Logger LOG = System.getLogger("dev.parley.app");

    private final DataFolder folder;
    private HostIdentity identity;
    private TrustStore store;
    private volatile TrustStore loaded;

    public TlsState(DataFolder folder) {
        this.folder = folder;
    }

    public DataFolder folder() {
        return folder;
    }

    /** The host identity, made on the first call in this folder's life. Blocking. */
    public synchronized HostIdentity identity() throws IOException {
        if (identity == null) {
            identity = new HostIdentityStore(folder).loadOrCreate();
        }
        return identity;
    }

    /** The guest's trust store. Blocking the first time. */
    public synchronized TrustStore trustStore() throws IOException {
        if (store == null) {
            store = TrustStore.open(folder);
            loaded = store;
        }
        return store;
    }

    /** Reads the trust store on {@code background}, so {@link #isTrusted} can answer from then on. */
    public void preload(Executor background) {
        background.execute(() -> {
            try {
                trustStore();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot read the trust store in {0}: {1}", folder.path(),
                        e.getMessage());
            }
        });
    }

    /** Whether {@code hex} names a host key the person trusts; {@code false} for anything else. Never blocks. */
    public boolean isTrusted(String hex) {
        TrustStore s = loaded;
        if (s == null || hex == null) {
            return false;
        }
        try {
            return s.isTrusted(HostKey.parse(hex));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
