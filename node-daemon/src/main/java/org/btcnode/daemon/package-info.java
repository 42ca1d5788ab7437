/**
 * btcnoded: the {@link org.btcnode.daemon.Btcnoded} main, the data directory lock
 * ({@link org.btcnode.daemon.DataDirLock}), the pid file, the Logback set-up that writes Core-like
 * lines to debug.log ({@link org.btcnode.daemon.LoggingSetup}, {@link org.btcnode.daemon.CoreLogLayout})
 * and the {@link org.btcnode.daemon.Node} lifecycle that later issues plug their
 * {@link org.btcnode.daemon.NodeService}s into.
 *
 * <p>Thread: the main thread starts the node and then waits; a JVM shutdown hook (SIGTERM,
 * SIGINT) stops it. Must not contain protocol logic: it only wires node-net and node-store.
 */
package org.btcnode.daemon;
