/**
 * One connection as node logic sees it: the seam to the transport ({@link
 * org.btcnode.net.peer.PeerConnection}, {@link org.btcnode.net.peer.PeerConnector}, {@link
 * org.btcnode.net.peer.PeerEvents}), the peer's state ({@link org.btcnode.net.peer.Peer}, its
 * handshake {@link org.btcnode.net.peer.PeerState}, its {@link org.btcnode.net.peer.PeerStats}) and
 * the protocol that keeps it alive ({@link org.btcnode.net.peer.PeerLogic}: version handshake,
 * feature negotiation, ping, timeouts, what a violation costs) and address gossip ({@link
 * org.btcnode.net.peer.AddrRelay}: addr, addrv2, getaddr, relay, trickle; per-peer state in
 * {@code AddrRelayState}).
 *
 * <p>Thread: {@code PeerId} and {@code TransportProtocol} are immutable values; everything else
 * is read and written on the node-logic thread only (the transport posts its events there). Must
 * not import Netty, node-store, RocksDB or Logback.
 */
package org.btcnode.net.peer;
