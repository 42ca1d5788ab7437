package org.btcnode.daemon.config;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import org.btcnode.core.log.LogCategory;

/**
 * Every option btcnoded accepts, with Core's name, help text and flags ({@code init.cpp}
 * {@code SetupServerArgs}, {@code init/common.cpp} {@code AddLoggingArgs},
 * {@code chainparamsbase.cpp} {@code SetupChainParamsBaseOptions}). An option not listed here
 * stops start-up on the command line and is ignored with a warning in bitcoin.conf, as in Core.
 * Immutable.
 */
public enum Option implements OptionSpec {
    // Options:
    CONF("conf", "=<file>", Group.OPTIONS, "Specify path to read-only configuration file. Relative paths will be prefixed by datadir location (only useable from command line, not configuration file) (default: bitcoin.conf)"),
    DATADIR("datadir", "=<dir>", Group.OPTIONS, "Specify data directory (default: ~/.btcnode)", Flag.DISALLOW_NEGATION),
    INCLUDECONF("includeconf", "=<file>", Group.OPTIONS, "Specify additional configuration file, relative to the -datadir path (only useable from configuration file, not command line)"),
    PID("pid", "=<file>", Group.OPTIONS, "Specify pid file. Relative paths will be prefixed by a net-specific datadir location. (default: btcnoded.pid)"),
    DAEMON("daemon", "", Group.OPTIONS, "Run in the background as a daemon and accept commands (default: 0). Handled by scripts/btcnoded, which starts the JVM in the background"),
    DAEMONWAIT("daemonwait", "", Group.OPTIONS, "Wait for initialization to be finished before exiting. This implies -daemon (default: 0). Handled by scripts/btcnoded"),
    HELP("help", "", Group.OPTIONS, "Print this help message and exit (also -h or -?)"),
    H("h", "", Group.HIDDEN, ""),
    QUESTION_MARK("?", "", Group.HIDDEN, ""),
    VERSION("version", "", Group.OPTIONS, "Print version and exit"),
    STARTUPNOTIFY("startupnotify", "=<cmd>", Group.OPTIONS, "Execute command on startup"),
    SHUTDOWNNOTIFY("shutdownnotify", "=<cmd>", Group.OPTIONS, "Execute command immediately before beginning shutdown. The need for shutdown may be urgent, so be careful not to delay it long (if the command doesn't require interaction with the server, consider having it fork into the background)"),

    // Connection options:
    ADDNODE("addnode", "=<ip>", Group.CONNECTION, "Add a node to connect to and attempt to keep the connection open. This option can be specified multiple times to add multiple nodes", Flag.NETWORK_ONLY),
    BIND("bind", "=<addr>[:<port>][=onion]", Group.CONNECTION, "Bind to given address and always listen on it (default: 0.0.0.0). Use [host]:port notation for IPv6. Append =onion to tag any incoming connections to that address and port as incoming Tor connections", Flag.NETWORK_ONLY),
    CONNECT("connect", "=<ip>", Group.CONNECTION, "Connect only to the specified node; -noconnect disables automatic connections. This option can be specified multiple times to connect to multiple nodes", Flag.NETWORK_ONLY),
    DNSSEED("dnsseed", "", Group.CONNECTION, "Query for peer addresses via DNS lookup, if low on addresses (default: 1 unless -connect used or -maxconnections=0)"),
    /** btcnode only (Core always uses the system resolver). */
    DNSSEEDRESOLVER("dnsseedresolver", "=<ip>[:<port>]", Group.CONNECTION, "Send DNS seed queries to this DNS server instead of the system resolver; a numeric address, port 53 unless given (btcnode only, not in Core; default: the system resolver)"),
    FIXEDSEEDS("fixedseeds", "", Group.CONNECTION, "Allow fixed seeds if DNS seeds don't provide peers (default: 1)"),
    FORCEDNSSEED("forcednsseed", "", Group.CONNECTION, "Always query for peer addresses via DNS lookup (default: 0)"),
    LISTEN("listen", "", Group.CONNECTION, "Accept connections from outside (default: 1 if no -connect)"),
    BANTIME("bantime", "=<n>", Group.CONNECTION, "Default duration (in seconds) of manually configured bans (default: 86400)"),
    MAXCONNECTIONS("maxconnections", "=<n>", Group.CONNECTION, "Maintain at most <n> automatic connections to peers (default: 125)"),
    MAXRECEIVEBUFFER("maxreceivebuffer", "=<n>", Group.CONNECTION, "Maximum per-connection receive buffer, <n>*1000 bytes (default: 5000)"),
    MAXSENDBUFFER("maxsendbuffer", "=<n>", Group.CONNECTION, "Maximum per-connection memory usage for the send buffer, <n>*1000 bytes (default: 1000)"),
    MAXUPLOADTARGET("maxuploadtarget", "=<n>", Group.CONNECTION, "Tries to keep outbound traffic under the given target per 24h. Limit does not apply to peers with 'download' permission or blocks created within past week. 0 = no limit (default: 0M). Optional suffix units [k|K|m|M|g|G|t|T] (default: M). Lowercase is 1000 base while uppercase is 1024 base"),
    PEERTIMEOUT("peertimeout", "=<n>", Group.CONNECTION, "Specify a p2p connection timeout delay in seconds. After connecting to a peer, wait this amount of time before considering disconnection based on inactivity (minimum: 1, default: 60)"),
    PORT("port", "=<port>", Group.CONNECTION, "Listen for connections on <port> (default: 8333, testnet3: 18333, testnet4: 48333, signet: 38333, regtest: 18444)", Flag.NETWORK_ONLY),
    SEEDNODE("seednode", "=<ip>", Group.CONNECTION, "Connect to a node to retrieve peer addresses, and disconnect. This option can be specified multiple times to connect to multiple nodes", Flag.NETWORK_ONLY),
    V2TRANSPORT("v2transport", "", Group.CONNECTION, "Support v2 transport (default: 1)"),
    WHITEBIND("whitebind", "=<[permissions@]addr>", Group.CONNECTION, "Bind to the given address and add permission flags to the peers connecting to it. Use [host]:port notation for IPv6. Allowed permissions: bloomfilter (allow requesting BIP37 filtered blocks and transactions), noban (do not ban for misbehavior; implies download), forcerelay (relay transactions that are already in the mempool; implies relay), relay (relay even in -blocksonly mode, and unlimited transaction announcements), mempool (allow requesting BIP35 mempool contents), download (allow getheaders during IBD, no disconnect after maxuploadtarget limit), addr (responses to GETADDR avoid hitting the cache and contain random records with the most up-to-date info). Specify multiple permissions separated by commas (default: download,noban,mempool,relay). Can be specified multiple times"),
    WHITELIST("whitelist", "=<[permissions@]IP address or network>", Group.CONNECTION, "Add permission flags to the peers using the given IP address (e.g. 1.2.3.4) or CIDR-notated network (e.g. 1.2.3.0/24). Uses the same permissions as -whitebind. Additional flags \"in\" and \"out\" control whether permissions apply to incoming connections and/or manual (default: incoming only). Can be specified multiple times"),

    // Debugging/Testing options:
    DEBUG("debug", "=<category>", Group.DEBUG_TEST, "Output debug and trace logging (default: -nodebug, supplying <category> is optional). If <category> is not supplied or if <category> is 1 or \"all\", output all debug logging. If <category> is 0 or \"none\", any other categories are ignored. <category> can be: " + LogCategory.idList() + ". This option can be specified multiple times to output multiple categories"),
    DEBUGEXCLUDE("debugexclude", "=<category>", Group.DEBUG_TEST, "Exclude debug and trace logging for a category. Can be used in conjunction with -debug=1 to output debug and trace logging for all categories except the specified category. This option can be specified multiple times to exclude multiple categories"),
    DEBUGLOGFILE("debuglogfile", "=<file>", Group.DEBUG_TEST, "Specify location of debug log file (default: debug.log). Relative paths will be prefixed by a net-specific datadir location. Pass -nodebuglogfile to disable writing the log to a file"),
    LOGIPS("logips", "", Group.DEBUG_TEST, "Include IP addresses in debug output (default: 0)"),
    LOGLEVEL("loglevel", "=<level>|<category>:<level>", Group.DEBUG_TEST, "Set the global or per-category severity level for logging categories enabled with the -debug configuration option: info, debug, trace (default=debug); warning and error levels are always logged. If <category>:<level> is supplied, the setting will override the global one and may be specified multiple times to set multiple category-specific levels", Flag.DISALLOW_NEGATION, Flag.DISALLOW_ELISION),
    LOGTIMESTAMPS("logtimestamps", "", Group.DEBUG_TEST, "Prepend debug output with timestamp (default: 1)"),
    SHRINKDEBUGFILE("shrinkdebugfile", "", Group.DEBUG_TEST, "Shrink debug.log file on client startup (default: 1 when no -debug)"),
    PRINTTOCONSOLE("printtoconsole", "", Group.DEBUG_TEST, "Send trace/debug info to console (default: 1 when no -daemon. To disable logging to file, set -nodebuglogfile)"),

    // Chain selection options:
    CHAIN("chain", "=<chain>", Group.CHAINPARAMS, "Use the chain <chain> (default: main). Allowed values: main, test, testnet4, signet, regtest"),
    REGTEST("regtest", "", Group.CHAINPARAMS, "Enter regression test mode, which uses a special chain in which blocks can be solved instantly. Equivalent to -chain=regtest"),
    SIGNET("signet", "", Group.CHAINPARAMS, "Use the signet chain. Equivalent to -chain=signet. Note that the network is defined by the -signetchallenge parameter (not supported yet: the default signet only)"),
    TESTNET("testnet", "", Group.CHAINPARAMS, "Use the testnet3 chain. Equivalent to -chain=test. Support for testnet3 is deprecated in Core and will be removed in an upcoming release. Consider moving to testnet4 now by using -testnet4"),
    TESTNET4("testnet4", "", Group.CHAINPARAMS, "Use the testnet4 chain. Equivalent to -chain=testnet4"),

    // RPC server options (org.btcnode.daemon.rpc):
    SERVER("server", "", Group.RPC, "Accept command line and JSON-RPC commands (default: 1)"),
    RPCALLOWIP("rpcallowip", "=<ip>", Group.RPC, "Allow JSON-RPC connections from specified source. Valid values for <ip> are a single IP (e.g. 1.2.3.4), a network/netmask (e.g. 1.2.3.4/255.255.255.0), a network/CIDR (e.g. 1.2.3.4/24), all ipv4 (0.0.0.0/0), or all ipv6 (::/0). This option can be specified multiple times"),
    RPCAUTH("rpcauth", "=<userpw>", Group.RPC, "Username and HMAC-SHA-256 hashed password for JSON-RPC connections. The field <userpw> comes in the format: <USERNAME>:<SALT>$<HASH>. A canonical python script is included in Core's share/rpcauth. This option can be specified multiple times", Flag.SENSITIVE),
    RPCBIND("rpcbind", "=<addr>[:port]", Group.RPC, "Bind to given address to listen for JSON-RPC connections. Do not expose the RPC server to untrusted networks such as the public internet! This option is ignored unless -rpcallowip is also passed. Port is optional and overrides -rpcport. Use [host]:port notation for IPv6. This option can be specified multiple times (default: 127.0.0.1 and ::1 i.e., localhost)", Flag.NETWORK_ONLY),
    RPCCOOKIEFILE("rpccookiefile", "=<loc>", Group.RPC, "Location of the auth cookie. Relative paths will be prefixed by a net-specific datadir location. Pass -norpccookiefile to disable the cookie (default: data dir)"),
    RPCPASSWORD("rpcpassword", "=<pw>", Group.RPC, "Password for JSON-RPC connections", Flag.SENSITIVE),
    RPCPORT("rpcport", "=<port>", Group.RPC, "Listen for JSON-RPC connections on <port> (default: 8332, testnet3: 18332, testnet4: 48332, signet: 38332, regtest: 18443)", Flag.NETWORK_ONLY),
    RPCTHREADS("rpcthreads", "=<n>", Group.RPC, "Set the number of threads to service RPC calls (default: 16)"),
    RPCUSER("rpcuser", "=<user>", Group.RPC, "Username for JSON-RPC connections", Flag.SENSITIVE),
    RPCWORKQUEUE("rpcworkqueue", "=<n>", Group.RPC, "Set the maximum depth of the work queue to service RPC calls (default: 64)"),

    // Metrics options (btcnode only, org.btcnode.daemon.metrics):
    /** btcnode only (Core has no metrics endpoint). */
    METRICSBIND("metricsbind", "=<addr>[:port]", Group.METRICS, "Serve Prometheus metrics over HTTP at http://<addr>:<port>/metrics. The address must be loopback (127.0.0.1, [::1] or localhost): the endpoint has no authentication. Use [host]:port notation for IPv6 (btcnode only, not in Core; default: off; default port: 9332, testnet3: 19332, testnet4: 49332, signet: 39332, regtest: 19443)", Flag.NETWORK_ONLY, Flag.DISALLOW_ELISION);

    /** ArgsManager's flags that matter to parsing ({@code common/args.h}). */
    public enum Flag {
        /** {@code -noX} is an error: "Negating of -X is meaningless and therefore forbidden". */
        DISALLOW_NEGATION,
        /** {@code -X} without {@code =value} is an error. */
        DISALLOW_ELISION,
        /** On a chain other than main, only read from that chain's section of bitcoin.conf. */
        NETWORK_ONLY,
        /** Value never logged ("****"). */
        SENSITIVE
    }

    /** Help groups, in Core's order. */
    public enum Group {
        OPTIONS("Options:"),
        CONNECTION("Connection options:"),
        DEBUG_TEST("Debugging/Testing options:"),
        CHAINPARAMS("Chain selection options:"),
        RPC("RPC server options:"),
        METRICS("Metrics options:"),
        HIDDEN("");

        private final String title;

        Group(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    private final String optionName;
    private final String helpParam;
    private final Group group;
    private final String help;
    private final Set<Flag> flags;

    Option(String optionName, String helpParam, Group group, String help, Flag... flags) {
        this.optionName = optionName;
        this.helpParam = helpParam;
        this.group = group;
        this.help = help;
        this.flags = flags.length == 0 ? EnumSet.noneOf(Flag.class) : EnumSet.of(flags[0], flags);
    }

    /** The name without the dash: {@code maxconnections}. */
    public String optionName() {
        return optionName;
    }

    /** How the value is written in help texts ({@code =<n>}), "" for switches. */
    public String helpParam() {
        return helpParam;
    }

    public Group group() {
        return group;
    }

    public String help() {
        return help;
    }

    public boolean has(Flag flag) {
        return flags.contains(flag);
    }

    /** The option called {@code name} (without the dash). */
    public static Optional<Option> byName(String name) {
        return Arrays.stream(values()).filter(o -> o.optionName.equals(name)).findFirst();
    }
}
