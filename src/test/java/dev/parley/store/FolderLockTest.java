package dev.parley.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FolderLockTest {
    @TempDir
    Path folder;

    private final ExecutorService loop = StoreTesting.loop();

    @AfterEach
    void stopLoop() {
        loop.shutdownNow();
    }

    @Test
    void aSecondStoreOnTheSameRoomIsRefusedWithASentenceUntilTheFirstCloses() throws Exception {
        RoomStore first = StoreTesting.open(folder, loop);
        assertThatThrownBy(() -> StoreTesting.open(folder, loop))
                .isInstanceOf(FolderInUseException.class)
                .hasMessageContaining("Another Parley is already using the history of room room")
                .hasMessageContaining(folder.toAbsolutePath().toString());
        // Another room in the same folder is another database with its own lock.
        RoomStore.open(folder, "other", StoreOptions.defaults(), loop).close();
        first.close();
        StoreTesting.open(folder, loop).close();
    }

    @Test
    void aHostInAnotherProcessKeepsTheFolderUntilItDies() throws Exception {
        try (var child = StoreChild.start(folder, "hold")) {
            child.awaitLine("ready");
            assertThatThrownBy(() -> StoreTesting.open(folder, loop))
                    .isInstanceOf(FolderInUseException.class)
                    .hasMessageContaining("Close it first, or give this one its own data folder");
            child.kill();
        }
        // The operating system dropped the lock with the process: no stale lock after a crash.
        try (RoomStore store = StoreTesting.open(folder, loop)) {
            assertThat(store.identity().epoch()).isEqualTo(2);
        }
    }
}
