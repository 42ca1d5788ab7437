package org.btcnode.daemon;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.btcnode.daemon.config.ConfigException;

/**
 * The {@code .lock} file of a chain's data directory, locked for the life of the process so that
 * a second btcnoded on the same directory stops at once, as Core's {@code LockDirectory}
 * ({@code util/fs_helpers.cpp}, {@code init.cpp}). The file stays; only the lock goes at close.
 * Created and closed on the main or shutdown thread.
 */
public final class DataDirLock implements AutoCloseable {
    /** init.cpp: the lock file's name. */
    public static final String LOCK_FILENAME = ".lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Locks {@code dir/.lock}, or fails with Core's message if another process holds it. */
    public static DataDirLock acquire(Path dir) throws ConfigException {
        FileChannel channel;
        try {
            channel = FileChannel.open(dir.resolve(LOCK_FILENAME), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException | SecurityException e) {
            throw new ConfigException(ConfigException.Kind.DATADIR,
                    "Cannot write to directory '" + dir + "'; check permissions.");
        }
        FileLock lock = null;
        try {
            lock = channel.tryLock();
        } catch (IOException | OverlappingFileLockException e) {
            // OverlappingFileLockException: this JVM already holds it, which is just as "already running"
            lock = null;
        }
        if (lock == null) {
            closeQuietly(channel);
            throw new ConfigException(ConfigException.Kind.LOCKED, "Cannot obtain a lock on directory " + dir
                    + ". btcnode is probably already running.");
        }
        return new DataDirLock(channel, lock);
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // closing the channel below releases the lock as well
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // the process is about to exit; the OS drops the lock with the descriptor
        }
    }
}
