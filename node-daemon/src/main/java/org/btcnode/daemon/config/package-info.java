/**
 * Options: the command line and bitcoin.conf parsed once, with Core's names, sections,
 * precedence, negation and error texts, into immutable records ({@link org.btcnode.daemon.config.NodeOptions}
 * and its parts); {@link org.btcnode.daemon.config.ConfigException} for every operator error.
 *
 * <p>Thread: runs once on the main thread at start-up; the records are immutable and can be
 * shared. Reads files, never writes them; must not import Logback, Netty or RocksDB.
 */
package org.btcnode.daemon.config;
