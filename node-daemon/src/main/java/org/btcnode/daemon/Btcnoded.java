package org.btcnode.daemon;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

import org.btcnode.core.log.LogCategory;
import org.btcnode.core.params.NetworkParameters;
import org.btcnode.core.store.StoreException;
import org.btcnode.daemon.config.ConfigException;
import org.btcnode.daemon.config.NodeOptions;
import org.btcnode.daemon.config.OptionsParser;
import org.btcnode.daemon.metrics.MetricsService;
import org.btcnode.daemon.rpc.NetworkChainView;
import org.btcnode.daemon.rpc.RpcHttpServer;
import org.btcnode.daemon.rpc.RpcService;
import org.slf4j.Logger;

/**
 * btcnoded's main, in Core's order ({@code bitcoind.cpp}, {@code init.cpp}): parse options → select
 * the chain → create the data directories → lock {@code .lock} → start logging → log the start
 * lines → handle SIGHUP (reopen debug.log) → write the pid file → start the {@link Node} (database,
 * network, the RPC server, the metrics endpoint, the periodic status line) → wait. SIGTERM/SIGINT run the shutdown hook
 * (thread "shutoff", as Core's), which stops the node, deletes the pid file, releases the lock and
 * halts with exit code 0. Every operator error ends start-up with one "Error: …" line on stderr
 * (and in debug.log once it is open) and exit code 1, never a stack trace.
 */
public final class Btcnoded {
    public static final int EXIT_SUCCESS = 0;
    public static final int EXIT_FAILURE = 1;
    /** startUp's answer when the node runs and main must wait. */
    private static final int RUNNING = -1;

    private final PrintStream out;
    private final PrintStream err;
    /** Closed newest first at shutdown or when start-up fails: lock, pid file, node. */
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private Logger log;

    Btcnoded(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        Btcnoded daemon = new Btcnoded(System.out, System.err);
        int code = daemon.startUp(Arrays.asList(args), home());
        if (code != RUNNING) {
            System.exit(code);
        }
        daemon.awaitShutdown();
    }

    /** common/args.cpp GetDefaultDataDir: $HOME, or "/" without one. */
    public static Path home() {
        String home = System.getenv("HOME");
        return Path.of(home == null || home.isEmpty() ? "/" : home);
    }

    public static String version() {
        Properties p = new Properties();
        try (InputStream in = Btcnoded.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            return "v(unknown)";
        }
        return "v" + p.getProperty("version", "(unknown)");
    }

    int startUp(List<String> args, Path home) {
        Instant startTime = Instant.now();
        NodeOptions options;
        try {
            OptionsParser.CommandLine commandLine = OptionsParser.parseCommandLine(args);
            if (commandLine.helpRequested()) {
                out.print(OptionsParser.help(version()));
                return EXIT_SUCCESS;
            }
            if (commandLine.versionRequested()) {
                out.println("btcnode daemon version " + version());
                return EXIT_SUCCESS;
            }
            options = OptionsParser.resolve(commandLine, home);
            createDirectories(options);
            resources.push(DataDirLock.acquire(options.chainDataDir()));
            LoggingSetup.configure(options.logging());
            log = LogCategory.lifecycle();
            logStart(options);
            installHangupHandler();
            if (options.pidFile().isPresent()) {
                resources.push(PidFile.create(options.pidFile().get()));
            }
            Node node = wire(options, startTime, Btcnoded::requestShutdown, RpcHttpServer.AUTH_FAILURE_DELAY, List.of())
                    .node();
            node.start();
            resources.push(node::stop);
        } catch (ConfigException e) {
            fail(e.getMessage());
            return EXIT_FAILURE;
        } catch (StoreException e) {
            // a store read by a service at start-up (not mapped by DatabaseService): the same one line
            fail(e.getMessage());
            return EXIT_FAILURE;
        }
        NodeOptions running = options;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> shutdown(running), "shutoff"));
        log.info("init message: Done loading");
        // init.cpp: -startupnotify runs detached, the node does not wait for it
        running.startupNotify().forEach(command -> runCommand(command, false));
        return RUNNING;
    }

    /** The node's services, wired as btcnoded runs them (tests start the same wiring in-process). */
    record Services(DatabaseService database, NetworkService network, RpcService rpc, MetricsService metrics,
                    Node node) {}

    /**
     * The database first (closed last: no service writes to it after it closed), then the network,
     * then the RPC server, which answers about a running network, then the metrics endpoint (off
     * unless -metricsbind), which also counts the RPC server's calls, then the status line.
     */
    static Services wire(NodeOptions options, Instant startTime, Runnable requestShutdown, Duration authFailureDelay,
                         List<InetSocketAddress> rpcBindOverride) {
        DatabaseService database = new DatabaseService(options.chainDataDir(),
                NetworkParameters.of(options.chain()).magic());
        NetworkService network = new NetworkService(options, version(), database);
        NetworkChainView chain = new NetworkChainView(NetworkParameters.of(options.chain()), network::network);
        Supplier<ChainStatus> chainStatus =
                () -> new ChainStatus(chain.headerHeight(), chain.height(), chain.verificationProgress());
        MetricsService metrics = new MetricsService(options.metrics(), network::network, chainStatus, version(),
                startTime);
        RpcService rpc = new RpcService(new RpcService.Context(options, version(), network::network,
                network::connectionOptions, chain,
                startTime, requestShutdown, InstantSource.system(), authFailureDelay, rpcBindOverride,
                metrics.rpcCallObserver()));
        StatusReporter status = new StatusReporter(network, chainStatus);
        return new Services(database, network, rpc, metrics, new Node(List.of(database, network, rpc, metrics, status)));
    }

    private void createDirectories(NodeOptions options) throws ConfigException {
        for (Path dir : List.of(options.dataDir(), options.chainDataDir())) {
            try {
                Files.createDirectories(dir);
            } catch (IOException | SecurityException e) {
                throw new ConfigException(ConfigException.Kind.DATADIR, "Cannot create data directory '" + dir + "': "
                        + PidFile.reason(e));
            }
        }
    }

    private void logStart(NodeOptions options) {
        log.info("btcnode version {}", version());
        if (!options.logging().logTimestamps()) {
            log.info("Startup time: {}", Instant.now().truncatedTo(ChronoUnit.SECONDS));
        }
        log.info("Default data directory {}", options.defaultDataDir());
        log.info("Using data directory {}", options.chainDataDir());
        if (options.configFile().isEmpty()) {
            log.info("Config file: <disabled>");
        } else if (Files.exists(options.configFile().get())) {
            log.info("Config file: {}", options.configFile().get());
        } else {
            log.info("Config file: {} (not found, skipping)", options.configFile().get());
        }
        options.startupLog().forEach(log::info);
        for (String warning : options.warnings()) {
            log.warn(warning);
            err.println("Warning: " + warning);
        }
    }

    /**
     * init.cpp: SIGHUP reopens debug.log (logrotate moves the file, then sends SIGHUP). Without our
     * handler the JVM would treat SIGHUP as a request to shut down.
     */
    private void installHangupHandler() {
        switch (HangupSignal.install(Btcnoded::reopenDebugLog)) {
            case INSTALLED -> log.debug("SIGHUP reopens the debug log file");
            case IGNORED_BY_PARENT -> log.warn("SIGHUP was ignored when btcnoded started (nohup?): the debug log file"
                    + " is not reopened on SIGHUP; rotate it with logrotate's copytruncate instead");
            case UNSUPPORTED -> log.info("This Java runtime cannot handle SIGHUP: the debug log file is not reopened"
                    + " on SIGHUP; rotate it with logrotate's copytruncate instead");
        }
    }

    /** The SIGHUP action, on the JVM's signal thread: reopen, then say so in the new file. */
    static void reopenDebugLog() {
        for (String file : LoggingSetup.reopenDebugLog()) {
            LogCategory.lifecycle().info("SIGHUP received: reopened debug log file {}", file);
        }
    }

    /** One line on stderr and, once logging runs, in debug.log; then everything acquired is released. */
    private void fail(String message) {
        err.println("Error: " + message);
        if (log != null) {
            log.error(message);
        }
        closeResources();
        if (log != null) {
            LoggingSetup.stop();
        }
    }

    /** The shutdown hook: Core's Shutdown() lines around closing everything, then exit code 0. */
    private void shutdown(NodeOptions options) {
        // init.cpp: -shutdownnotify runs, and is waited for, before anything stops
        options.shutdownNotify().forEach(command -> runCommand(command, true));
        log.info("Shutdown: In progress...");
        closeResources();
        log.info("Shutdown: done");
        LoggingSetup.stop();
        stopped.countDown();
        // A JVM ended by SIGTERM exits with 143; a clean shutdown is a success, as for bitcoind.
        Runtime.getRuntime().halt(EXIT_SUCCESS);
    }

    /**
     * The stop RPC: the same path as SIGTERM (the shutdown hook stops the node and exits 0), from
     * the thread the RPC started, so the reply is already on its way.
     */
    private static void requestShutdown() {
        System.exit(EXIT_SUCCESS);
    }

    /** Core's runCommand: {@code /bin/sh -c}, our stdout/stderr; a failure is logged, never fatal. */
    private void runCommand(String command, boolean wait) {
        try {
            Process p = new ProcessBuilder("/bin/sh", "-c", command).inheritIO().start();
            if (wait) {
                int code = p.waitFor();
                if (code != 0) {
                    log.error("runCommand error: system({}) returned {}", command, code);
                }
            }
        } catch (IOException e) {
            log.error("runCommand error: system({}) failed: {}", command, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeResources() {
        while (!resources.isEmpty()) {
            try {
                resources.pop().close();
            } catch (Exception e) {
                if (log != null) {
                    log.error("closing a resource failed", e);
                }
            }
        }
    }

    private void awaitShutdown() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
