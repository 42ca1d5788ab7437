package org.btcnode.net.peer;

import java.net.InetSocketAddress;

import org.btcnode.net.connman.ConnectionType;

/**
 * Opens outbound connections for node logic. The transport implements it with a Netty bootstrap
 * (tests with a fake). Never blocks: the outcome arrives on the node loop as
 * {@link PeerEvents#onConnected} or {@link PeerEvents#onConnectFailed} for the returned id.
 */
public interface PeerConnector {
    PeerId connect(InetSocketAddress address, ConnectionType type);
}
