package org.btcnode.daemon.rpc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;

import org.btcnode.core.log.LogCategory;
import org.btcnode.daemon.config.ConfigException;
import org.slf4j.Logger;

/**
 * The RPC cookie (Core's rpc/request.cpp {@code GenerateAuthCookie}/{@code DeleteAuthCookie}):
 * {@code __cookie__:<64 hex digits>} from 32 random bytes, written to a temporary file readable by
 * the owner only and renamed into place, so a reader never sees half a cookie; deleted at stop.
 * Called at RPC start and stop.
 */
public final class AuthCookie implements AutoCloseable {
    private static final Logger log = LogCategory.RPC.logger();
    /** request.cpp: the cookie is 32 random bytes. */
    static final int COOKIE_SIZE = 32;
    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE);

    private final Path file;
    private final String password;

    private AuthCookie(Path file, String password) {
        this.file = file;
        this.password = password;
    }

    /** Generates and writes a new cookie; a file that cannot be written is an operator error. */
    public static AuthCookie generate(Path file, SecureRandom random) throws ConfigException {
        byte[] raw = new byte[COOKIE_SIZE];
        random.nextBytes(raw);
        String password = HexFormat.of().formatHex(raw);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.deleteIfExists(tmp);
            try {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } catch (UnsupportedOperationException e) {
                Files.createFile(tmp);              // not a POSIX file system: its default permissions
            }
            Files.writeString(tmp, RpcAuth.COOKIE_USER + ":" + password, StandardCharsets.US_ASCII);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (FileAlreadyExistsException e) {
            throw new ConfigException(ConfigException.Kind.DATADIR, "Unable to open cookie authentication file "
                    + tmp + " for writing: it appeared while being created; remove it and restart.");
        } catch (IOException e) {
            throw new ConfigException(ConfigException.Kind.DATADIR, "Unable to open cookie authentication file "
                    + tmp + " for writing (" + e.getMessage() + "); check the directory or set -rpccookiefile.");
        }
        log.info("Generated RPC authentication cookie {}", file);
        return new AuthCookie(file, password);
    }

    public Path file() {
        return file;
    }

    /** The random password half of the cookie. */
    String password() {
        return password;
    }

    /** DeleteAuthCookie: removes the file; a failure is logged, not thrown. */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Unable to remove random auth cookie file {}: {}", file, e.getMessage());
        }
    }
}
