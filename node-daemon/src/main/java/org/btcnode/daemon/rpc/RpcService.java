package org.btcnode.daemon.rpc;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import org.btcnode.core.log.LogCategory;
import org.btcnode.core.store.Subnet;
import org.btcnode.core.params.Chain;
import org.btcnode.core.params.NetworkParameters;
import org.btcnode.daemon.NodeService;
import org.btcnode.daemon.config.ConfigException;
import org.btcnode.daemon.config.HostPort;
import org.btcnode.daemon.config.NodeOptions;
import org.btcnode.daemon.config.RpcOptions;
import org.btcnode.net.P2PNetwork;
import org.btcnode.net.connman.ConnectionOptions;
import org.slf4j.Logger;

/**
 * The JSON-RPC server as a {@link NodeService} (Core's init.cpp AppInitServers: StartHTTPRPC,
 * StartHTTPServer): registers the methods, sets up authentication (the cookie unless
 * -rpcpassword is set, then -rpcauth lines), binds -rpcbind/-rpcport and ends the warm-up. Started
 * after the network, stopped before it; {@code -server=0} makes it do nothing.
 *
 * <p>Seams: {@link #table()} is where more methods are registered before {@link #start()}
 * ({@code table().register(new RpcMethod(...))}); the chain RPCs read the {@link ChainView} given
 * in the {@link Context}.
 */
public final class RpcService implements NodeService {
    private static final Logger log = LogCategory.RPC.logger();

    /**
     * What the RPC server reads from the rest of the node.
     *
     * @param network         the running network, or null before it started (then net RPCs say P2P is disabled)
     * @param connection      the connection options the network runs with (services, user agent, relay)
     * @param chain           the chain view for the blockchain RPCs
     * @param startTime       when the node started (uptime)
     * @param requestShutdown what {@code stop} runs (btcnoded: the same path as SIGTERM)
     * @param authFailureDelay how long a wrong password waits (Core: 250 ms)
     * @param bindOverride    where to listen instead of -rpcbind/-rpcport (tests: 127.0.0.1 port 0,
     *                        which Core's option syntax refuses); empty in btcnoded
     * @param calls           told of every call (the metrics endpoint's counters; {@link RpcCallObserver#NONE} when off)
     */
    public record Context(NodeOptions options, String clientVersion, Supplier<P2PNetwork> network,
                          Supplier<ConnectionOptions> connection, ChainView chain, Instant startTime,
                          Runnable requestShutdown, InstantSource clock, Duration authFailureDelay,
                          List<InetSocketAddress> bindOverride, RpcCallObserver calls) {
        public Context {
            Objects.requireNonNull(options, "options");
            Objects.requireNonNull(clientVersion, "clientVersion");
            Objects.requireNonNull(network, "network");
            Objects.requireNonNull(connection, "connection");
            Objects.requireNonNull(chain, "chain");
            Objects.requireNonNull(startTime, "startTime");
            Objects.requireNonNull(requestShutdown, "requestShutdown");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(authFailureDelay, "authFailureDelay");
            bindOverride = List.copyOf(bindOverride);
            Objects.requireNonNull(calls, "calls");
        }
    }

    private final Context context;
    private final RpcTable table;
    private AuthCookie cookie;
    private RpcHttpServer server;

    public RpcService(Context context) {
        this.context = context;
        this.table = new RpcTable(context.calls());
        new ControlRpc(table, context.startTime(), context.clock(), context.options().logging().debugLogFile(),
                context.requestShutdown()).registerAll();
        new NetRpc(context.network(), new NetRpc.LocalInfo(CORE_COMPATIBLE_VERSION,
                context.connection(), context.options().chain().defaultPort()), context.clock())
                .registerAll(table);
        new BlockchainRpc(context.chain()).registerAll(table);
        if (context.options().chain() == Chain.REGTEST) {
            new MiningRpc(NetworkParameters.of(Chain.REGTEST), context.network(), context.clock()).registerAll(table);
        }
    }

    @Override
    public String name() {
        return "rpc";
    }

    /** The command table: register more methods here before {@link #start()}. */
    public RpcTable table() {
        return table;
    }

    /** Where the server listens (empty before start or with -server=0). */
    public List<InetSocketAddress> boundAddresses() {
        return server == null ? List.of() : server.boundAddresses();
    }

    /** The cookie file written at start, if any. */
    public Optional<Path> cookieFile() {
        return Optional.ofNullable(cookie).map(AuthCookie::file);
    }

    @Override
    public void start() throws ConfigException {
        RpcOptions rpc = context.options().rpc();
        if (!rpc.server()) {
            log.info("RPC server disabled (-server=0)");
            return;
        }
        log.debug("Starting HTTP RPC server");
        RpcAuth auth = authentication(rpc);
        List<Subnet> allowed = allowList(rpc);
        List<InetSocketAddress> binds = context.bindOverride().isEmpty() ? bindAddresses(rpc) : context.bindOverride();
        try {
            server = RpcHttpServer.start(new RpcHttpServer.Setup(binds, allowed, auth, new HttpRpc(table),
                    rpc.rpcThreads(), rpc.rpcWorkQueue(), context.authFailureDelay()));
        } catch (IOException e) {
            closeCookie();
            throw new ConfigException(ConfigException.Kind.BAD_VALUE, e.getMessage()
                    + " Is another node using -rpcport " + rpc.rpcPort() + "? Set -rpcport or -rpcbind, or -server=0.");
        }
        log.debug("HTTP: creating work queue of depth {}", rpc.rpcWorkQueue());
        log.debug("HTTP: starting {} worker threads", rpc.rpcThreads());
        table.setWarmupFinished();
    }

    /** httprpc.cpp InitRPCAuthentication. */
    private RpcAuth authentication(RpcOptions rpc) throws ConfigException {
        List<String[]> plain = new ArrayList<>();
        SecureRandom random = new SecureRandom();
        if (rpc.rpcPassword().filter(p -> !p.isEmpty()).isEmpty()) {
            if (rpc.rpcCookieFile().isPresent()) {
                cookie = AuthCookie.generate(rpc.rpcCookieFile().get(), random);
                plain.add(new String[] {RpcAuth.COOKIE_USER, cookie.password()});
                log.info("Using random cookie authentication.");
            } else {
                log.info("RPC authentication cookie file generation is disabled.");
            }
        } else {
            log.info("Using rpcuser/rpcpassword authentication.");
            log.warn("The use of rpcuser/rpcpassword is less secure, because credentials are configured in plain text. "
                    + "It is recommended that locally-run instances switch to cookie-based auth, or otherwise to use "
                    + "hashed rpcauth credentials. See scripts/rpcauth for more information.");
            plain.add(new String[] {rpc.rpcUser().orElse(""), rpc.rpcPassword().get()});
        }
        if (!rpc.rpcAuth().isEmpty()) {
            log.info("Using rpcauth authentication.");
        }
        RpcAuth auth = RpcAuth.of(plain, rpc.rpcAuth(), random);
        if (auth.isEmpty()) {
            log.warn("No RPC credentials: set -rpcauth or -rpcpassword, or allow the cookie (-rpccookiefile); "
                    + "every RPC request will be refused");
        }
        return auth;
    }

    /** httpserver.cpp InitHTTPAllowList: 127.0.0.0/8 and ::1 always, then -rpcallowip. */
    private static List<Subnet> allowList(RpcOptions rpc) throws ConfigException {
        List<Subnet> allowed = new ArrayList<>();
        allowed.add(Subnet.parse("127.0.0.0/8").orElseThrow());
        allowed.add(Subnet.parse("::1").orElseThrow());
        for (String value : rpc.rpcAllowIp()) {
            allowed.add(Subnet.parse(value).orElseThrow(() -> new ConfigException(ConfigException.Kind.BAD_VALUE,
                    "Invalid -rpcallowip subnet specification: " + value)));
        }
        log.debug("Allowing HTTP connections from: {}", allowed);
        return allowed;
    }

    /**
     * httpserver.cpp HTTPBindAddresses: -rpcbind counts only together with -rpcallowip, else
     * ::1 and 127.0.0.1 at -rpcport, with Core's warnings.
     */
    private static List<InetSocketAddress> bindAddresses(RpcOptions rpc) throws ConfigException {
        List<InetSocketAddress> out = new ArrayList<>();
        if (rpc.rpcAllowIp().isEmpty() || rpc.rpcBind().isEmpty()) {
            out.add(new InetSocketAddress(literal("::1"), rpc.rpcPort()));
            out.add(new InetSocketAddress(literal("127.0.0.1"), rpc.rpcPort()));
            if (!rpc.rpcAllowIp().isEmpty()) {
                log.warn("Option -rpcallowip was specified without -rpcbind; this doesn't usually make sense");
            }
            if (!rpc.rpcBind().isEmpty()) {
                log.warn("Option -rpcbind was ignored because -rpcallowip was not specified, refusing to allow everyone to connect");
            }
            return out;
        }
        for (HostPort hp : rpc.rpcBind()) {
            String host = hp.host().startsWith("[") ? hp.host().substring(1, hp.host().length() - 1) : hp.host();
            if (Subnet.parseLiteral(host).isEmpty() && !host.equalsIgnoreCase("localhost")) {
                throw new ConfigException(ConfigException.Kind.BAD_VALUE, "Invalid -rpcbind address '" + hp
                        + "': give a numeric address (btcnode does not look up names).");
            }
            out.add(new InetSocketAddress(host.equalsIgnoreCase("localhost") ? InetAddress.getLoopbackAddress()
                    : literal(host), hp.portOr(rpc.rpcPort())));
        }
        return out;
    }

    private static InetAddress literal(String ip) {
        try {
            return InetAddress.getByName(ip);           // a numeric literal: parsed, never looked up
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP literal: " + ip, e);
        }
    }

    /**
     * getnetworkinfo's {@code version}: the Core release whose RPC interface btcnode answers
     * (v30.0), not btcnode's own 0.x number, which {@code subversion} carries. A deliberate
     * difference: bitcoin-cli's {@code -netinfo} refuses servers below 209900 (v0.21), and
     * tools compare this number to pick field layouts (docs/rpc.md).
     */
    public static final int CORE_COMPATIBLE_VERSION = 300000;

    @Override
    public void stop() {
        if (server != null) {
            log.debug("Stopping HTTP RPC server");
            server.close();
            server = null;
        }
        closeCookie();
    }

    private void closeCookie() {
        if (cookie != null) {
            cookie.close();
            cookie = null;
        }
    }
}
