package org.btcnode.daemon.config;

import java.util.List;

/**
 * The P2P options, parsed and validated at start-up and used by the network layer:
 * {@code -port}, {@code -bind}, {@code -listen}, {@code -connect}, {@code -addnode},
 * {@code -seednode}, {@code -maxconnections}, {@code -dnsseed}, {@code -fixedseeds},
 * {@code -v2transport}. Immutable.
 *
 * @param port the listening port (the chain's default unless {@code -port})
 * @param connect the only peers to connect to ({@code -connect}); empty with {@code -noconnect}/{@code -connect=0}
 * @param useAddrmanOutgoing false once {@code -connect} is given in any form: no automatic outbound peers
 */
public record NetworkOptions(int port, List<BindAddress> bind, boolean listen, List<HostPort> connect,
                             boolean useAddrmanOutgoing, List<HostPort> addNodes, List<HostPort> seedNodes,
                             int maxConnections, boolean dnsSeed, boolean fixedSeeds, boolean v2Transport) {
    /** net.h: DEFAULT_MAX_PEER_CONNECTIONS. */
    public static final int DEFAULT_MAX_PEER_CONNECTIONS = 125;
    /** net.h: DEFAULT_LISTEN. */
    public static final boolean DEFAULT_LISTEN = true;
    /** net.h: DEFAULT_V2_TRANSPORT. */
    public static final boolean DEFAULT_V2_TRANSPORT = true;
    /** init.cpp / net.h: DEFAULT_DNSSEED, DEFAULT_FIXEDSEEDS. */
    public static final boolean DEFAULT_DNSSEED = true;
    public static final boolean DEFAULT_FIXEDSEEDS = true;

    public NetworkOptions {
        bind = List.copyOf(bind);
        connect = List.copyOf(connect);
        addNodes = List.copyOf(addNodes);
        seedNodes = List.copyOf(seedNodes);
    }
}
