package org.btcnode.daemon.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The P2P options, parsed and validated at start-up and used by the network layer:
 * {@code -port}, {@code -bind}, {@code -listen}, {@code -connect}, {@code -addnode},
 * {@code -seednode}, {@code -maxconnections}, {@code -dnsseed}, {@code -fixedseeds},
 * {@code -forcednsseed}, {@code -dnsseedresolver} (btcnode only),
 * {@code -v2transport}, {@code -maxreceivebuffer}, {@code -maxsendbuffer}, {@code -peertimeout},
 * {@code -bantime}, {@code -whitelist}, {@code -whitebind}, {@code -maxuploadtarget}. Immutable.
 *
 * @param port the listening port (the chain's default unless {@code -port})
 * @param connect the only peers to connect to ({@code -connect}); empty with {@code -noconnect}/{@code -connect=0}
 * @param useAddrmanOutgoing false once {@code -connect} is given in any form: no automatic outbound peers
 * @param maxReceiveBufferBytes {@code -maxreceivebuffer} × 1000
 * @param maxSendBufferBytes {@code -maxsendbuffer} × 1000
 * @param whitelist {@code -whitelist} values, checked at start-up by node-net's parser
 * @param whitebind {@code -whitebind} values, checked at start-up by node-net's parser
 * @param forceDnsSeed {@code -forcednsseed}: query the DNS seeds at start whatever the address book holds
 * @param dnsSeedResolver {@code -dnsseedresolver} (btcnode only): the DNS server for seed queries, a
 *                        numeric address; empty for the system resolver
 * @param maxUploadTargetBytes {@code -maxuploadtarget} in bytes per 24 hours; 0 for no target
 */
public record NetworkOptions(int port, List<BindAddress> bind, boolean listen, List<HostPort> connect,
                             boolean useAddrmanOutgoing, List<HostPort> addNodes, List<HostPort> seedNodes,
                             int maxConnections, boolean dnsSeed, boolean fixedSeeds, boolean v2Transport,
                             long maxReceiveBufferBytes, long maxSendBufferBytes, Duration peerTimeout,
                             Duration banTime, List<String> whitelist, List<String> whitebind,
                             boolean forceDnsSeed, Optional<HostPort> dnsSeedResolver,
                             long maxUploadTargetBytes) {
    /** net.h: DEFAULT_MAX_PEER_CONNECTIONS. */
    public static final int DEFAULT_MAX_PEER_CONNECTIONS = 125;
    /** net.h: DEFAULT_LISTEN. */
    public static final boolean DEFAULT_LISTEN = true;
    /** net.h: DEFAULT_V2_TRANSPORT. */
    public static final boolean DEFAULT_V2_TRANSPORT = true;
    /** init.cpp / net.h: DEFAULT_DNSSEED, DEFAULT_FIXEDSEEDS. */
    public static final boolean DEFAULT_DNSSEED = true;
    public static final boolean DEFAULT_FIXEDSEEDS = true;
    /** net.h: DEFAULT_FORCEDNSSEED. */
    public static final boolean DEFAULT_FORCEDNSSEED = false;
    /** The port of a -dnsseedresolver given without one. */
    public static final int DNS_PORT = 53;

    /** net.h: DEFAULT_MAXRECEIVEBUFFER, DEFAULT_MAXSENDBUFFER (in units of 1000 bytes). */
    public static final long DEFAULT_MAXRECEIVEBUFFER = 5 * 1000;
    public static final long DEFAULT_MAXSENDBUFFER = 1000;
    /** net.h: DEFAULT_PEER_CONNECT_TIMEOUT, in seconds. */
    public static final long DEFAULT_PEER_CONNECT_TIMEOUT = 60;
    /** net.h: DEFAULT_MAX_UPLOAD_TARGET ("0M"), in bytes: no target. */
    public static final long DEFAULT_MAX_UPLOAD_TARGET = 0;
    /** banman.h: DEFAULT_MISBEHAVING_BANTIME, in seconds. */
    public static final long DEFAULT_MISBEHAVING_BANTIME = 60 * 60 * 24;

    public NetworkOptions {
        whitelist = List.copyOf(whitelist);
        whitebind = List.copyOf(whitebind);
        bind = List.copyOf(bind);
        connect = List.copyOf(connect);
        addNodes = List.copyOf(addNodes);
        seedNodes = List.copyOf(seedNodes);
        Objects.requireNonNull(dnsSeedResolver, "dnsSeedResolver");
    }
}
