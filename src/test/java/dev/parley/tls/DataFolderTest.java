package dev.parley.tls;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Where each system keeps Parley's data, and that nobody else can read it. */
@Timeout(30)
class DataFolderTest {
    @Test
    void linuxUsesXdgDataHomeOrLocalShare() {
        assertThat(DataFolder.forSystem("Linux", Map.of("XDG_DATA_HOME", "/data/me"), "/home/me").path())
                .isEqualTo(Path.of("/data/me/parley"));
        assertThat(DataFolder.forSystem("Linux", Map.of(), "/home/me").path())
                .isEqualTo(Path.of("/home/me/.local/share/parley"));
        assertThat(DataFolder.forSystem("Linux", Map.of("XDG_DATA_HOME", "relative/dir"), "/home/me").path())
                .as("the XDG spec says a relative XDG_DATA_HOME is ignored")
                .isEqualTo(Path.of("/home/me/.local/share/parley"));
        assertThat(DataFolder.forSystem("FreeBSD", Map.of("XDG_DATA_HOME", " "), "/home/me").path())
                .isEqualTo(Path.of("/home/me/.local/share/parley"));
    }

    @Test
    void macOsUsesApplicationSupport() {
        assertThat(DataFolder.forSystem("Mac OS X", Map.of("XDG_DATA_HOME", "/x"), "/Users/me").path())
                .isEqualTo(Path.of("/Users/me/Library/Application Support/Parley"));
    }

    @Test
    void windowsUsesAppData() {
        // Path strings are built with this system's separator; the rule is what matters.
        assertThat(DataFolder.forSystem("Windows 11", Map.of("APPDATA", "/roaming"), "/home/me").path())
                .isEqualTo(Path.of("/roaming/Parley"));
        assertThat(DataFolder.forSystem("Windows 11", Map.of(), "/home/me").path())
                .isEqualTo(Path.of("/home/me/AppData/Roaming/Parley"));
    }

    @Test
    void aNamedFolderWinsOverTheStandardOne(@TempDir Path dir) {
        assertThat(DataFolder.of(dir.resolve("x/../data")).path()).isEqualTo(dir.resolve("data"));
        assertThat(DataFolder.of(null)).isEqualTo(DataFolder.standard());
    }

    @Test
    void theFolderIsCreatedOwnerOnlyWithItsParents(@TempDir Path dir) throws Exception {
        DataFolder folder = new DataFolder(dir.resolve("a/b/parley")).create();
        assertThat(folder.path()).isDirectory();
        if (OwnerOnly.isPosix(dir)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.path())))
                    .isEqualTo("rwx------");
        }
    }

    @Test
    void aFolderOthersCouldReadIsNarrowed(@TempDir Path dir) throws Exception {
        Path wide = dir.resolve("parley");
        Files.createDirectory(wide);
        if (!OwnerOnly.isPosix(dir)) {
            return;
        }
        Files.setPosixFilePermissions(wide, PosixFilePermissions.fromString("rwxr-xr-x"));
        new DataFolder(wide).create();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(wide))).isEqualTo("rwx------");
    }

    @Test
    void atomicWritesLeaveAnOwnerOnlyFileAndNoTemporaryOnes(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("f.json");
        OwnerOnly.writeAtomically(file, "one");
        OwnerOnly.writeAtomically(file, "two");
        assertThat(file).hasContent("two");
        try (var listing = Files.list(dir)) {
            assertThat(listing).containsExactly(file);
        }
        if (OwnerOnly.isPosix(dir)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
    }
}
