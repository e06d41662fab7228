package dev.parley.testing;

import dev.parley.client.ChatClient;
import dev.parley.client.ClientConfig;
import dev.parley.client.Dialer;
import dev.parley.client.HostTrust;
import dev.parley.client.TlsDialer;
import dev.parley.server.ServerConfig;
import dev.parley.server.TlsSettings;
import dev.parley.tls.DataFolder;
import dev.parley.tls.HostIdentity;
import dev.parley.tls.HostIdentityStore;
import dev.parley.tls.HostKey;
import dev.parley.tls.ServerTls;
import dev.parley.tls.TrustSource;
import dev.parley.tls.TrustStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * TLS for tests: one host identity made with the real keytool once per test run, room servers that
 * require TLS with it, clients pinned to it, and data folders for the desktop app that hold a copy of it
 * (so a hosting window proves the same key without running keytool again) and trust it (so a joining
 * window is not asked). Thread-safe.
 */
public final class TestTls {
    private static Path root;
    private static HostIdentity identity;
    private static HostIdentity other;
    private static ServerTls serverTls;

    private TestTls() {
    }

    /** The shared test host identity. */
    public static synchronized HostIdentity identity() {
        if (identity == null) {
            try {
                identity = new HostIdentityStore(new DataFolder(root().resolve("identity"))).loadOrCreate();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return identity;
    }

    public static HostKey key() {
        return identity().key();
    }

    /** A second identity: another host, or the same host after it lost its key. */
    public static synchronized HostIdentity otherIdentity() {
        if (other == null) {
            try {
                other = new HostIdentityStore(new DataFolder(root().resolve("other"))).loadOrCreate();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return other;
    }

    /** {@code config} with TLS required, proving {@link #otherIdentity()}. */
    public static ServerConfig secureAsOther(ServerConfig config) {
        return config.withTls(TlsSettings.required(new ServerTls(otherIdentity())));
    }

    public static synchronized ServerTls serverTls() {
        if (serverTls == null) {
            serverTls = new ServerTls(identity());
        }
        return serverTls;
    }

    /** {@code config} with TLS required, proving the test identity. */
    public static ServerConfig secure(ServerConfig config) {
        return config.withTls(TlsSettings.required(serverTls()));
    }

    /** {@code config} with TLS and plaintext both served on the port ({@code serve --allow-plaintext}). */
    public static ServerConfig alsoPlaintext(ServerConfig config) {
        return config.withTls(TlsSettings.alsoPlaintext(serverTls()));
    }

    /** A dialer that speaks TLS and accepts only the test identity's key, recording nothing. */
    public static Dialer dialer() {
        return new TlsDialer(HostTrust.expect(key(), null), null);
    }

    /** A client for a room that proves the test identity. */
    public static ChatClient client(ClientConfig config) {
        return new ChatClient(config, dialer());
    }

    /** A new, empty data folder of its own (no host key, nobody trusted). */
    public static Path emptyFolder() {
        try {
            return Files.createTempDirectory(root(), "data-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A new data folder for the desktop app: its host key is the test identity, and the trust store
     * trusts that key already.
     */
    public static Path trustingFolder() {
        Path folder = emptyFolder();
        try {
            Path source = root().resolve("identity").resolve(HostIdentityStore.FILE);
            identity();
            Files.copy(source, folder.resolve(HostIdentityStore.FILE), StandardCopyOption.REPLACE_EXISTING);
            TrustStore.open(new DataFolder(folder)).trust(key(), TrustSource.INVITE, null, null);
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A folder to give a desktop-app process as {@code XDG_DATA_HOME}: its {@code parley} data folder holds
     * the test identity and trusts it, so the process never touches the person's own.
     */
    public static Path xdgDataHome() {
        try {
            Path home = emptyFolder();
            Files.move(trustingFolder(), home.resolve("parley"));
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized Path root() {
        if (root == null) {
            try {
                root = Files.createTempDirectory("parley-test-tls-");
                Path made = root;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(made)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return root;
    }

    private static void deleteTree(Path top) {
        try (var paths = Files.walk(top)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temporary folder left behind is harmless.
        }
    }
}
