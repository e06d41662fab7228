package dev.parley.tls;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The host's key: made once with the JDK's keytool, kept private, and renewed without changing. */
@Timeout(120)
class HostIdentityStoreTest {
    @TempDir
    Path dir;

    private DataFolder folder() {
        return new DataFolder(dir.resolve("parley"));
    }

    @Test
    void theFirstStartMakesAP256KeyOnlyTheOwnerCanRead() throws Exception {
        HostIdentity identity = new HostIdentityStore(folder()).loadOrCreate();
        Path file = folder().resolve(HostIdentityStore.FILE);
        assertThat(file).isRegularFile();
        if (OwnerOnly.isPosix(file)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder().path())))
                    .isEqualTo("rwx------");
        }
        try (var listing = Files.list(folder().path())) {
            assertThat(listing).as("no temporary files left").containsExactly(file);
        }
        assertThat(identity.certificate().getPublicKey()).isInstanceOf(ECPublicKey.class);
        var params = java.security.AlgorithmParameters.getInstance("EC");
        params.init(((ECPublicKey) identity.certificate().getPublicKey()).getParams());
        assertThat(params.getParameterSpec(ECGenParameterSpec.class).getName()).isEqualTo("secp256r1");
        assertThat(identity.certificate().getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(identity.key().hex()).hasSize(64);
        assertThat(identity.expires()).isAfter(Instant.now().plus(Duration.ofDays(HostIdentityStore.VALIDITY_DAYS - 2)));
        assertThat(identity.code().words()).hasSize(6);
    }

    @Test
    void laterStartsLoadTheSameKeyWithoutMakingANewOne() throws Exception {
        HostIdentity first = new HostIdentityStore(folder()).loadOrCreate();
        // A keytool that does not exist: loading must not need one.
        Keytool none = new Keytool(dir.resolve("no-keytool"));
        HostIdentity again = new HostIdentityStore(folder(), none, Clock.systemUTC(), HostIdentityStore.VALIDITY_DAYS)
                .loadOrCreate();
        assertThat(again.key()).isEqualTo(first.key());
        assertThat(again.certificate()).isEqualTo(first.certificate());
    }

    @Test
    void aCertificateNearItsEndIsRenewedAndTheKeyStaysTheSame() throws Exception {
        HostIdentity shortLived = new HostIdentityStore(folder(), Keytool.ofRuntime(), Clock.systemUTC(), 30)
                .loadOrCreate();
        assertThat(shortLived.expires()).isBefore(Instant.now().plus(HostIdentityStore.RENEW_BEFORE));
        HostIdentity renewed = new HostIdentityStore(folder()).loadOrCreate();
        assertThat(renewed.key()).as("guests' pins survive renewal").isEqualTo(shortLived.key());
        assertThat(renewed.certificate()).isNotEqualTo(shortLived.certificate());
        assertThat(renewed.expires()).isAfter(Instant.now().plus(Duration.ofDays(HostIdentityStore.VALIDITY_DAYS - 2)));
        assertThat(renewed.certificate().getSigAlgName()).isEqualTo("SHA256withECDSA");
        Path file = folder().resolve(HostIdentityStore.FILE);
        assertThat(HostIdentityStore.load(file).key()).isEqualTo(shortLived.key());
        if (OwnerOnly.isPosix(file)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
        HostIdentity untouched = new HostIdentityStore(folder()).loadOrCreate();
        assertThat(untouched.certificate()).as("a fresh certificate is not renewed again").isEqualTo(renewed.certificate());
    }

    @Test
    void anUnreadableKeyFileIsKeptAsideAndANewKeyIsMade() throws Exception {
        folder().create();
        Path file = folder().resolve(HostIdentityStore.FILE);
        Files.writeString(file, "not a key store");
        HostIdentity identity = new HostIdentityStore(folder()).loadOrCreate();
        assertThat(HostIdentityStore.load(file).key()).isEqualTo(identity.key());
        try (var listing = Files.list(folder().path())) {
            assertThat(listing.map(p -> p.getFileName().toString()))
                    .anyMatch(n -> n.startsWith(HostIdentityStore.FILE + ".broken-"));
        }
    }

    @Test
    void aRuntimeWithoutKeytoolSaysSoInASentence() {
        Keytool none = new Keytool(dir.resolve("bin/keytool"));
        assertThatThrownBy(() -> new HostIdentityStore(folder(), none, Clock.systemUTC(), 10).loadOrCreate())
                .isInstanceOf(java.io.IOException.class)
                .hasMessageContaining("no keytool").hasMessageContaining("bin/keytool");
    }

    @Test
    void keytoolFailingIsReportedWithItsOwnWords() throws Exception {
        folder().create();
        // A folder where keytool wants to write its key store: it cannot.
        Files.createDirectory(folder().resolve(HostIdentityStore.FILE + ".new"));
        Files.writeString(folder().resolve(HostIdentityStore.FILE + ".new/x"), "x");
        assertThatThrownBy(() -> new HostIdentityStore(folder()).loadOrCreate())
                .isInstanceOf(java.io.IOException.class);
    }
}
