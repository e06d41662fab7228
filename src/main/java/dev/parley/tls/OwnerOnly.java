package dev.parley.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files and folders only their owner may read: POSIX modes 0700 and 0600 where the file system has
 * them. Elsewhere (Windows) the per-user profile folder the data lives in is already private to the
 * user, so nothing more is done. Files are created with the mode from the start, never widened first.
 * Any thread; every method touches the disk.
 */
final class OwnerOnly {
    private static final System.Logger LOG = System.getLogger("dev.parley.tls");
    static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnly() {
    }

    /** Creates {@code folder} (and missing parents) and narrows it to 0700 if it is wider. */
    static void createFolder(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            Files.createDirectories(folder.getParent() == null ? folder : folder.getParent());
            try {
                Files.createDirectory(folder, attributes(folder.getParent(), FOLDER));
            } catch (FileAlreadyExistsException e) {
                if (!Files.isDirectory(folder)) {
                    throw e;
                }
            }
        }
        narrow(folder, FOLDER);
    }

    /**
     * Narrows an existing file or folder to {@code wanted} if the file system has POSIX modes and it is
     * wider, and says so in the log (someone or something widened it).
     */
    static void narrow(Path path, Set<PosixFilePermission> wanted) throws IOException {
        if (isPosix(path) && !wanted.containsAll(Files.getPosixFilePermissions(path))) {
            LOG.log(System.Logger.Level.WARNING, "{0} was readable by others ({1}); narrowed to {2}", path,
                    PosixFilePermissions.toString(Files.getPosixFilePermissions(path)),
                    PosixFilePermissions.toString(wanted));
            Files.setPosixFilePermissions(path, wanted);
        }
    }

    /** Sets a file this process just wrote (with the umask's mode) to {@code wanted}; nothing to log. */
    static void restrict(Path path, Set<PosixFilePermission> wanted) throws IOException {
        if (isPosix(path)) {
            Files.setPosixFilePermissions(path, wanted);
        }
    }

    /**
     * Replaces {@code target} with {@code bytes} so that a reader sees either the old or the new file,
     * never a half-written one: a 0600 file beside it, flushed to disk, then renamed over it.
     */
    static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp",
                attributes(target.getParent(), FILE));
        try {
            try (var channel = Files.newByteChannel(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                var buffer = java.nio.ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                if (channel instanceof java.nio.channels.FileChannel file) {
                    file.force(true);
                }
            }
            moveIntoPlace(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    static void writeAtomically(Path target, String text) throws IOException {
        writeAtomically(target, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Renames {@code from} over {@code to}, atomically where the file system can. */
    static void moveIntoPlace(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Renames a damaged {@code file} to {@code <name>.<label>-<millis>} (another number if that exists)
     * so a person or a bug report still has it; returns the new name.
     */
    static Path keepAside(Path file, String label, long millis) throws IOException {
        for (int i = 0; ; i++) {
            Path aside = file.resolveSibling(file.getFileName() + "." + label + "-" + millis + (i == 0 ? "" : "-" + i));
            try {
                return Files.move(file, aside);
            } catch (FileAlreadyExistsException e) {
                // Two damaged files in one millisecond: try the next name.
            }
        }
    }

    static boolean isPosix(Path path) {
        Path existing = path;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        return existing != null && existing.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static FileAttribute<?>[] attributes(Path where, Set<PosixFilePermission> permissions) {
        return isPosix(where) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)}
                : new FileAttribute<?>[0];
    }
}
