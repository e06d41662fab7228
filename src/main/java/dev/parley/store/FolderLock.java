package dev.parley.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a lock file, held for a store's whole life, so two hosts never write one
 * database. The operating system drops it when the process dies, so a crash never leaves the
 * folder locked. Thread-safe.
 */
final class FolderLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private FolderLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock or says who has it.
     *
     * @throws FolderInUseException another process or another store of this process holds it
     * @throws StoreException       the lock file cannot be created
     */
    static FolderLock take(Path lockFile, String what) throws StoreException {
        FileChannel channel;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new StoreException("Cannot create the lock file " + lockFile + " for " + what
                    + ": check that the folder exists and may be written.", e);
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StoreException("Cannot lock " + lockFile + " for " + what + ".", e);
        }
        if (lock == null) {
            closeQuietly(channel);
            throw new FolderInUseException("Another Parley is already using " + what + " in "
                    + lockFile.getParent() + ". Close it first, or give this one its own data folder.");
        }
        return new FolderLock(channel, lock);
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            System.getLogger("dev.parley.store").log(System.Logger.Level.WARNING, "Could not release a lock", e);
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            System.getLogger("dev.parley.store").log(System.Logger.Level.WARNING, "Could not close a lock file", e);
        }
    }
}
