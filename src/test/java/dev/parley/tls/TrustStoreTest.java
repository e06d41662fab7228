package dev.parley.tls;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The guest's pinned host keys: per key, remembered across runs, and never lost to a bad file. */
@Timeout(30)
class TrustStoreTest {
    private static final HostKey ALICE = new HostKey("a".repeat(64));
    private static final HostKey BOB = new HostKey("b".repeat(64));
    private static final HostKey MALLORY = new HostKey("c".repeat(64));
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private TrustStore open() throws Exception {
        return TrustStore.open(dir.resolve(TrustStore.FILE), CLOCK);
    }

    @Test
    void aTrustedKeyIsRememberedWithHowAndWhereAcrossRuns() throws Exception {
        open().trust(ALICE, TrustSource.PROMPT, "192.168.1.20:7770", null);
        TrustStore again = open();
        assertThat(again.isTrusted(ALICE)).isTrue();
        TrustedHost host = again.get(ALICE).orElseThrow();
        assertThat(host.how()).isEqualTo(TrustSource.PROMPT);
        assertThat(host.trustedAt()).isEqualTo(CLOCK.instant());
        assertThat(host.addresses()).containsExactly("192.168.1.20:7770");
        assertThat(host.room()).isNull();
        again.seen(ALICE, "Carol.Local:7770", "Team room");
        TrustedHost seen = open().get(ALICE).orElseThrow();
        assertThat(seen.room()).isEqualTo("Team room");
        assertThat(seen.addresses()).containsExactly("carol.local:7770", "192.168.1.20:7770");
        assertThat(seen.how()).as("the first way of trusting is kept").isEqualTo(TrustSource.PROMPT);
    }

    @Test
    void aKnownKeyIsTrustedAtAnyAddressBecausePinsFollowKeysNotAddresses() throws Exception {
        TrustStore store = open();
        store.trust(ALICE, TrustSource.INVITE, "192.168.1.20:7770", "Alice's room");
        store.trust(BOB, TrustSource.PROMPT, "192.168.1.21:7770", "Bob's room");
        // DHCP swapped them: each trusted key is still trusted where it now is.
        assertThat(store.check(ALICE, "192.168.1.21:7770", null)).isInstanceOf(TrustVerdict.Trusted.class);
        assertThat(store.check(BOB, "192.168.1.20:7770", null)).isInstanceOf(TrustVerdict.Trusted.class);
        store.seen(ALICE, "192.168.1.21:7770", null);
        assertThat(store.pinnedForAddress("192.168.1.21:7770")).contains(ALICE);
        assertThat(store.get(BOB).orElseThrow().addresses()).as("an address belongs to the key seen there last")
                .isEmpty();
    }

    @Test
    void anUnknownKeyWhereAnotherWasPinnedIsAChangedKey() throws Exception {
        TrustStore store = open();
        store.trust(ALICE, TrustSource.PROMPT, "192.168.1.20:7770", "Team room");
        assertThat(store.check(MALLORY, "192.168.1.20:7770", null))
                .isEqualTo(new TrustVerdict.Changed(ALICE, MALLORY));
        assertThat(store.check(MALLORY, "[FE80::1]:7770", "Team room"))
                .as("the room name, when the caller knows it from the host's announcement")
                .isEqualTo(new TrustVerdict.Changed(ALICE, MALLORY));
        assertThat(store.check(MALLORY, "192.168.1.99:7770", null)).isEqualTo(new TrustVerdict.Unknown(MALLORY));
        assertThat(store.check(MALLORY, "192.168.1.99:7770", "Other room")).isEqualTo(new TrustVerdict.Unknown(MALLORY));
    }

    @Test
    void addressesAreComparedWithoutCaseAndKeptToABoundedNewestFirstList() throws Exception {
        TrustStore store = open();
        store.trust(ALICE, TrustSource.COMMAND_LINE, "Host.LAN:7770", null);
        assertThat(store.pinnedForAddress("host.lan:7770")).contains(ALICE);
        assertThat(TrustStore.address("FE80::1", 7770)).isEqualTo("[fe80::1]:7770");
        for (int i = 0; i < 20; i++) {
            store.seen(ALICE, "10.0.0." + i + ":7770", null);
        }
        List<String> addresses = store.get(ALICE).orElseThrow().addresses();
        assertThat(addresses).hasSize(TrustStore.MAX_ADDRESSES).startsWith("10.0.0.19:7770");
    }

    @Test
    void aForgottenKeyIsAskedAboutAgain() throws Exception {
        TrustStore store = open();
        store.trust(ALICE, TrustSource.PROMPT, "h:1", null);
        store.forget(ALICE);
        assertThat(open().isTrusted(ALICE)).isFalse();
    }

    @Test
    void theFileIsOwnerOnly() throws Exception {
        open().trust(ALICE, TrustSource.PROMPT, "h:1", null);
        Path file = dir.resolve(TrustStore.FILE);
        if (OwnerOnly.isPosix(file)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
    }

    @Test
    void aCorruptFileIsKeptAsideAndTheStoreStartsAfresh() throws Exception {
        for (String bad : new String[] {"{\"version\":1,\"hosts\":[{\"key\":\"zz\"}]}", "not json at all",
                "{\"version\":2,\"hosts\":[]}", "[]", "{\"version\":1,\"hosts\":[{\"key\":\"" + "a".repeat(64)
                + "\",\"addresses\":[],\"trustedAt\":\"yesterday\",\"how\":\"prompt\",\"lastSeen\":\"x\"}]}", ""}) {
            Path file = dir.resolve(TrustStore.FILE);
            Files.writeString(file, bad, StandardCharsets.UTF_8);
            TrustStore store = open();
            assertThat(store.hosts()).as(bad).isEmpty();
            try (var listing = Files.list(dir)) {
                assertThat(listing.filter(p -> p.getFileName().toString().startsWith(TrustStore.FILE + ".corrupt-")))
                        .as("a copy of %s is kept", bad).hasSize(1);
            }
            store.trust(ALICE, TrustSource.PROMPT, "h:1", null);
            assertThat(open().isTrusted(ALICE)).isTrue();
            try (var listing = Files.list(dir)) {
                listing.filter(p -> !p.equals(file)).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void anAbsurdlyLargeFileIsNotReadIntoMemory() throws Exception {
        Path file = dir.resolve(TrustStore.FILE);
        try (var out = Files.newOutputStream(file)) {
            byte[] chunk = new byte[1 << 20];
            for (int i = 0; i <= TrustStore.MAX_FILE_BYTES >> 20; i++) {
                out.write(chunk);
            }
        }
        assertThat(open().hosts()).isEmpty();
        assertThat(file).doesNotExist();
    }
}
