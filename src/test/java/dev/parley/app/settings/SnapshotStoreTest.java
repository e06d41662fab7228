package dev.parley.app.settings;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/** Two app instances on one account: each keeps its own view while it runs; the last to save wins a key. */
@Timeout(10)
class SnapshotStoreTest {
    private final MemoryStore account = new MemoryStore();

    @Test
    void eachInstanceKeepsWhatItTypedWhileTheOtherSaves() {
        account.put("name", "Old");
        var ann = new Settings(new SnapshotStore(account));
        var bob = new Settings(new SnapshotStore(account));
        assertThat(ann.name()).contains("Old");
        assertThat(bob.name()).contains("Old");

        ann.name("Ann");
        ann.port(7781);
        ann.save();
        bob.name("Bob");
        assertThat(bob.name()).contains("Bob");
        assertThat(bob.port()).as("bob never sees ann's port while running").isEqualTo(7770);
        bob.save();

        assertThat(ann.name()).as("ann's window still shows her own name").contains("Ann");
        assertThat(account.get("name", null)).as("bob saved last").isEqualTo("Bob");
        assertThat(account.get("port", null)).as("bob never changed the port, so he did not overwrite it")
                .isEqualTo("7781");
        assertThat(new Settings(new SnapshotStore(account)).name()).as("a third start reads what was saved last")
                .contains("Bob");
    }

    @Test
    void nothingReachesTheAccountBeforeASave() {
        var one = new Settings(new SnapshotStore(account));
        one.name("Draft");
        assertThat(account.get("name", null)).isNull();
        one.save();
        assertThat(account.get("name", null)).isEqualTo("Draft");
    }

    @Test
    void savingAValueTheInstanceStartedWithOverwritesNothing() {
        account.put("name", "Bob");
        var bob = new Settings(new SnapshotStore(account));
        var ann = new Settings(new SnapshotStore(account));
        ann.name("Ann");
        ann.save();
        bob.name("Bob");
        bob.save();
        assertThat(account.get("name", null)).isEqualTo("Ann");
    }
}
