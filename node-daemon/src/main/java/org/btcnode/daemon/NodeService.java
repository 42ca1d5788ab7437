package org.btcnode.daemon;

import org.btcnode.daemon.config.ConfigException;

/**
 * One part of the running node that the daemon starts and stops (the network, the RPC server, the
 * database). {@link Node} starts services in order and stops them in reverse. Called on the main
 * thread (start) and the shutdown thread (stop), never concurrently.
 */
public interface NodeService {
    /** A short name for log lines ("net", "rpc"). */
    String name();

    /** Starts the service; an operator error (port in use, corrupt database) is a {@link ConfigException}. */
    void start() throws ConfigException;

    /** Stops the service and releases what it holds; must not throw, must return in bounded time. */
    void stop();
}
