/**
 * Logging vocabulary shared by every module: {@link org.btcnode.core.log.LogCategory} (Core's
 * {@code -debug} categories as SLF4J logger names {@code btc.<category>}) and
 * {@link org.btcnode.core.log.LogText} (making peer-supplied strings safe to log).
 *
 * <p>Thread: stateless, usable from any thread. Must not import Logback or any other SLF4J
 * backend: node-daemon chooses and configures the backend.
 */
package org.btcnode.core.log;
