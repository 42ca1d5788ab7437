/**
 * btcnoded: the {@link org.btcnode.daemon.Btcnoded} main, the data directory lock
 * ({@link org.btcnode.daemon.DataDirLock}), the pid file, the Logback set-up that writes Core-like
 * lines to debug.log ({@link org.btcnode.daemon.LoggingSetup}, {@link org.btcnode.daemon.CoreLogLayout})
 * and the {@link org.btcnode.daemon.Node} lifecycle that later issues plug their
 * {@link org.btcnode.daemon.NodeService}s into.
 *
 * The service side for operators: SIGHUP reopens debug.log ({@link org.btcnode.daemon.HangupSignal}),
 * {@code -shrinkdebugfile} ({@link org.btcnode.daemon.DebugLogFile}) and the periodic status line
 * ({@link org.btcnode.daemon.StatusReporter}).
 *
 * <p>Thread: the main thread starts the node and then waits; a JVM shutdown hook (SIGTERM,
 * SIGINT) stops it. SIGHUP runs on a JVM signal thread; the status line on its own scheduler
 * thread, which asks node logic through {@code P2PNetwork.query} and never runs on it. Must not contain protocol logic: it only wires node-net and node-store.
 */
package org.btcnode.daemon;
