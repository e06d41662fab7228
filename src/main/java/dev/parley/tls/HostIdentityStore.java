package dev.parley.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The host's key pair and self-signed certificate in the data folder ({@value #FILE}, PKCS#12, mode
 * 0600): made on the first start, loaded on every later one, and renewed {@link #RENEW_BEFORE} before
 * it expires, keeping the key (and so the {@link HostKey} guests pinned).
 *
 * <p><b>Key type: ECDSA P-256</b> (signed with SHA-256). Every TLS 1.3 stack takes it: JSSE and OpenSSL
 * ({@code openssl s_client -tls1_3} is tested), Go, rustls, SChannel and Apple's, whereas Ed25519
 * certificates are still refused by some (SChannel, older Apple and Android stacks); a server handshake
 * costs about the same with either.
 *
 * <p><b>Made with the JDK's {@code keytool}</b>, not BouncyCastle: the JDK has no public API for
 * certificates, and hand-written ASN.1 is how certificate bugs are made. Figures measured on this
 * project's 2-core machine ({@code TlsHandshakeCost} in the tests): {@code keytool -genkeypair} takes
 * 0.4–0.8 s of wall time on a quiet machine and 0.55–1.1 s (median) under a load of 7–11, nearly all JVM
 * start-up, once in a host's life; the jlink image already has {@code bin/keytool} (it belongs to
 * {@code java.base}: +0 bytes; checked in {@code target/installer/runtime/bin}, and a key made with the
 * image's keytool works for TLS 1.3). BouncyCastle 1.87 would do it in-process in milliseconds, but its
 * three jars make a jlink image 13.4 MB larger (java.base alone 44.0 MB, with bcprov/bcpkix/bcutil 57.3
 * MB, zip-9), pull in {@code java.naming}, {@code java.sql} and {@code java.transaction.xa}, and need
 * {@code --ignore-signing-information}: 13 MB for under a second saved once is a bad trade.
 *
 * <p>The store's password is a constant: the file's mode is what protects the key, as with an SSH host
 * key; a password kept beside the file would add nothing.
 *
 * <p>Blocking (disk, and a keytool process on the first start): call it on a background thread as a
 * start-up step, never on the FX thread or the server's loop. Not thread-safe: one caller at a time.
 */
public final class HostIdentityStore {
    /** The key store's file name in the data folder. */
    public static final String FILE = "host-key.p12";
    static final String ALIAS = "host";
    static final char[] PASSWORD = "parley-host-key".toCharArray();
    /** How long a certificate is valid: long, since trust rests on the key, not on dates. */
    static final int VALIDITY_DAYS = 1826;
    /** Renew on a start this close to the end. */
    static final Duration RENEW_BEFORE = Duration.ofDays(90);
    private static final String DNAME = "CN=Parley host";
    private static final String SIGNATURE = "SHA256withECDSA";
    private static final System.Logger LOG = System.getLogger("dev.parley.tls");

    private final DataFolder folder;
    private final Keytool keytool;
    private final Clock clock;
    private final int validityDays;

    public HostIdentityStore(DataFolder folder) {
        this(folder, Keytool.ofRuntime(), Clock.systemUTC(), VALIDITY_DAYS);
    }

    HostIdentityStore(DataFolder folder, Keytool keytool, Clock clock, int validityDays) {
        this.folder = folder;
        this.keytool = keytool;
        this.clock = clock;
        this.validityDays = validityDays;
    }

    /** Where the key lives. */
    public Path file() {
        return folder.resolve(FILE);
    }

    /**
     * The host's identity: loaded, renewed if due, or made on the first start. A file that cannot be
     * read as a key store is kept under another name (logged) and a new identity is made, which guests
     * will see as a changed key, as they should.
     *
     * @throws IOException when the folder cannot be written or keytool fails
     */
    public HostIdentity loadOrCreate() throws IOException {
        folder.create();
        Path file = file();
        if (Files.exists(file)) {
            OwnerOnly.narrow(file, OwnerOnly.FILE);
            // A file that cannot be read (permissions, disk) is an error to report, not a reason for a new key.
            byte[] bytes = Files.readAllBytes(file);
            HostIdentity identity;
            try {
                identity = parse(bytes);
            } catch (IOException | GeneralSecurityException | RuntimeException e) {
                Path aside = OwnerOnly.keepAside(file, "broken", clock.millis());
                LOG.log(System.Logger.Level.WARNING, "the host key in {0} cannot be read ({1}); kept it as {2} and"
                        + " made a new one, so guests will see a changed key", file, e.toString(), aside);
                return create(file);
            }
            return renewIfDue(file, identity);
        }
        return create(file);
    }

    private HostIdentity create(Path file) throws IOException {
        Path fresh = sibling(file, ".new");
        long started = System.nanoTime();
        keytool.run(List.of("-genkeypair", "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", SIGNATURE,
                "-alias", ALIAS, "-dname", DNAME, "-validity", Integer.toString(validityDays),
                "-keystore", fresh.toString(), "-storetype", "PKCS12", "-storepass", new String(PASSWORD),
                "-noprompt"));
        HostIdentity identity = install(fresh, file);
        LOG.log(System.Logger.Level.INFO, "made a new host key {0} in {1} ms", identity.key(),
                (System.nanoTime() - started) / 1_000_000);
        return identity;
    }

    private HostIdentity renewIfDue(Path file, HostIdentity identity) throws IOException {
        Instant renewFrom = identity.expires().minus(RENEW_BEFORE);
        if (clock.instant().isBefore(renewFrom)) {
            return identity;
        }
        Path copy = sibling(file, ".renew");
        Files.copy(file, copy);
        OwnerOnly.restrict(copy, OwnerOnly.FILE);
        keytool.run(List.of("-selfcert", "-alias", ALIAS, "-dname", DNAME, "-sigalg", SIGNATURE,
                "-validity", Integer.toString(validityDays), "-keystore", copy.toString(),
                "-storetype", "PKCS12", "-storepass", new String(PASSWORD)));
        HostIdentity renewed = install(copy, file);
        if (!renewed.key().equals(identity.key())) {
            throw new IOException("renewing the host certificate changed the key; this is a bug");
        }
        LOG.log(System.Logger.Level.INFO, "renewed the host certificate (it expired {0}, now {1}); the host key"
                + " {2} is unchanged", identity.expires(), renewed.expires(), renewed.key());
        return renewed;
    }

    /** Checks a key store keytool wrote, makes it owner-only, and moves it into place. */
    private HostIdentity install(Path written, Path file) throws IOException {
        try {
            OwnerOnly.restrict(written, OwnerOnly.FILE);
            HostIdentity identity = load(written);
            OwnerOnly.moveIntoPlace(written, file);
            return identity;
        } catch (GeneralSecurityException e) {
            throw new IOException("keytool wrote a key store that cannot be read: " + e, e);
        } finally {
            Files.deleteIfExists(written);
        }
    }

    private static Path sibling(Path file, String suffix) throws IOException {
        Path path = file.resolveSibling(FILE + suffix);
        Files.deleteIfExists(path);
        return path;
    }

    static HostIdentity load(Path file) throws IOException, GeneralSecurityException {
        return parse(Files.readAllBytes(file));
    }

    private static HostIdentity parse(byte[] bytes) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = new ByteArrayInputStream(bytes)) {
            store.load(in, PASSWORD);
        }
        if (!(store.getKey(ALIAS, PASSWORD) instanceof PrivateKey key)
                || !(store.getCertificate(ALIAS) instanceof X509Certificate certificate)) {
            throw new GeneralSecurityException("no key entry named " + ALIAS);
        }
        return new HostIdentity(HostKey.of(certificate), certificate, key);
    }
}
