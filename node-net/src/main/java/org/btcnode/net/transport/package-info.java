/**
 * Byte-level transport of peer connections over Netty: the pipeline of one connection
 * (STYLE.md §4, built by {@link org.btcnode.net.transport.PeerChannelInitializer}):
 * {@code IdleStateHandler} (socket inactivity, {@code TIMEOUT_INTERVAL}) →
 * {@link org.btcnode.net.transport.V1FrameCodec} (bytes ↔ {@link org.btcnode.net.transport.RawMessage})
 * → {@link org.btcnode.net.transport.MessageCodec} (RawMessage ↔ node-core message values) →
 * {@link org.btcnode.net.transport.PeerHandler} (channel events → {@link org.btcnode.net.peer.PeerEvents}
 * posted to the node loop, receive budget, last word on errors); the
 * {@link org.btcnode.net.peer.PeerConnection} node logic holds
 * ({@code NettyPeerConnection}, with the send limit); and
 * {@link org.btcnode.net.transport.NettyTransport}, the event-loop group (epoll or NIO), listening
 * sockets and outbound connects, configured by {@link org.btcnode.net.transport.TransportOptions}.
 * Later BIP 324. Also the node-net error type
 * {@link org.btcnode.net.transport.ProtocolViolationException} with its
 * {@link org.btcnode.net.transport.Violation} to {@link org.btcnode.net.transport.Outcome} table.
 *
 * <p>Thread: handlers are made per channel and run on that channel's event loop; they never touch
 * shared node state, they post to the {@link org.btcnode.net.logic.NodeLoop}. Must not import
 * node-store, RocksDB or Logback, nor node-logic classes beyond the {@code peer} seam and
 * {@code NodeLoop}.
 */
package org.btcnode.net.transport;
