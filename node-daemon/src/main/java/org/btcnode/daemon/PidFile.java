package org.btcnode.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.btcnode.core.log.LogCategory;
import org.btcnode.daemon.config.ConfigException;

/**
 * The {@code -pid} file: our process id and a newline, written after start-up checks and deleted
 * at shutdown, as Core's {@code CreatePidFile}/{@code RemovePidFile} ({@code init.cpp}).
 */
public final class PidFile implements AutoCloseable {
    private final Path path;

    private PidFile(Path path) {
        this.path = path;
    }

    public static PidFile create(Path path) throws ConfigException {
        try {
            Files.writeString(path, ProcessHandle.current().pid() + "\n", StandardCharsets.US_ASCII);
        } catch (IOException | SecurityException e) {
            throw new ConfigException(ConfigException.Kind.FILE_WRITE,
                    "Unable to create the PID file '" + path + "': " + reason(e));
        }
        return new PidFile(path);
    }

    public Path path() {
        return path;
    }

    /** Deletes the file; a failure is logged as a warning (the node is stopping anyway), never thrown. */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LogCategory.lifecycle().warn("Unable to remove PID file {}: {}", path, reason(e));
        }
    }

    /** What strerror would say, where Java knows it. */
    static String reason(Exception e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "No such file or directory";
        }
        if (e instanceof java.nio.file.AccessDeniedException || e instanceof SecurityException) {
            return "Permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return String.valueOf(e.getMessage());
    }
}
