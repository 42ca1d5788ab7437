/**
 * btcnode-cli: the command-line JSON-RPC client, bitcoin-cli's equivalent ({@code bitcoin-cli.cpp}):
 * options from {@link org.btcnode.daemon.config.ClientOptionsParser}, one HTTP request (or batch)
 * to the node's RPC server with cookie or user/password authentication, {@code -rpcwait},
 * {@code -named} parameters, and the {@code -getinfo} and {@code -netinfo} reports rendered as
 * bitcoin-cli renders them.
 *
 * <p>Thread: the main thread of its own short-lived process; nothing is shared. Talks to the node
 * only over HTTP: must not import the node's services, Netty, RocksDB or Logback.
 */
package org.btcnode.daemon.cli;
