package dev.parley.server;

import dev.parley.files.FileLimits;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Whether a room takes files (extension {@code files}), where it keeps them and its limits: the files
 * part of {@link ServerConfig}.
 *
 * @param enabled whether the host offers the extension at all
 * @param folder  the data folder under which the room's files are kept ({@code files/<room>} in it, beside
 *                the history), or {@code null} for a temporary folder that is deleted when the room
 *                closes (a room whose history is in memory)
 * @param limits  per-file size, store cap, upload rate, transfers per person ({@link FileLimits})
 */
public record FileSettings(boolean enabled, Path folder, FileLimits limits) {

    public FileSettings {
        Objects.requireNonNull(limits, "limits");
    }

    /** No files: the extension is not offered (tests, embedders). */
    public static FileSettings off() {
        return new FileSettings(false, null, FileLimits.defaults());
    }

    /** Files kept under {@code dataFolder} with the default limits. */
    public static FileSettings in(Path dataFolder) {
        return new FileSettings(true, Objects.requireNonNull(dataFolder, "dataFolder"), FileLimits.defaults());
    }

    /** Files kept in a temporary folder, deleted when the room closes, with the default limits. */
    public static FileSettings temporary() {
        return new FileSettings(true, null, FileLimits.defaults());
    }

    public FileSettings withLimits(FileLimits newLimits) {
        return new FileSettings(enabled, folder, newLimits);
    }
}
