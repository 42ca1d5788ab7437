/**
 * Chain sync, net_processing.cpp's chain half: headers-first sync ({@code getheaders}/{@code
 * headers}, the low-work pre-sync, unconnecting headers), parallel block download (a window of
 * 1,024 blocks past the active tip, 16 in flight per peer, stalling and download timeouts),
 * serving ({@code getheaders}, {@code getblocks}, {@code getdata}) and block announcements
 * ({@code headers} to {@code sendheaders} peers, {@code inv} to the others). {@link ChainSync} is
 * the {@link org.btcnode.net.peer.ChainHandler} peer logic calls; it owns the header tree and
 * the stores. Node-logic thread only. Must not import the transport's Netty types or node-store.
 */
package org.btcnode.net.sync;
