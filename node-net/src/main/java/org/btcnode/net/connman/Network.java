package org.btcnode.net.connman;

/**
 * The network a peer is connected through, as eviction sees it (netaddress.h {@code Network},
 * the reachable ones; an inbound connection to our onion service counts as {@link #ONION}, as
 * {@code CNode::ConnectedThroughNetwork} does). May move to node-core once addresses are modelled
 * there.
 */
public enum Network {
    /** NET_IPV4 (includes localhost 127.0.0.0/8; {@code EvictionCandidate.isLocal} says that). */
    IPV4,
    /** NET_IPV6. */
    IPV6,
    /** NET_ONION: Tor v3. */
    ONION,
    /** NET_I2P. */
    I2P,
    /** NET_CJDNS (fc00::/8 with {@code -cjdnsreachable}). */
    CJDNS
}
