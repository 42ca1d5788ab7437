package org.btcnode.daemon.config;

import java.util.List;
import java.util.Optional;

/**
 * The JSON-RPC options Core has, accepted and validated now so that a Core bitcoin.conf starts;
 * the RPC server (a later issue) uses them. Immutable; {@link #toString()} hides the secrets.
 *
 * @param rpcBind addresses to listen on; empty means 127.0.0.1 and ::1 (and Core ignores
 *                {@code -rpcbind} unless {@code -rpcallowip} is given)
 * @param rpcAuth {@code <user>:<salt>$<hash>} entries
 * @param rpcAllowIp subnets allowed to connect, syntax checked
 */
public record RpcOptions(boolean server, List<HostPort> rpcBind, int rpcPort, Optional<String> rpcUser,
                         Optional<String> rpcPassword, List<String> rpcAuth, List<String> rpcAllowIp,
                         int rpcThreads) {
    /** httpserver.h: DEFAULT_HTTP_THREADS. */
    public static final int DEFAULT_HTTP_THREADS = 16;

    public RpcOptions {
        rpcBind = List.copyOf(rpcBind);
        rpcAuth = List.copyOf(rpcAuth);
        rpcAllowIp = List.copyOf(rpcAllowIp);
    }

    @Override
    public String toString() {
        return "RpcOptions[server=" + server + ", rpcBind=" + rpcBind + ", rpcPort=" + rpcPort
                + ", rpcUser=" + rpcUser.map(u -> "****") + ", rpcPassword=" + rpcPassword.map(p -> "****")
                + ", rpcAuth=" + rpcAuth.size() + " entries, rpcAllowIp=" + rpcAllowIp + ", rpcThreads=" + rpcThreads + "]";
    }
}
