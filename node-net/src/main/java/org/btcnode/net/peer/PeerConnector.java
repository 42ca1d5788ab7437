package org.btcnode.net.peer;

import java.net.InetSocketAddress;

import org.btcnode.net.connman.ConnectionType;

/**
 * Opens outbound connections for node logic. The transport implements it with a Netty bootstrap
 * (tests with a fake). Never blocks: the outcome arrives on the node loop as
 * {@link PeerEvents#onConnected} or {@link PeerEvents#onConnectFailed} for the returned id.
 */
public interface PeerConnector {
    /** Opens a connection of {@code type}; with BIP 324 when {@code v2} (and v2 is enabled), else v1. */
    PeerId connect(InetSocketAddress address, ConnectionType type, boolean v2);
}
