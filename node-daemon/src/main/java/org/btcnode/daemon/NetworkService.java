package org.btcnode.daemon;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.btcnode.core.log.LogCategory;
import org.btcnode.core.message.ServiceFlags;
import org.btcnode.core.params.NetworkParameters;
import org.btcnode.core.store.BlockStore;
import org.btcnode.core.store.StoreException;
import org.btcnode.daemon.config.BindAddress;
import org.btcnode.daemon.config.ConfigException;
import org.btcnode.daemon.config.HostPort;
import org.btcnode.daemon.config.IpLiteral;
import org.btcnode.daemon.config.NetworkOptions;
import org.btcnode.daemon.config.NodeOptions;
import org.btcnode.net.P2PNetwork;
import org.btcnode.net.addrman.AddrMan;
import org.btcnode.net.connman.ConnectionOptions;
import org.btcnode.net.discovery.Bootstrap;
import org.btcnode.net.discovery.DnsSeeder;
import org.btcnode.net.connman.WhitebindEntry;
import org.btcnode.net.connman.WhitelistEntry;
import org.btcnode.net.transport.TransportOptions;
import org.slf4j.Logger;

/**
 * The P2P network as a {@link NodeService}: maps the parsed options onto node-net's
 * {@link ConnectionOptions} and {@link TransportOptions}, binds the listening sockets and starts the
 * connection manager. Bans live in the database ({@link DatabaseService}, started before this
 * service), and so does the address book ({@link AddrMan}), loaded here and handed to the network,
 * which flushes it. Bootstrap (DNS seeds through {@code -dnsseedresolver} or the system's resolvers,
 * fixed seeds, {@code -seednode}) runs inside the network.
 */
final class NetworkService implements NodeService {
    private static final Logger log = LogCategory.NET.logger();
    /** The datadir file of the block-relay-only anchors (Core's name). */
    static final String ANCHORS_FILE = "anchors.dat";

    private final NodeOptions options;
    private final String clientVersion;
    private final DatabaseService database;
    private volatile P2PNetwork network;
    private volatile ConnectionOptions connectionOptions;

    NetworkService(NodeOptions options, String clientVersion, DatabaseService database) {
        this.options = options;
        this.clientVersion = clientVersion;
        this.database = database;
    }

    @Override
    public String name() {
        return "net";
    }

    @Override
    public void start() throws ConfigException {
        NetworkOptions net = options.network();
        NetworkParameters params = NetworkParameters.of(options.chain());
        List<InetSocketAddress> binds = bindAddresses(net);
        List<WhitebindEntry> whitebind = new ArrayList<>();
        net.whitebind().forEach(v -> whitebind.add(WhitebindEntry.parse(v)));
        List<WhitelistEntry> whitelist = new ArrayList<>();
        net.whitelist().forEach(v -> whitelist.add(WhitelistEntry.parse(v)));
        whitebind.forEach(w -> binds.add(w.bind()));

        // Core's defaults for what bitcoind options do not set (user agent, services, relay)
        ConnectionOptions defaults = ConnectionOptions.defaults(clientVersion.replaceFirst("^v", ""));
        ConnectionOptions connection = new ConnectionOptions(net.maxConnections(), !net.useAddrmanOutgoing(),
                resolve(net.connect(), params), resolve(net.addNodes(), params), resolve(net.seedNodes(), params),
                net.listen(), binds, whitelist, whitebind, defaults.whitelistRelay(), defaults.whitelistForceRelay(),
                net.peerTimeout(), defaults.userAgent(), localServices(defaults, net), defaults.blocksOnly(),
                net.banTime(), options.logging().logIps(), defaults.addrBroadcastInterval(),
                net.maxUploadTargetBytes());
        TransportOptions transport = TransportOptions.defaults()
                .withMaxReceiveBufferBytes(net.maxReceiveBufferBytes())
                .withMaxSendBufferBytes(net.maxSendBufferBytes());
        connectionOptions = connection;
        Path anchors = options.chainDataDir().resolve(ANCHORS_FILE);
        AddrMan addrMan = loadAddressBook();
        Optional<InetSocketAddress> resolver = net.dnsSeedResolver()
                .map(hp -> new InetSocketAddress(literal(hp.host()), hp.portOr(DnsSeeder.DNS_PORT)));
        Bootstrap.Options bootstrap = new Bootstrap.Options(net.dnsSeed(), net.forceDnsSeed(), net.fixedSeeds(),
                DnsSeeder.Options.defaults(resolver));
        BlockStore blockStore = database.blockStore();
        P2PNetwork.Setup setup = new P2PNetwork.Setup(params, connection, transport, binds, database.banStore(),
                addrMan, anchors, InstantSource.system(), database.headerStore(), blockStore, bootstrap);
        try {
            network = P2PNetwork.start(setup);
        } catch (IOException e) {
            throw new ConfigException(ConfigException.Kind.BAD_VALUE, e.getMessage());
        }
        if (!net.listen()) {
            log.info("Not listening for incoming connections (-listen=0)");
        }
    }

    /** Core's g_local_services: NODE_P2P_V2 added when -v2transport (init.cpp). */
    private static ServiceFlags localServices(ConnectionOptions defaults, NetworkOptions net) {
        return net.v2Transport() ? defaults.localServices().with(ServiceFlags.NODE_P2P_V2)
                : defaults.localServices();
    }

    /**
     * The address book from the database (Core's "Loaded %i addresses from peers.dat  %dms"); a
     * corrupt one stops start-up with the store's one sentence.
     */
    private AddrMan loadAddressBook() throws ConfigException {
        long start = System.nanoTime();
        try {
            AddrMan addrMan = AddrMan.load(database.addressBookStore(), new SecureRandom(), InstantSource.system());
            log.info("Loaded {} addresses from the address book  {}ms", addrMan.size(),
                    (System.nanoTime() - start) / 1_000_000);
            return addrMan;
        } catch (StoreException e) {
            throw new ConfigException(ConfigException.Kind.DATABASE, e.getMessage());
        }
    }

    /** The running network, for the RPC server (null before start and after stop). */
    P2PNetwork network() {
        return network;
    }

    /** The connection options the network was started with, for getnetworkinfo (null before start). */
    ConnectionOptions connectionOptions() {
        return connectionOptions;
    }

    @Override
    public void stop() {
        if (network != null) {
            network.close();
            network = null;
        }
    }

    /** init.cpp: with no -bind, listen on all IPv4 and IPv6 interfaces at -port. */
    private static List<InetSocketAddress> bindAddresses(NetworkOptions net) {
        List<InetSocketAddress> out = new ArrayList<>();
        if (!net.listen()) {
            return out;
        }
        if (net.bind().isEmpty()) {
            out.add(new InetSocketAddress(net.port()));        // the wildcard address: every interface
            return out;
        }
        for (BindAddress b : net.bind()) {
            out.add(new InetSocketAddress(literal(b.address().host()), b.address().portOr(net.port())));
        }
        return out;
    }

    /**
     * -connect/-addnode/-seednode destinations. IP literals (and "localhost") become addresses;
     * other names stay unresolved: this release does no DNS lookups for peers (a deliberate
     * difference from Core, see docs/configuration.md), and the transport reports them as failed.
     */
    private static List<InetSocketAddress> resolve(List<HostPort> hosts, NetworkParameters params) {
        List<InetSocketAddress> out = new ArrayList<>();
        for (HostPort h : hosts) {
            int port = h.portOr(params.chain().defaultPort());
            if (IpLiteral.isIp(h.host())) {
                out.add(new InetSocketAddress(literal(h.host()), port));
            } else if (h.host().equalsIgnoreCase("localhost")) {
                out.add(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            } else {
                log.warn("Not resolving peer name {}: only numeric addresses are supported", h.host());
                out.add(InetSocketAddress.createUnresolved(h.host(), port));
            }
        }
        return out;
    }

    private static InetAddress literal(String ip) {
        try {
            return InetAddress.getByName(ip);               // a literal: parsed, never looked up
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP literal: " + ip, e);
        }
    }
}
