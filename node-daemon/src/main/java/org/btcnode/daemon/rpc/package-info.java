/**
 * The JSON-RPC server (Core's httpserver.cpp, httprpc.cpp, rpc/server.cpp, rpc/request.cpp and
 * the methods of rpc/net.cpp, rpc/blockchain.cpp, rpc/node.cpp): {@link org.btcnode.daemon.rpc.RpcService}
 * wires it as a node service; {@link org.btcnode.daemon.rpc.RpcHttpServer} is the Netty HTTP/1.1
 * server with Core's statuses; {@link org.btcnode.daemon.rpc.HttpRpc} turns a body into a reply
 * (1.0/2.0, batches); {@link org.btcnode.daemon.rpc.RpcTable} holds the
 * {@link org.btcnode.daemon.rpc.RpcMethod}s and checks their arguments;
 * {@link org.btcnode.daemon.rpc.ChainView} is the chain the blockchain RPCs read.
 *
 * <p>Threads: one Netty event loop ("btcnode-http") parses requests, checks access and
 * credentials and writes replies; {@code -rpcthreads} workers ("btcnode-httpworker.N") run the
 * methods, which ask the node-logic thread through {@code P2PNetwork.query} and never touch node
 * state directly. Errors are {@link org.btcnode.daemon.rpc.RpcException} with Core's
 * {@link org.btcnode.daemon.rpc.RpcErrorCode}. Must not import RocksDB or node-store; uses Jackson
 * for JSON and Netty's HTTP codec.
 */
package org.btcnode.daemon.rpc;
