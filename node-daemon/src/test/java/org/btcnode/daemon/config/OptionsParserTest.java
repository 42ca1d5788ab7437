package org.btcnode.daemon.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.btcnode.core.log.LogCategory;
import org.btcnode.core.params.Chain;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OptionsParserTest {
    @TempDir
    Path home;
    Path datadir;

    @BeforeEach
    void makeDatadir() throws IOException {
        datadir = Files.createDirectory(home.resolve("data"));
    }

    private NodeOptions parse(String... args) throws ConfigException {
        List<String> all = new ArrayList<>(List.of("-datadir=" + datadir));
        all.addAll(Arrays.asList(args));
        return OptionsParser.parse(all, home);
    }

    private void conf(String text) throws IOException {
        Files.writeString(datadir.resolve("bitcoin.conf"), text);
    }

    private void assertError(ConfigException.Kind kind, String message, String... args) {
        assertThatThrownBy(() -> parse(args)).isInstanceOfSatisfying(ConfigException.class, e -> {
            assertThat(e.getMessage()).isEqualTo(message);
            assertThat(e.kind()).isEqualTo(kind);
        });
    }

    // ---- defaults and chains ----

    @Test
    void defaultsAreCoresForMainnetInTheDatadirRoot() throws Exception {
        NodeOptions o = OptionsParser.parse(List.of(), home);
        assertThat(o.chain()).isEqualTo(Chain.MAIN);
        assertThat(o.dataDir()).isEqualTo(home.resolve(".btcnode"));
        assertThat(o.chainDataDir()).isEqualTo(o.dataDir());
        assertThat(o.configFile()).contains(home.resolve(".btcnode/bitcoin.conf"));
        assertThat(o.pidFile()).contains(home.resolve(".btcnode/btcnoded.pid"));
        assertThat(o.logging().debugLogFile()).contains(home.resolve(".btcnode/debug.log"));
        assertThat(o.logging().printToConsole()).isTrue();
        assertThat(o.logging().logTimestamps()).isTrue();
        assertThat(o.logging().debugCategories()).isEmpty();
        NetworkOptions n = o.network();
        assertThat(n).isEqualTo(new NetworkOptions(8333, List.of(), true, List.of(), true, List.of(), List.of(),
                125, true, true, true, 5_000_000, 1_000_000, Duration.ofSeconds(60), Duration.ofDays(1),
                List.of(), List.of(), false, Optional.empty(), 0));
        assertThat(o.rpc().rpcPort()).isEqualTo(8332);
        assertThat(o.rpc().server()).isTrue();
        assertThat(o.rpc().rpcThreads()).isEqualTo(16);
        assertThat(o.rpc().rpcWorkQueue()).isEqualTo(64);
        assertThat(o.rpc().rpcCookieFile()).contains(o.chainDataDir().resolve(".cookie"));
        assertThat(o.warnings()).isEmpty();
    }

    @Test
    void rpcCookieFileIsRelativeToTheChainDirectoryAndCanBeDisabled() throws Exception {
        NodeOptions o = parse("-regtest", "-rpccookiefile=auth/cookie", "-rpcworkqueue=0");
        assertThat(o.rpc().rpcCookieFile()).contains(o.chainDataDir().resolve("auth/cookie"));
        assertThat(o.rpc().rpcWorkQueue()).as("at least one slot, as httpserver.cpp").isEqualTo(1);
        assertThat(parse("-norpccookiefile").rpc().rpcCookieFile()).isEmpty();
        assertThat(parse("-rpccookiefile=/run/btc.cookie").rpc().rpcCookieFile()).contains(Path.of("/run/btc.cookie"));
    }

    @Test
    void chainSwitchesSelectChainDirectoriesAndPorts() throws Exception {
        record Case(String arg, Chain chain, String dir, int port) {
        }
        for (Case c : List.of(new Case("-regtest", Chain.REGTEST, "regtest", 18444),
                new Case("-testnet", Chain.TESTNET3, "testnet3", 18333),
                new Case("-testnet4", Chain.TESTNET4, "testnet4", 48333),
                new Case("-signet", Chain.SIGNET, "signet", 38333),
                new Case("-chain=regtest", Chain.REGTEST, "regtest", 18444),
                new Case("-chain=test", Chain.TESTNET3, "testnet3", 18333),
                new Case("-chain=main", Chain.MAIN, "", 8333))) {
            NodeOptions o = parse(c.arg());
            assertThat(o.chain()).as(c.arg()).isEqualTo(c.chain());
            assertThat(o.chainDataDir()).as(c.arg()).isEqualTo(datadir.resolve(c.dir()));
            assertThat(o.network().port()).as(c.arg()).isEqualTo(c.port());
        }
    }

    @Test
    void chainSwitchFromTheConfigFileAndItsErrors() throws Exception {
        conf("regtest=1\n");
        assertThat(parse().chain()).isEqualTo(Chain.REGTEST);
        // settings.cpp: -noregtest on the command line does not undo regtest=1 in the file
        assertThat(parse("-noregtest").chain()).isEqualTo(Chain.REGTEST);
        assertError(ConfigException.Kind.BAD_VALUE,
                "Invalid combination of -regtest, -signet, -testnet, -testnet4 and -chain. Can use at most one.",
                "-testnet4");
        assertError(ConfigException.Kind.BAD_VALUE, "Unknown chain foo.", "-noconf", "-chain=foo");
    }

    // ---- sections and precedence ----

    @Test
    void chainSectionBeatsDefaultSectionAndCommandLineBeatsBoth() throws Exception {
        conf("""
                maxconnections=10
                dnsseed=0
                [regtest]
                maxconnections=20
                port=18500
                [main]
                maxconnections=30
                """);
        NodeOptions regtest = parse("-regtest");
        assertThat(regtest.network().maxConnections()).isEqualTo(20);
        assertThat(regtest.network().port()).isEqualTo(18500);
        assertThat(regtest.network().dnsSeed()).isFalse();
        assertThat(parse().network().maxConnections()).isEqualTo(30);
        assertThat(parse("-signet").network().maxConnections()).isEqualTo(10);
        assertThat(parse("-regtest", "-maxconnections=40").network().maxConnections()).isEqualTo(40);
        // on the command line the last value wins, in the file the first
        assertThat(parse("-regtest", "-port=1", "-port=2").network().port()).isEqualTo(2);
        conf("maxconnections=10\nmaxconnections=11\n");
        assertThat(parse().network().maxConnections()).isEqualTo(10);
    }

    @Test
    void dottedKeysAreSectionsToo() throws Exception {
        conf("regtest.port=18600\nport=9999\n");
        NodeOptions o = parse("-regtest");
        assertThat(o.network().port()).isEqualTo(18600);
        assertThat(o.warnings()).isEmpty();
    }

    @Test
    void networkOnlyOptionsInTheDefaultSectionApplyOnlyToMainnetWithCoresWarning() throws Exception {
        conf("port=9999\naddnode=10.0.0.1\nmaxconnections=7\n");
        NodeOptions regtest = parse("-regtest");
        assertThat(regtest.network().port()).isEqualTo(18444);
        assertThat(regtest.network().addNodes()).isEmpty();
        assertThat(regtest.network().maxConnections()).isEqualTo(7);
        assertThat(regtest.warnings()).containsExactly(
                "Config setting for -addnode only applied on regtest network when in [regtest] section.",
                "Config setting for -port only applied on regtest network when in [regtest] section.");
        assertThat(parse().network().port()).isEqualTo(9999);
        assertThat(parse().warnings()).isEmpty();
    }

    @Test
    void unknownSectionsAndKeysInTheFileWarnAsCore() throws Exception {
        conf("# a Core config with wallet options\ntxindex=1\n[regtset]\nport=1\n");
        NodeOptions o = parse();
        assertThat(o.warnings()).containsExactly("Ignoring unknown configuration value txindex",
                datadir.resolve("bitcoin.conf") + ":3 Section [regtset] is not recognized.");
    }

    @Test
    void btcnodeCliKeysInASharedConfigAreIgnoredWithoutAWarning() throws Exception {
        conf("rpcconnect=127.0.0.1\nrpcwait=1\nrpccookiefile=rpc.cookie\nrpcclienttimeout=30\nnamed=1\n");
        NodeOptions o = parse();
        assertThat(o.warnings()).isEmpty();
        assertThat(o.startupLog()).contains("Ignoring unknown configuration value rpcconnect");
        // on the command line they are still unknown to btcnoded, as -rpcconnect is to bitcoind
        assertError(ConfigException.Kind.INVALID_PARAMETER,
                "Error parsing command line arguments: Invalid parameter -rpcconnect=127.0.0.1", "-rpcconnect=127.0.0.1");
    }

    // ---- negation ----

    @Test
    void negationAndZeroTurnSwitchesOff() throws Exception {
        assertThat(parse("-nolisten").network().listen()).isFalse();
        assertThat(parse("-listen=0").network().listen()).isFalse();
        assertThat(parse("-nolisten", "-listen").network().listen()).isTrue();
        conf("listen=0\nv2transport=0\n");
        assertThat(parse().network().listen()).isFalse();
        assertThat(parse("-listen").network().listen()).isTrue();
        assertThat(parse().network().v2Transport()).isFalse();
        conf("nodnsseed=1\n");
        assertThat(parse().network().dnsSeed()).isFalse();
    }

    @Test
    void forceDnsSeedAndTheBtcnodeOnlyDnsSeedResolver() throws Exception {
        assertThat(parse("-forcednsseed").network().forceDnsSeed()).isTrue();
        assertThat(parse("-dnsseedresolver=127.0.0.1:5353").network().dnsSeedResolver())
                .contains(new HostPort("127.0.0.1", OptionalInt.of(5353)));
        assertThat(parse("-dnsseedresolver=[::1]").network().dnsSeedResolver())
                .contains(new HostPort("::1", OptionalInt.empty()));
        assertThat(parse("-nodnsseedresolver").network().dnsSeedResolver()).isEmpty();
        // init.cpp AppInitParameterInteraction
        assertError(ConfigException.Kind.BAD_VALUE, "Cannot set -forcednsseed to true when setting -dnsseed to false.",
                "-forcednsseed", "-dnsseed=0");
        // finding the resolver must not need a resolver: names are refused
        assertError(ConfigException.Kind.BAD_VALUE, "Invalid -dnsseedresolver address: 'dns.example:53' "
                + "(a numeric IP address with an optional port is required)", "-dnsseedresolver=dns.example:53");
    }

    @Test
    void doubleNegativeMeansTrueWithCoresWarning() throws Exception {
        NodeOptions o = parse("-nolisten=0");
        assertThat(o.network().listen()).isTrue();
        assertThat(o.warnings()).containsExactly("Parsed potentially confusing double-negative -listen=0");
    }

    @Test
    void negationClearsListsAndCommandLineNegationDropsTheFileValues() throws Exception {
        conf("[regtest]\naddnode=10.0.0.1\naddnode=10.0.0.2:18444\n");
        assertThat(parse("-regtest").network().addNodes()).containsExactly(
                new HostPort("10.0.0.1", OptionalInt.empty()), new HostPort("10.0.0.2", OptionalInt.of(18444)));
        assertThat(parse("-regtest", "-noaddnode").network().addNodes()).isEmpty();
        // settings.cpp "zombie" values: a value after the negation brings the file's back
        assertThat(parse("-regtest", "-noaddnode", "-addnode=10.0.0.3").network().addNodes()).extracting(HostPort::host)
                .containsExactly("10.0.0.3", "10.0.0.1", "10.0.0.2");
        assertThat(parse("-regtest", "-addnode=10.0.0.3").network().addNodes()).extracting(HostPort::host)
                .containsExactly("10.0.0.3", "10.0.0.1", "10.0.0.2");
    }

    @Test
    void negatingWhatCannotBeNegatedIsAnError() {
        assertError(ConfigException.Kind.INVALID_PARAMETER,
                "Error parsing command line arguments: Negating of -datadir is meaningless and therefore forbidden",
                "-nodatadir");
        assertError(ConfigException.Kind.INVALID_PARAMETER,
                "Error parsing command line arguments: Can not set -loglevel with no value. Please specify value with -loglevel=value.",
                "-loglevel");
    }

    // ---- connect and parameter interaction ----

    @Test
    void connectTurnsOffDnsSeedAndListeningUnlessSetAsCore() throws Exception {
        NodeOptions o = parse("-regtest", "-connect=127.0.0.1:18444");
        assertThat(o.network().connect()).containsExactly(new HostPort("127.0.0.1", OptionalInt.of(18444)));
        assertThat(o.network().useAddrmanOutgoing()).isFalse();
        assertThat(o.network().dnsSeed()).isFalse();
        assertThat(o.network().listen()).isFalse();
        assertThat(o.startupLog()).contains(
                "parameter interaction: -connect or -maxconnections=0 set -> setting -dnsseed=0",
                "parameter interaction: -connect or -maxconnections=0 set -> setting -listen=0");
        assertThat(parse("-regtest", "-connect=127.0.0.1", "-listen").network().listen()).isTrue();
        NodeOptions none = parse("-regtest", "-noconnect");
        assertThat(none.network().connect()).isEmpty();
        assertThat(none.network().useAddrmanOutgoing()).isFalse();
        assertThat(parse("-regtest", "-connect=0").network().connect()).isEmpty();
        NodeOptions bind = parse("-regtest", "-bind=127.0.0.1:18555");
        assertThat(bind.network().bind()).containsExactly(
                new BindAddress(new HostPort("127.0.0.1", OptionalInt.of(18555)), false));
        assertThat(bind.startupLog()).contains("parameter interaction: -bind set -> setting -listen=1");
        assertThat(parse("-regtest", "-bind=[::1]=onion").network().bind()).containsExactly(
                new BindAddress(new HostPort("::1", OptionalInt.empty()), true));
    }

    // ---- includeconf ----

    @Test
    void includedFilesAddValuesButTheMainFileWins() throws Exception {
        conf("includeconf=extra.conf\nmaxconnections=5\n[regtest]\nincludeconf=reg.conf\n");
        Files.writeString(datadir.resolve("extra.conf"), "maxconnections=6\ndnsseed=0\n");
        Files.writeString(datadir.resolve("reg.conf"), "[regtest]\nport=18999\n");
        NodeOptions o = parse("-regtest");
        assertThat(o.network().maxConnections()).isEqualTo(5);
        assertThat(o.network().dnsSeed()).isFalse();
        assertThat(o.network().port()).isEqualTo(18999);
        assertThat(o.startupLog()).contains("Included configuration file reg.conf", "Included configuration file extra.conf");
        assertThat(parse("-regtest", "-noincludeconf").network().port()).isEqualTo(18444);
    }

    @Test
    void anIncludeLoopIsCutAfterOneLevelWithCoresWarning() throws Exception {
        conf("includeconf=a.conf\n");
        Files.writeString(datadir.resolve("a.conf"), "includeconf=bitcoin.conf\nincludeconf=b.conf\nmaxconnections=3\n");
        Files.writeString(datadir.resolve("b.conf"), "maxconnections=4\n");
        NodeOptions o = parse();
        assertThat(o.network().maxConnections()).isEqualTo(3);
        assertThat(o.warnings()).containsExactly(
                "-includeconf cannot be used from included files; ignoring -includeconf=bitcoin.conf",
                "-includeconf cannot be used from included files; ignoring -includeconf=b.conf");
    }

    @Test
    void includeErrorsHaveCoresText() throws Exception {
        conf("includeconf=missing.conf\n");
        assertError(ConfigException.Kind.CONFIG_FILE,
                "Error reading configuration file: Failed to include configuration file missing.conf");
        assertError(ConfigException.Kind.INVALID_PARAMETER,
                "Error parsing command line arguments: -includeconf cannot be used from commandline; -includeconf=\"x.conf\"",
                "-includeconf=x.conf");
        Files.createDirectory(datadir.resolve("dir.conf"));
        conf("includeconf=dir.conf\n");
        assertError(ConfigException.Kind.CONFIG_FILE, "Error reading configuration file: Included config file \""
                + datadir.resolve("dir.conf") + "\" is a directory.");
    }

    // ---- files and directories ----

    @Test
    void confAndDatadirErrorsHaveCoresText() throws Exception {
        assertError(ConfigException.Kind.CONFIG_FILE, "Error reading configuration file: specified config file \""
                + datadir.resolve("other.conf") + "\" could not be opened.", "-conf=other.conf");
        assertThatThrownBy(() -> OptionsParser.parse(List.of("-datadir=" + home.resolve("nope")), home))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ConfigException.Kind.DATADIR);
                    assertThat(e.getMessage()).isEqualTo("Specified data directory \"" + home.resolve("nope") + "\" does not exist.");
                });
        Files.createDirectory(datadir.resolve("confdir"));
        assertError(ConfigException.Kind.CONFIG_FILE, "Error reading configuration file: Config file \""
                + datadir.resolve("confdir") + "\" is a directory.", "-conf=confdir");
        conf("conf=x.conf\n");
        assertError(ConfigException.Kind.CONFIG_FILE, "Error reading configuration file: conf cannot be set in the "
                + "configuration file; use includeconf= if you want to include additional config files");
        Path defaultDir = Files.createDirectory(home.resolve(".btcnode"));
        Files.writeString(defaultDir.resolve("bitcoin.conf"), "datadir=" + home.resolve("gone") + "\n");
        assertThatThrownBy(() -> OptionsParser.parse(List.of(), home)).isInstanceOfSatisfying(ConfigException.class, e -> {
            assertThat(e.kind()).isEqualTo(ConfigException.Kind.DATADIR);
            assertThat(e.getMessage()).isEqualTo("Error reading configuration file: specified data directory \""
                    + home.resolve("gone") + "\" does not exist.");
        });
    }

    @Test
    void theConfigFileCanMoveTheDatadirAndPathsAreRelativeToIt() throws Exception {
        Path other = Files.createDirectory(home.resolve("other"));
        Path defaultDir = Files.createDirectory(home.resolve(".btcnode"));
        Files.writeString(defaultDir.resolve("bitcoin.conf"), "datadir=" + other + "\npid=my.pid\ndebuglogfile=logs/d.log\n");
        NodeOptions o = OptionsParser.parse(List.of("-regtest"), home);
        assertThat(o.configFile()).contains(defaultDir.resolve("bitcoin.conf"));
        assertThat(o.chainDataDir()).isEqualTo(other.resolve("regtest"));
        assertThat(o.pidFile()).contains(other.resolve("regtest/my.pid"));
        assertThat(o.logging().debugLogFile()).contains(other.resolve("regtest/logs/d.log"));
        NodeOptions off = parse("-noconf", "-nopid", "-nodebuglogfile");
        assertThat(off.configFile()).isEmpty();
        assertThat(off.pidFile()).isEmpty();
        assertThat(off.logging().debugLogFile()).isEmpty();
    }

    @Test
    void aConfigFileNamedOnTheCommandLineIsReadFromThere() throws Exception {
        Path conf = Files.writeString(home.resolve("elsewhere.conf"), "regtest=1\n[regtest]\nmaxconnections=2\n");
        NodeOptions o = parse("-conf=" + conf);
        assertThat(o.configFile()).contains(conf);
        assertThat(o.network().maxConnections()).isEqualTo(2);
    }

    // ---- unknown options and bad values ----

    @Test
    void unknownCommandLineOptionsStopStartUp() {
        assertError(ConfigException.Kind.INVALID_PARAMETER, "Error parsing command line arguments: Invalid parameter -foo", "-foo");
        assertError(ConfigException.Kind.INVALID_PARAMETER, "Error parsing command line arguments: Invalid parameter -foo=1", "-foo=1");
        assertError(ConfigException.Kind.INVALID_PARAMETER,
                "Error parsing command line arguments: Invalid parameter -regtest.port=1", "-regtest.port=1");
        assertError(ConfigException.Kind.INVALID_PARAMETER,
                "Command line contains unexpected token 'getblockcount', see btcnoded -h for a list of options.",
                "getblockcount");
    }

    @Test
    void doubleDashIsSingleDash() throws Exception {
        assertThat(parse("--regtest", "--maxconnections=9").network().maxConnections()).isEqualTo(9);
    }

    @Test
    void badValuesStopStartUpWithOneLine() {
        String[][] cases = {
                {"-port=0", "Invalid port specified in -port: '0'"},
                {"-port=65536", "Invalid port specified in -port: '65536'"},
                {"-port=abc", "Invalid port specified in -port: 'abc'"},
                {"-rpcport=-1", "Invalid port specified in -rpcport: '-1'"},
                {"-addnode=10.0.0.1:99999", "Invalid port specified in -addnode: '10.0.0.1:99999'"},
                {"-seednode=", "Invalid -seednode address or hostname: ''"},
                {"-connect=bad host", "Invalid -connect address or hostname: 'bad host'"},
                {"-bind=example.com", "Cannot resolve -bind address: 'example.com'"},
                {"-bind=127.0.0.1=tor", "Cannot resolve -bind address: '127.0.0.1=tor'"},
                {"-maxconnections=-1", "-maxconnections must be greater or equal than zero"},
                {"-maxconnections=ten", "Invalid value for -maxconnections: 'ten' (an integer is required)"},
                {"-listen=yes", "Invalid value for -listen: 'yes' (use 1 or 0)"},
                {"-debug=nett", "Unsupported logging category -debug=nett."},
                {"-debugexclude=foo", "Unsupported logging category -debugexclude=foo."},
                {"-loglevel=loud", "Unsupported global logging level -loglevel=loud. Valid values: info, debug, trace."},
                {"-rpcauth=alice", "Invalid -rpcauth argument."},
                {"-rpcallowip=10.0.0.0/33", "Invalid -rpcallowip subnet specification: 10.0.0.0/33. Valid values are a "
                        + "single IP (e.g. 1.2.3.4), a network/netmask (e.g. 1.2.3.4/255.255.255.0), a network/CIDR "
                        + "(e.g. 1.2.3.4/24), all ipv4 (0.0.0.0/0), or all ipv6 (::/0)."},
                {"-rpcbind=127.0.0.1:0", "Invalid port specified in -rpcbind: '127.0.0.1:0'"},
                {"-peertimeout=0", "peertimeout must be a positive integer."},
                {"-maxreceivebuffer=0", "-maxreceivebuffer must be a positive number of kilobytes"},
                {"-maxsendbuffer=-5", "-maxsendbuffer must be a positive number of kilobytes"},
                {"-bantime=0", "-bantime must be a positive number of seconds"},
                {"-maxuploadtarget=5X", "Unable to parse -maxuploadtarget: '5X' (a whole number with an optional "
                        + "unit k, K, m, M, g, G, t or T is required; M if none)"},
                {"-maxuploadtarget=-1", "Unable to parse -maxuploadtarget: '-1' (a whole number with an optional "
                        + "unit k, K, m, M, g, G, t or T is required; M if none)"},
                {"-maxuploadtarget=M", "Unable to parse -maxuploadtarget: 'M' (a whole number with an optional "
                        + "unit k, K, m, M, g, G, t or T is required; M if none)"},
                {"-maxuploadtarget=9999999T", "Unable to parse -maxuploadtarget: '9999999T' (a whole number with an "
                        + "optional unit k, K, m, M, g, G, t or T is required; M if none)"},
                {"-whitelist=10.0.0.0/33", "Invalid netmask specified in -whitelist: '10.0.0.0/33'"},
                {"-whitelist=nobans@127.0.0.1", "Invalid P2P permission: 'nobans'"},
                {"-whitebind=noban@127.0.0.1", "Need to specify a port with -whitebind: '127.0.0.1'"},
        };
        for (String[] c : cases) {
            assertThatThrownBy(() -> parse("-regtest", c[0])).as(c[0]).isInstanceOfSatisfying(ConfigException.class, e -> {
                assertThat(e.getMessage()).isEqualTo(c[1]);
                assertThat(e.kind()).isEqualTo(ConfigException.Kind.BAD_VALUE);
            });
        }
        assertError(ConfigException.Kind.BAD_VALUE, "Cannot set -bind or -whitebind together with -listen=0",
                "-regtest", "-bind=127.0.0.1", "-listen=0");
        assertError(ConfigException.Kind.BAD_VALUE, "Cannot set -bind or -whitebind together with -listen=0",
                "-regtest", "-whitebind=noban@127.0.0.1:18500", "-listen=0");
    }

    @Test
    void peerManagerOptionsReachTheNetworkOptions() throws Exception {
        NetworkOptions n = parse("-regtest", "-maxreceivebuffer=10", "-maxsendbuffer=20", "-peertimeout=5",
                "-bantime=600", "-whitelist=noban@127.0.0.1", "-whitebind=relay@127.0.0.1:18500").network();
        assertThat(n.maxReceiveBufferBytes()).isEqualTo(10_000);
        assertThat(n.maxSendBufferBytes()).isEqualTo(20_000);
        assertThat(n.peerTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(n.banTime()).isEqualTo(Duration.ofMinutes(10));
        assertThat(n.whitelist()).containsExactly("noban@127.0.0.1");
        assertThat(n.whitebind()).containsExactly("relay@127.0.0.1:18500");
    }

    /** init.cpp -maxuploadtarget with util/strencodings.cpp ParseByteUnits (strencodings_tests.cpp's cases). */
    @Test
    void maxUploadTargetTakesCoresByteUnits() throws Exception {
        String[][] cases = {
                {"5", "5242880"}, {"5M", "5242880"}, {"5m", "5000000"}, {"5k", "5000"}, {"5K", "5120"},
                {"5g", "5000000000"}, {"5G", "5368709120"}, {"5t", "5000000000000"}, {"5T", "5497558138880"},
                {"0", "0"}, {"0M", "0"}, {"144", "150994944"},
        };
        for (String[] c : cases) {
            assertThat(parse("-regtest", "-maxuploadtarget=" + c[0]).network().maxUploadTargetBytes()).as(c[0])
                    .isEqualTo(Long.parseLong(c[1]));
        }
        assertThat(parse("-regtest").network().maxUploadTargetBytes()).isZero();
        assertThat(parse("-regtest", "-nomaxuploadtarget").network().maxUploadTargetBytes()).isZero();
        conf("maxuploadtarget=500\n");
        assertThat(parse("-regtest").network().maxUploadTargetBytes()).isEqualTo(500L << 20);
    }

    @Test
    void badValuesInTheFileStopStartUpToo() throws Exception {
        conf("[regtest]\nport=70000\n");
        assertError(ConfigException.Kind.BAD_VALUE, "Invalid port specified in -port: '70000'", "-regtest");
        conf("nodatadir=1\n");
        assertError(ConfigException.Kind.INVALID_PARAMETER,
                "Error reading configuration file: Negating of -datadir is meaningless and therefore forbidden");
    }

    // ---- logging ----

    @Test
    void debugCategoriesAsCore() throws Exception {
        assertThat(parse("-debug=net", "-debug=addrman").logging().debugCategories())
                .containsExactlyInAnyOrder(LogCategory.NET, LogCategory.ADDRMAN);
        assertThat(parse("-debug").logging().debugCategories()).hasSize(LogCategory.values().length);
        assertThat(parse("-debug=1", "-debugexclude=net").logging().debugCategories())
                .hasSize(LogCategory.values().length - 1).doesNotContain(LogCategory.NET);
        assertThat(parse("-debug=all", "-debug=0").logging().debugCategories()).isEmpty();
        assertThat(parse("-debug=net", "-nodebug").logging().debugCategories()).isEmpty();
        LoggingOptions levels = parse("-debug=net", "-debug=rpc", "-loglevel=trace", "-loglevel=rpc:info").logging();
        assertThat(levels.levelOf(LogCategory.NET)).isEqualTo(LogLevel.TRACE);
        assertThat(levels.levelOf(LogCategory.RPC)).isEqualTo(LogLevel.INFO);
        assertThat(levels.levelOf(LogCategory.MEMPOOL)).isEqualTo(LogLevel.INFO);
        assertThat(parse("-daemon").logging().printToConsole()).isFalse();
        assertThat(parse("-daemon", "-printtoconsole").logging().printToConsole()).isTrue();
        assertThat(parse("-logtimestamps=0").logging().logTimestamps()).isFalse();
    }

    @Test
    void shrinkDebugFileDefaultsOnOnlyWithoutDebugCategoriesAsCore() throws Exception {
        assertThat(parse().logging().shrinkDebugFile()).isTrue();
        assertThat(parse("-debug=net").logging().shrinkDebugFile()).isFalse();
        assertThat(parse("-debug=net", "-debug=0").logging().shrinkDebugFile()).isTrue();
        assertThat(parse("-debug=net", "-shrinkdebugfile").logging().shrinkDebugFile()).isTrue();
        assertThat(parse("-noshrinkdebugfile").logging().shrinkDebugFile()).isFalse();
        assertThat(parse("-shrinkdebugfile=0").logging().shrinkDebugFile()).isFalse();
    }

    @Test
    void argumentsAreLoggedWithSecretsMaskedAsCore() throws Exception {
        conf("rpcpassword=hunter2\nrpcuser=alice\n[regtest]\nport=18500\n");
        NodeOptions o = parse("-regtest", "-nolisten");
        assertThat(o.startupLog()).contains("Config file arg: rpcpassword=****", "Config file arg: rpcuser=****",
                "Config file arg: [regtest] port=\"18500\"", "Command-line arg: listen=false",
                "Command-line arg: regtest=\"\"");
        assertThat(String.join("\n", o.startupLog())).doesNotContain("hunter2");
        assertThat(o.rpc().rpcPassword()).contains("hunter2");
        assertThat(o.rpc().toString()).doesNotContain("hunter2").doesNotContain("alice");
    }

    @Test
    void rpcOptionsOfACoreConfigAreAccepted() throws Exception {
        conf("""
                server=1
                rpcuser=alice
                rpcpassword=secret
                rpcauth=bob:c0ffee$0123456789abcdef
                rpcallowip=127.0.0.1
                rpcallowip=10.0.0.0/8
                rpcallowip=192.168.0.0/255.255.0.0
                rpcallowip=::1/128
                rpcthreads=4
                [regtest]
                rpcbind=127.0.0.1
                rpcbind=[::1]:18500
                rpcport=18600
                """);
        RpcOptions rpc = parse("-regtest").rpc();
        assertThat(rpc.rpcBind()).containsExactly(new HostPort("127.0.0.1", OptionalInt.empty()),
                new HostPort("::1", OptionalInt.of(18500)));
        assertThat(rpc.rpcPort()).isEqualTo(18600);
        assertThat(rpc.rpcAllowIp()).hasSize(4);
        assertThat(rpc.rpcAuth()).containsExactly("bob:c0ffee$0123456789abcdef");
        assertThat(rpc.rpcThreads()).isEqualTo(4);
        assertThat(rpc.rpcUser()).contains("alice");
    }

    // ---- metrics (btcnode only) ----

    @Test
    void metricsAreOffUnlessMetricsbindIsGivenAndItsPortDefaultsPerChain() throws Exception {
        assertThat(parse("-regtest").metrics()).isEqualTo(MetricsOptions.OFF);
        assertThat(parse("-regtest", "-metricsbind=127.0.0.1", "-nometricsbind").metrics()).isEqualTo(MetricsOptions.OFF);
        assertThat(parse("-regtest", "-metricsbind=127.0.0.1").metrics().metricsBind())
                .contains(new HostPort("127.0.0.1", OptionalInt.of(19443)));
        assertThat(parse("-metricsbind=127.0.0.1").metrics().metricsBind())
                .contains(new HostPort("127.0.0.1", OptionalInt.of(9332)));
        assertThat(parse("-testnet4", "-metricsbind=[::1]:9400").metrics().metricsBind())
                .contains(new HostPort("::1", OptionalInt.of(9400)));
        assertThat(parse("-signet", "-metricsbind=127.8.9.10").metrics().metricsBind())
                .contains(new HostPort("127.8.9.10", OptionalInt.of(39332)));
        assertThat(parse("-testnet", "-metricsbind=localhost").metrics().metricsBind())
                .contains(new HostPort("localhost", OptionalInt.of(19332)));
        assertThat(parse("-regtest", "-metricsbind=[::ffff:127.0.0.1]:9401").metrics().metricsBind())
                .contains(new HostPort("::ffff:127.0.0.1", OptionalInt.of(9401)));
    }

    @Test
    void metricsbindIsPerChainInTheConfigFile() throws Exception {
        conf("metricsbind=127.0.0.1:9500\n[regtest]\nmetricsbind=127.0.0.1:9501\n");
        assertThat(parse().metrics().metricsBind()).contains(new HostPort("127.0.0.1", OptionalInt.of(9500)));
        assertThat(parse("-regtest").metrics().metricsBind()).contains(new HostPort("127.0.0.1", OptionalInt.of(9501)));
        conf("metricsbind=127.0.0.1:9500\n");
        NodeOptions signet = parse("-signet");
        assertThat(signet.metrics()).isEqualTo(MetricsOptions.OFF);
        assertThat(signet.warnings()).containsExactly(
                "Config setting for -metricsbind only applied on signet network when in [signet] section.");
    }

    @Test
    void metricsbindRefusesAddressesOtherThanLoopbackWithOneSentence() {
        String[][] cases = {
                {"-metricsbind=0.0.0.0", "-metricsbind=0.0.0.0 is not a loopback address and the metrics endpoint has"
                        + " no authentication; use -metricsbind=127.0.0.1 (or [::1]) and reach it from other hosts"
                        + " through an SSH tunnel or a reverse proxy."},
                {"-metricsbind=192.168.1.5:9332", "-metricsbind=192.168.1.5:9332 is not a loopback address and the"
                        + " metrics endpoint has no authentication; use -metricsbind=127.0.0.1 (or [::1]) and reach it"
                        + " from other hosts through an SSH tunnel or a reverse proxy."},
                {"-metricsbind=[::]:9332", "-metricsbind=[::]:9332 is not a loopback address and the metrics endpoint"
                        + " has no authentication; use -metricsbind=127.0.0.1 (or [::1]) and reach it from other hosts"
                        + " through an SSH tunnel or a reverse proxy."},
                {"-metricsbind=127.0.0.1:0", "Invalid port specified in -metricsbind: '127.0.0.1:0'"},
                {"-metricsbind=127.0.0.1:65536", "Invalid port specified in -metricsbind: '127.0.0.1:65536'"},
                {"-metricsbind=127.0.0.1:x", "Invalid port specified in -metricsbind: '127.0.0.1:x'"},
                {"-metricsbind=metrics.example.com", "Invalid -metricsbind address: 'metrics.example.com'; give a"
                        + " numeric loopback address such as 127.0.0.1 or [::1] (btcnode does not look up names)."},
                {"-metricsbind=", "Invalid -metricsbind address: ''; give a loopback address such as"
                        + " -metricsbind=127.0.0.1, or -nometricsbind to turn it off."},
        };
        for (String[] c : cases) {
            assertThatThrownBy(() -> parse("-regtest", c[0])).as(c[0]).isInstanceOfSatisfying(ConfigException.class, e -> {
                assertThat(e.getMessage()).isEqualTo(c[1]);
                assertThat(e.kind()).isEqualTo(ConfigException.Kind.BAD_VALUE);
            });
        }
        assertError(ConfigException.Kind.INVALID_PARAMETER, "Error parsing command line arguments: Can not set"
                + " -metricsbind with no value. Please specify value with -metricsbind=value.", "-regtest", "-metricsbind");
    }

    @Test
    void helpAndVersionAreRecognisedBeforeAnythingElse() throws Exception {
        assertThat(OptionsParser.parseCommandLine(List.of("-?")).helpRequested()).isTrue();
        assertThat(OptionsParser.parseCommandLine(List.of("-h")).helpRequested()).isTrue();
        assertThat(OptionsParser.parseCommandLine(List.of("-version")).versionRequested()).isTrue();
        String help = OptionsParser.help("v0");
        for (Option o : Option.values()) {
            if (o.group() != Option.Group.HIDDEN) {
                assertThat(help).contains("  -" + o.optionName() + o.helpParam() + "\n");
            }
        }
    }
}
