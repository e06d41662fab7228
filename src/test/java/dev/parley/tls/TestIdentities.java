package dev.parley.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Two host identities made once per test run with the real keytool, shared by the TLS tests. */
final class TestIdentities {
    private static HostIdentity alice;
    private static HostIdentity bob;
    private static Path aliceFolder;

    private TestIdentities() {
    }

    static synchronized HostIdentity alice() {
        if (alice == null) {
            aliceFolder = folder("alice");
            alice = make(aliceFolder);
        }
        return alice;
    }

    /** The data folder alice's key store is in. */
    static synchronized Path aliceFolder() {
        alice();
        return aliceFolder;
    }

    static synchronized HostIdentity bob() {
        if (bob == null) {
            bob = make(folder("bob"));
        }
        return bob;
    }

    private static Path folder(String name) {
        try {
            Path parent = Files.createTempDirectory("parley-tls-test-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(parent)));
            return parent.resolve(name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path root) {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temporary folder left behind is harmless.
        }
    }

    private static HostIdentity make(Path folder) {
        try {
            return new HostIdentityStore(new DataFolder(folder)).loadOrCreate();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
