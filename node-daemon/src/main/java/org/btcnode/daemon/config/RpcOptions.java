package org.btcnode.daemon.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The JSON-RPC server's options (Core's httpserver.cpp/httprpc.cpp), read by
 * {@code org.btcnode.daemon.rpc.RpcService}. Immutable; {@link #toString()} hides the secrets.
 *
 * @param rpcBind addresses to listen on; empty means 127.0.0.1 and ::1 (and Core ignores
 *                {@code -rpcbind} unless {@code -rpcallowip} is given)
 * @param rpcAuth {@code <user>:<salt>$<hash>} entries
 * @param rpcAllowIp subnets allowed to connect, syntax checked
 * @param rpcThreads worker threads executing requests
 * @param rpcWorkQueue requests that may wait for a worker; more are answered 503
 * @param rpcCookieFile where the {@code .cookie} goes (absolute), empty with {@code -norpccookiefile}
 */
public record RpcOptions(boolean server, List<HostPort> rpcBind, int rpcPort, Optional<String> rpcUser,
                         Optional<String> rpcPassword, List<String> rpcAuth, List<String> rpcAllowIp,
                         int rpcThreads, int rpcWorkQueue, Optional<Path> rpcCookieFile) {
    /** httpserver.h: DEFAULT_HTTP_THREADS. */
    public static final int DEFAULT_HTTP_THREADS = 16;
    /** httpserver.h: DEFAULT_HTTP_WORKQUEUE. */
    public static final int DEFAULT_HTTP_WORKQUEUE = 64;
    /** common/init or rpc/request.cpp: the cookie's default file name in the chain's datadir. */
    public static final String COOKIEAUTH_FILE = ".cookie";

    public RpcOptions {
        rpcBind = List.copyOf(rpcBind);
        rpcAuth = List.copyOf(rpcAuth);
        rpcAllowIp = List.copyOf(rpcAllowIp);
    }

    @Override
    public String toString() {
        return "RpcOptions[server=" + server + ", rpcBind=" + rpcBind + ", rpcPort=" + rpcPort
                + ", rpcUser=" + rpcUser.map(u -> "****") + ", rpcPassword=" + rpcPassword.map(p -> "****")
                + ", rpcAuth=" + rpcAuth.size() + " entries, rpcAllowIp=" + rpcAllowIp + ", rpcThreads=" + rpcThreads
                + ", rpcWorkQueue=" + rpcWorkQueue + ", rpcCookieFile=" + rpcCookieFile + "]";
    }
}
