package org.btcnode.daemon;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import org.btcnode.core.message.Address;
import org.btcnode.core.message.NetAddress;
import org.btcnode.core.message.ServiceFlags;
import org.btcnode.core.params.NetworkParameters;
import org.btcnode.core.store.MemoryBlockStore;
import org.btcnode.core.store.MemoryHeaderStore;
import org.btcnode.core.types.Hash256;
import org.btcnode.daemon.config.NodeOptions;
import org.btcnode.daemon.config.OptionsParser;
import org.btcnode.daemon.rpc.CoreResultKeys;
import org.btcnode.daemon.rpc.RpcHttpServer;
import org.btcnode.daemon.rpc.RpcTestClient;
import org.btcnode.net.P2PNetwork;
import org.btcnode.net.addrman.AddrMan;
import org.btcnode.net.addrman.InMemoryAddressBookStore;
import org.btcnode.net.connman.ConnectionOptions;
import org.btcnode.net.connman.InMemoryBanStore;
import org.btcnode.net.discovery.Bootstrap;
import org.btcnode.net.transport.TransportOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The RPC server of a running node, in this JVM, wired as btcnoded wires it ({@link Btcnoded#wire}):
 * regtest, RPC on 127.0.0.1 port 0, -connect to a node-net peer on loopback (so getpeerinfo has a
 * real peer whose address book feeds getnodeaddresses). Every method is called over real HTTP
 * with the real cookie, a Core rpcauth vector and -rpcuser/-rpcpassword, its result compared with
 * Core's documented keys and types (src/test/resources/rpc/core-result-keys.json), and bad input
 * gets Core's codes and statuses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RpcServerScenarioTest {
    /** Core's test/functional/rpc_users.py vector (src/test/resources/vectors/core/rpc_users.txt). */
    private static final String RT_AUTH = "rt:93648e835a54c573682c2eb19f882535$7681e9c5b74bdd85e78166031d2058e1069b3ed7ed967c93fc63abba06f31144";
    private static final String RT_PASSWORD = "cA773lm788buwYe4g4WT+05pKyNruVKjQ25x3n0DQcM=";
    private static final String REGTEST_GENESIS = "0f9188f13cb7b2c71f2a335e3a4fc328bf5beb436012afca590b1a11466e2206";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final List<InetSocketAddress> LOOPBACK_PORT_0 =
            List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));

    @TempDir
    static Path home;

    private P2PNetwork peer;
    private Btcnoded.Services node;
    private Path cookieFile;
    private RpcTestClient rpc;
    private final CountDownLatch stopRequests = new CountDownLatch(1);
    private final CoreResultKeys core = new CoreResultKeys();

    @BeforeAll
    void startNodeWithAPeer() throws Exception {
        peer = peerWithAddresses();
        NodeOptions options = options("node", "-connect=127.0.0.1:" + peer.boundAddresses().get(0).getPort(),
                "-rpcauth=" + RT_AUTH,
                "-rpcthreads=4", "-rpcworkqueue=16", "-maxuploadtarget=1G");
        node = Btcnoded.wire(options, Instant.now(), stopRequests::countDown, RpcHttpServer.AUTH_FAILURE_DELAY,
                LOOPBACK_PORT_0);
        node.node().start();
        cookieFile = options.chainDataDir().resolve(".cookie");
        String[] cookie = Files.readString(cookieFile).split(":", 2);
        rpc = new RpcTestClient(rpcAddress(node), cookie[0], cookie[1]);
        waitFor(() -> rpc.result("getpeerinfo", "[]").size() == 1
                && rpc.result("getpeerinfo", "[]").get(0).get("version").asInt() != 0);
    }

    @AfterAll
    void stopAll() {
        if (node != null) {
            node.node().stop();
            assertThat(cookieFile).as("the cookie is deleted at stop").doesNotExist();
        }
        if (peer != null) {
            peer.close();
        }
    }

    private NodeOptions options(String dir, String... args) throws Exception {
        Path datadir = home.resolve(dir);
        Files.createDirectories(datadir.resolve("regtest"));
        List<String> all = new ArrayList<>(List.of("-regtest", "-datadir=" + datadir, "-printtoconsole=0",
                "-nodebuglogfile", "-listen=0"));
        all.addAll(List.of(args));
        return OptionsParser.parse(all, home);
    }

    private static InetSocketAddress rpcAddress(Btcnoded.Services services) {
        return services.rpc().boundAddresses().get(0);
    }

    /** A node-net peer on 127.0.0.1 whose address book holds 100 routable addresses (getaddr answers 23 %). */
    private static P2PNetwork peerWithAddresses() throws Exception {
        Instant now = Instant.ofEpochSecond(Instant.now().getEpochSecond());
        AddrMan book = AddrMan.load(new InMemoryAddressBookStore(), new Random(7), InstantSource.system());
        List<Address> addresses = new ArrayList<>();
        ServiceFlags full = ServiceFlags.of(ServiceFlags.NODE_NETWORK, ServiceFlags.NODE_WITNESS);
        for (int i = 0; i < 100; i++) {
            addresses.add(new Address(now, full, NetAddress.ipv4(30 + i / 250, i % 250 + 1, 7, 8), 8333));
        }
        book.add(addresses, NetAddress.ipv4(9, 9, 9, 9), Duration.ZERO, now);
        return P2PNetwork.start(new P2PNetwork.Setup(NetworkParameters.REGTEST,
                ConnectionOptions.defaults("0.1.0").withConnect(List.of()).withV2Transport(true),
                TransportOptions.defaults().withIoThreads(1),
                List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)), new InMemoryBanStore(), book,
                null, InstantSource.system(), new MemoryHeaderStore(), new MemoryBlockStore(), Bootstrap.Options.disabled()));
    }

    private static void waitFor(BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + WAIT);
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }

    private void assertCoreShape(String method, JsonNode result) {
        assertThat(core.mismatches(method, result)).as(method + " " + result).isEmpty();
    }

    // ------------------------------------------------------------------------------------ methods

    @Test
    @Order(1)
    void networkMethodsHaveCoresKeysTypesAndTheRealPeer() {
        JsonNode info = rpc.result("getnetworkinfo", "[]");
        assertCoreShape("getnetworkinfo", info);
        assertThat(info.get("subversion").asText()).startsWith("/btcnode:").endsWith("/");
        assertThat(info.get("protocolversion").asInt()).isEqualTo(70016);
        assertThat(info.get("localservices").asText()).isEqualTo("0000000000000c09");   // -v2transport=1
        assertThat(info.get("localservicesnames")).extracting(JsonNode::asText)
                .containsExactly("NETWORK", "WITNESS", "NETWORK_LIMITED", "P2P_V2");
        assertThat(info.get("connections").asInt()).isEqualTo(1);
        assertThat(info.get("connections_out").asInt()).isEqualTo(1);
        assertThat(info.get("networkactive").asBoolean()).isTrue();
        assertThat(info.get("relayfee").decimalValue()).isEqualByComparingTo("0.00000100");
        assertThat(info.get("networks")).extracting(n -> n.get("name").asText())
                .containsExactly("ipv4", "ipv6", "onion", "i2p", "cjdns");

        JsonNode peers = rpc.result("getpeerinfo", "[]");
        assertCoreShape("getpeerinfo", peers);
        JsonNode p = peers.get(0);
        assertThat(p.get("addr").asText()).isEqualTo("127.0.0.1:" + peer.boundAddresses().get(0).getPort());
        assertThat(p.get("network").asText()).isEqualTo("not_publicly_routable");
        assertThat(p.get("inbound").asBoolean()).isFalse();
        assertThat(p.get("connection_type").asText()).isEqualTo("manual");
        assertThat(p.get("transport_protocol_type").asText()).isEqualTo("v2");     // both sides on BIP 324
        assertThat(p.get("subver").asText()).startsWith("/btcnode:");
        assertThat(p.get("bip152_hb_to").asBoolean()).isFalse();
        String peerSide = peer.query(m -> m.peerInfos()).get(0).sessionId();
        assertThat(p.get("session_id").asText()).matches("[0-9a-f]{64}").isEqualTo(peerSide);
        assertThat(p.get("bytessent_per_msg").has("version")).isTrue();
        assertThat(p.get("bytesrecv_per_msg").has("verack")).isTrue();

        assertThat(rpc.result("getconnectioncount", "[]").asInt()).isEqualTo(1);
        JsonNode totals = rpc.result("getnettotals", "[]");
        assertCoreShape("getnettotals", totals);
        assertThat(totals.get("totalbytessent").asLong()).isGreaterThan(0);
        assertThat(totals.get("totalbytesrecv").asLong()).isGreaterThan(0);
        // -maxuploadtarget=1G: a cycle began with the first bytes sent, far from the target
        JsonNode upload = totals.get("uploadtarget");
        assertThat(upload.get("timeframe").asLong()).isEqualTo(86_400);
        assertThat(upload.get("target").asLong()).isEqualTo(1L << 30);
        assertThat(upload.get("target_reached").asBoolean()).isFalse();
        assertThat(upload.get("serve_historical_blocks").asBoolean()).isTrue();
        assertThat(upload.get("bytes_left_in_cycle").asLong()).isBetween((1L << 30) - 1_000_000, (1L << 30) - 1);
        assertThat(upload.get("time_left_in_cycle").asLong()).isBetween(86_000L, 86_400L);

        // the peer's getaddr answer reaches the address book
        waitFor(() -> rpc.result("getnodeaddresses", "[0]").size() > 0);
        JsonNode addresses = rpc.result("getnodeaddresses", "[0, \"ipv4\"]");
        assertCoreShape("getnodeaddresses", addresses);
        assertThat(addresses.get(0).get("port").asInt()).isEqualTo(8333);
        assertThat(rpc.result("getnodeaddresses", "[]").size()).isEqualTo(1);
        assertThat(rpc.call("getnodeaddresses", "[-1]").json().get("error").get("code").asInt()).isEqualTo(-8);
        assertThat(rpc.call("getnodeaddresses", "[1, \"tor\"]").json().get("error").get("message").asText())
                .isEqualTo("Network not recognized: tor");

        assertThat(rpc.result("ping", "[]").isNull()).isTrue();
        waitFor(() -> rpc.result("getpeerinfo", "[]").get(0).has("pingtime"));
    }

    @Test
    @Order(2)
    void addnodeGetaddednodeinfoAndTheirErrors() {
        assertCoreShape("addnode", rpc.result("addnode", "[\"127.0.0.1:1\", \"add\"]"));
        JsonNode added = rpc.result("getaddednodeinfo", "[]");
        assertCoreShape("getaddednodeinfo", added);
        assertThat(added).extracting(a -> a.get("addednode").asText()).contains("127.0.0.1:1");
        assertThat(rpc.result("getaddednodeinfo", "[\"127.0.0.1:1\"]").get(0).get("connected").asBoolean()).isFalse();
        assertThat(rpc.call("addnode", "[\"127.0.0.1:1\", \"add\"]").json().get("error").get("code").asInt())
                .isEqualTo(-23);
        rpc.result("addnode", "[\"127.0.0.1:1\", \"remove\"]");
        assertThat(rpc.call("addnode", "[\"127.0.0.1:1\", \"remove\"]").json().get("error").get("code").asInt())
                .isEqualTo(-24);
        assertThat(rpc.call("getaddednodeinfo", "[\"127.0.0.1:1\"]").json().get("error").get("code").asInt())
                .isEqualTo(-24);
        assertThat(rpc.call("addnode", "[\"127.0.0.1:1\", \"bogus\"]").json().get("error").get("code").asInt())
                .isEqualTo(-1);
        assertThat(rpc.result("addnode", "[\"127.0.0.1:1\", \"onetry\"]").isNull()).isTrue();
    }

    @Test
    @Order(3)
    void setbanListbannedClearbanned() {
        assertCoreShape("setban", rpc.result("setban", "[\"192.0.2.7\", \"add\", 3600]"));
        rpc.result("setban", "[\"198.51.100.0/24\", \"add\"]");
        JsonNode banned = rpc.result("listbanned", "[]");
        assertCoreShape("listbanned", banned);
        assertThat(banned).extracting(b -> b.get("address").asText())
                .containsExactly("192.0.2.7/32", "198.51.100.0/24");
        assertThat(banned.get(0).get("ban_duration").asLong()).isEqualTo(3600);
        assertThat(rpc.call("setban", "[\"192.0.2.7\", \"add\"]").json().get("error").get("code").asInt())
                .isEqualTo(-23);
        assertThat(rpc.call("setban", "[\"not-an-ip\", \"add\"]").json().get("error").get("message").asText())
                .isEqualTo("Error: Invalid IP/Subnet");
        assertThat(rpc.call("setban", "[\"192.0.2.8\", \"add\", 10, true]").json().get("error").get("message")
                .asText()).isEqualTo("Error: Absolute timestamp is in the past");
        rpc.result("setban", "[\"192.0.2.7\", \"remove\"]");
        assertThat(rpc.call("setban", "[\"192.0.2.7\", \"remove\"]").json().get("error").get("code").asInt())
                .isEqualTo(-30);
        assertCoreShape("clearbanned", rpc.result("clearbanned", "[]"));
        assertThat(rpc.result("listbanned", "[]")).isEmpty();
    }

    @Test
    @Order(4)
    void chainMethodsAnswerTheRegtestGenesisState() {
        JsonNode info = rpc.result("getblockchaininfo", "[]");
        assertCoreShape("getblockchaininfo", info);
        assertThat(info.get("chain").asText()).isEqualTo("regtest");
        assertThat(info.get("blocks").asInt()).isZero();
        assertThat(info.get("bestblockhash").asText()).isEqualTo(REGTEST_GENESIS);
        assertThat(info.get("bits").asText()).isEqualTo("207fffff");
        assertThat(info.get("difficulty").decimalValue()).isEqualByComparingTo("4.656542373906925e-10");
        assertThat(info.get("chainwork").asText()).isEqualTo("0".repeat(63) + "2");
        assertThat(info.get("size_on_disk").asLong()).isEqualTo(293);   // a fresh Core regtest node says 293
        assertThat(info.get("initialblockdownload").asBoolean()).isTrue();

        assertThat(rpc.result("getblockcount", "[]").asInt()).isZero();
        assertThat(rpc.result("getbestblockhash", "[]").asText()).isEqualTo(REGTEST_GENESIS);
        assertThat(rpc.result("getblockhash", "[0]").asText()).isEqualTo(REGTEST_GENESIS);
        JsonNode outOfRange = rpc.call("getblockhash", "[1]").json().get("error");
        assertThat(outOfRange.get("code").asInt()).isEqualTo(-8);
        assertThat(outOfRange.get("message").asText()).isEqualTo("Block height out of range");

        JsonNode header = rpc.result("getblockheader", "[\"" + REGTEST_GENESIS + "\"]");
        assertCoreShape("getblockheader", header);
        assertThat(header.get("confirmations").asInt()).isEqualTo(1);
        assertThat(header.get("versionHex").asText()).isEqualTo("00000001");
        assertThat(header.get("nonce").asLong()).isEqualTo(2);
        String headerHex = rpc.result("getblockheader", "[\"" + REGTEST_GENESIS + "\", false]").asText();
        byte[] raw = HexFormat.of().parseHex(headerHex);
        assertThat(raw).hasSize(80);
        assertThat(Hash256.hashTwice(raw).toString()).isEqualTo(REGTEST_GENESIS);

        JsonNode block = rpc.result("getblock", "[\"" + REGTEST_GENESIS + "\"]");
        assertCoreShape("getblock", block);
        assertThat(block.get("tx")).extracting(JsonNode::asText)
                .containsExactly("4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b");
        assertThat(block.get("size").asInt()).isEqualTo(285);
        String blockHex = rpc.result("getblock", "[\"" + REGTEST_GENESIS + "\", 0]").asText();
        assertThat(blockHex).startsWith(headerHex).hasSize(2 * 285);
        assertThat(rpc.result("getblock", "[\"" + REGTEST_GENESIS + "\", false]").asText()).isEqualTo(blockHex);
        JsonNode notFound = rpc.call("getblock", "[\"" + "00".repeat(32) + "\"]").json().get("error");
        assertThat(notFound.get("code").asInt()).isEqualTo(-5);
        assertThat(notFound.get("message").asText()).isEqualTo("Block not found");
        assertThat(rpc.call("getblockheader", "[\"abc\"]").json().get("error").get("message").asText())
                .isEqualTo("blockhash must be of length 64 (not 3, for 'abc')");

        JsonNode tips = rpc.result("getchaintips", "[]");
        assertCoreShape("getchaintips", tips);
        assertThat(tips.get(0).get("status").asText()).isEqualTo("active");
        JsonNode mempool = rpc.result("getmempoolinfo", "[]");
        assertCoreShape("getmempoolinfo", mempool);
        assertThat(mempool.get("size").asInt()).isZero();
    }

    @Test
    @Order(5)
    void controlMethods() {
        assertCoreShape("uptime", rpc.result("uptime", "[]"));
        JsonNode rpcInfo = rpc.result("getrpcinfo", "[]");
        assertCoreShape("getrpcinfo", rpcInfo);
        assertThat(rpcInfo.get("active_commands")).extracting(c -> c.get("method").asText()).contains("getrpcinfo");

        JsonNode logging = rpc.result("logging", "[[\"rpc\"], []]");
        assertCoreShape("logging", logging);
        assertThat(logging.get("rpc").asBoolean()).isTrue();
        assertThat(rpc.result("logging", "[[], [\"rpc\"]]").get("rpc").asBoolean()).isFalse();
        assertThat(rpc.call("logging", "[[\"nosuch\"]]").json().get("error").get("message").asText())
                .isEqualTo("unknown logging category nosuch");

        String help = rpc.result("help", "[]").asText();
        assertCoreShape("help", rpc.result("help", "[]"));
        assertThat(help).startsWith("== Blockchain ==\n").contains("\n== Control ==\n", "\n== Network ==\n",
                "getblockhash height\n", "getblockheader \"blockhash\" ( verbose )\n");
        for (String method : core.methods()) {
            assertThat(help).as(method).contains(method);
        }
        assertThat(rpc.result("help", "[\"getblockhash\"]").asText()).startsWith("getblockhash height\n\n")
                .contains("1. height    (numeric, required)");
        assertThat(rpc.result("help", "[\"nosuch\"]").asText()).isEqualTo("help: unknown command: nosuch");
    }

    /** P2WPKH of the public key 2·G: a valid regtest address (bitcoind's deriveaddresses gave it). */
    private static final String REGTEST_ADDRESS = "bcrt1qq6hag67dl53wl99vzg42z8eyzfz2xlkvwk6f7m";

    @Test
    @Order(29)
    void generatetoaddressMinesStoresAndRelaysToThePeer() {
        JsonNode hashes = rpc.result("generatetoaddress", "[3, \"" + REGTEST_ADDRESS + "\"]");
        assertThat(hashes).hasSize(3);
        assertThat(rpc.result("getblockcount", "[]").asInt()).isEqualTo(3);
        assertThat(rpc.result("getbestblockhash", "[]").asText()).isEqualTo(hashes.get(2).asText());
        JsonNode first = rpc.result("getblock", "[\"" + hashes.get(0).asText() + "\", 1]");
        assertThat(first.get("height").asInt()).isEqualTo(1);
        assertThat(first.get("tx")).hasSize(1);
        assertThat(rpc.call("generatetoaddress", "[1, \"bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4\"]").json()
                .get("error").get("code").asInt()).as("a mainnet address on regtest").isEqualTo(-5);

        JsonNode unsubmitted = rpc.result("generateblock", "[\"" + REGTEST_ADDRESS + "\", [], false]");
        assertThat(unsubmitted.get("hex").asText()).startsWith("00000020");     // version 0x20000000, LE
        assertThat(rpc.result("getblockcount", "[]").asInt()).as("not submitted").isEqualTo(3);
        JsonNode submitted = rpc.result("generateblock", "[\"" + REGTEST_ADDRESS + "\", []]");
        assertThat(rpc.result("getbestblockhash", "[]").asText()).isEqualTo(submitted.get("hash").asText());

        // The peer asked for headers when it connected, while this node was still in initial block
        // download, and was ignored (Core's rule); its next getheaders on that connection would
        // wait HEADERS_RESPONSE_TIME (2 min). A new connection (-connect redials) syncs at once.
        int id = rpc.result("getpeerinfo", "[]").get(0).get("id").asInt();
        rpc.result("disconnectnode", "[\"\", " + id + "]");
        waitFor(() -> peer.queryChain(c -> c.activeHeight()) == 4);
        String peerTip = peer.queryChain(c -> c.activeTip().hash().toString());
        assertThat(peerTip).isEqualTo(submitted.get("hash").asText());
    }

    // ------------------------------------------------------------------------------------ auth

    @Test
    @Order(10)
    void cookieRpcauthAndRefusals() throws Exception {
        String cookie = Files.readString(cookieFile);
        assertThat(cookie).matches("__cookie__:[0-9a-f]{64}");
        assertThat(Files.getPosixFilePermissions(cookieFile))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

        RpcTestClient rt = new RpcTestClient(rpcAddress(node), "rt", RT_PASSWORD);
        assertThat(rt.result("getblockcount", "[]").asInt()).isZero();

        RpcTestClient wrong = new RpcTestClient(rpcAddress(node), "rt", RT_PASSWORD + "x");
        RpcTestClient.Reply refused = wrong.call("getblockcount", "[]");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.response().headers().firstValue("WWW-Authenticate")).contains("Basic realm=\"jsonrpc\"");
        assertThat(new RpcTestClient(rpcAddress(node), "__cookie__", "00".repeat(32)).call("getblockcount", "[]")
                .status()).isEqualTo(401);

        RpcTestClient anonymous = new RpcTestClient(rpcAddress(node), Optional.empty());
        RpcTestClient.Reply missing = anonymous.call("getblockcount", "[]");
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.response().headers().firstValue("WWW-Authenticate")).contains("Basic realm=\"jsonrpc\"");
        assertThat(new RpcTestClient(rpcAddress(node), Optional.of("Basic !!!")).call("getblockcount", "[]").status())
                .isEqualTo(401);
    }

    @Test
    @Order(11)
    void userPasswordReplacesTheCookieAndStopAnswersBeforeShuttingDown() throws Exception {
        CountDownLatch stopped = new CountDownLatch(1);
        NodeOptions options = options("second", "-connect=0", "-rpcuser=rpcuser\uD83D\uDCBB", "-rpcpassword=rpcpassword\uD83D\uDD11");
        Btcnoded.Services second = Btcnoded.wire(options, Instant.now(), stopped::countDown, Duration.ZERO,
                LOOPBACK_PORT_0);
        second.node().start();
        try {
            assertThat(options.chainDataDir().resolve(".cookie")).as("no cookie with -rpcpassword").doesNotExist();
            RpcTestClient user = new RpcTestClient(rpcAddress(second), "rpcuser\uD83D\uDCBB", "rpcpassword\uD83D\uDD11");
            assertThat(user.result("getconnectioncount", "[]").asInt()).isZero();
            assertThat(user.result("getaddednodeinfo", "[]")).isEmpty();
            assertThat(new RpcTestClient(rpcAddress(second), "rpcuser\uD83D\uDCBB", "rpcpassword").call("uptime", "[]")
                    .status()).isEqualTo(401);
            JsonNode stop = user.result("stop", "[]");
            assertCoreShape("stop", stop);
            assertThat(stop.asText()).isEqualTo("btcnode stopping");
            assertThat(stopped.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        } finally {
            second.node().stop();
        }
    }

    // ------------------------------------------------------------------------------------ protocol

    @Test
    @Order(20)
    void jsonRpcVersionsBatchesNamedParametersAndErrors() {
        RpcTestClient.Reply parse = rpc.post("{\"method\": ");
        assertThat(parse.status()).isEqualTo(500);
        assertThat(parse.json().get("error").get("code").asInt()).isEqualTo(-32700);
        assertThat(parse.json().get("id").isNull()).isTrue();
        assertThat(rpc.post("42").json().get("error").get("message").asText()).isEqualTo("Top-level object parse error");

        RpcTestClient.Reply unknown = rpc.call("nosuchmethod", "[]");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("error").get("code").asInt()).isEqualTo(-32601);
        assertThat(unknown.json().get("result").isNull()).isTrue();
        RpcTestClient.Reply unknown2 = rpc.post("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"nosuchmethod\"}");
        assertThat(unknown2.status()).isEqualTo(200);
        assertThat(unknown2.json().has("result")).isFalse();
        assertThat(unknown2.json().get("jsonrpc").asText()).isEqualTo("2.0");
        assertThat(unknown2.json().get("id").asInt()).isEqualTo(5);

        RpcTestClient.Reply invalid = rpc.post("{\"id\":1,\"params\":[]}");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().get("error").get("code").asInt()).isEqualTo(-32600);

        RpcTestClient.Reply typeError = rpc.call("getblockhash", "[\"0\"]");
        assertThat(typeError.status()).isEqualTo(500);
        assertThat(typeError.json().get("error").get("code").asInt()).isEqualTo(-3);
        assertThat(typeError.json().get("error").get("message").asText()).isEqualTo("Wrong type passed:\n{\n"
                + "    \"Position 1 (height)\": \"JSON value of type string is not of expected type number\"\n}");
        assertThat(rpc.call("getblockhash", "[0.5]").json().get("error").get("code").asInt()).isEqualTo(-1);
        assertThat(rpc.call("setnetworkactive", "[1]").json().get("error").get("code").asInt()).isEqualTo(-3);
        RpcTestClient.Reply tooMany = rpc.call("getblockcount", "[1]");
        assertThat(tooMany.json().get("error").get("code").asInt()).isEqualTo(-1);
        assertThat(tooMany.json().get("error").get("message").asText()).startsWith("getblockcount\n");

        assertThat(rpc.post("{\"method\":\"getblockhash\",\"params\":{\"height\":0},\"id\":1}").result().asText())
                .isEqualTo(REGTEST_GENESIS);
        assertThat(rpc.post("{\"method\":\"getblockheader\",\"params\":{\"verbose\":false,\"blockhash\":\""
                + REGTEST_GENESIS + "\"},\"id\":1}").result().asText()).hasSize(160);
        RpcTestClient.Reply unknownName = rpc.post("{\"method\":\"getblockhash\",\"params\":{\"hight\":0},\"id\":1}");
        assertThat(unknownName.json().get("error").get("code").asInt()).isEqualTo(-8);
        assertThat(unknownName.json().get("error").get("message").asText()).isEqualTo("Unknown named parameter hight");

        RpcTestClient.Reply notification = rpc.post("{\"jsonrpc\":\"2.0\",\"method\":\"getblockcount\"}");
        assertThat(notification.status()).isEqualTo(204);
        assertThat(notification.body()).isEmpty();

        RpcTestClient.Reply batch = rpc.post("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"getblockcount\"},"
                + "{\"jsonrpc\":\"2.0\",\"method\":\"getblockcount\"},"
                + "{\"id\":3,\"method\":\"nosuchmethod\"}, 7]");
        assertThat(batch.status()).isEqualTo(200);
        JsonNode replies = batch.json();
        assertThat(replies).hasSize(3);
        assertThat(replies.get(0).get("result").asInt()).isZero();
        assertThat(replies.get(1).get("error").get("code").asInt()).isEqualTo(-32601);
        assertThat(replies.get(2).get("error").get("code").asInt()).isEqualTo(-32600);
        assertThat(rpc.post("[{\"jsonrpc\":\"2.0\",\"method\":\"ping\"}]").status()).isEqualTo(204);
        assertThat(rpc.post("[]").body().trim()).isEqualTo("[]");

        RpcTestClient.Reply get = rpc.get();
        assertThat(get.status()).isEqualTo(405);
        assertThat(get.body()).isEqualTo("JSONRPC server handles only POST requests");
    }

    @Test
    @Order(21)
    void anOversizedBodyIsRefusedWith413BeforeItIsRead() throws Exception {
        InetSocketAddress server = rpcAddress(node);
        try (Socket socket = new Socket(server.getAddress(), server.getPort())) {
            socket.setSoTimeout((int) WAIT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + RpcTestClient.basic("rt", RT_PASSWORD)
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + (RpcHttpServer.MAX_SIZE + 1)
                    + "\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] head = in.readNBytes(12);
            assertThat(new String(head, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 413");
        }
        assertThat(rpc.result("getblockcount", "[]").asInt()).isZero();
    }

    @Test
    @Order(22)
    void aThousandConcurrentRequestsAreAllAnsweredAndTheNodeCarriesOn() {
        List<CompletableFuture<RpcTestClient.Reply>> replies = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            replies.add(rpc.postAsync("{\"id\":" + i + ",\"method\":\"getpeerinfo\"}"));
        }
        int ok = 0;
        int busy = 0;
        for (CompletableFuture<RpcTestClient.Reply> f : replies) {
            RpcTestClient.Reply r = f.join();
            if (r.status() == 200) {
                ok++;
                assertThat(r.json().get("result").isArray()).isTrue();
            } else {
                assertThat(r.status()).isEqualTo(503);
                assertThat(r.body()).isEqualTo("Work queue depth exceeded");
                busy++;
            }
        }
        assertThat(ok + busy).isEqualTo(1000);
        assertThat(ok).isGreaterThan(0);
        assertThat(rpc.result("getconnectioncount", "[]").asInt()).isEqualTo(1);
    }

    // ------------------------------------------------------------------------------------ last: peers go

    @Test
    @Order(30)
    void disconnectnodeAndSetnetworkactive() {
        JsonNode notConnected = rpc.call("disconnectnode", "[\"\", 9999]").json().get("error");
        assertThat(notConnected.get("code").asInt()).isEqualTo(-29);
        assertThat(notConnected.get("message").asText()).isEqualTo("Node not found in connected nodes");
        assertThat(rpc.call("disconnectnode", "[\"127.0.0.1:1\", 1]").json().get("error").get("code").asInt())
                .isEqualTo(-32602);
        String addr = rpc.result("getpeerinfo", "[]").get(0).get("addr").asText();
        assertCoreShape("disconnectnode", rpc.result("disconnectnode", "[\"" + addr + "\"]"));

        JsonNode off = rpc.result("setnetworkactive", "[false]");
        assertCoreShape("setnetworkactive", off);
        assertThat(off.asBoolean()).isFalse();
        waitFor(() -> rpc.result("getconnectioncount", "[]").asInt() == 0);
        assertThat(rpc.result("getnetworkinfo", "[]").get("networkactive").asBoolean()).isFalse();
        assertThat(rpc.result("setnetworkactive", "[true]").asBoolean()).isTrue();
        // -connect dials again at once when the network comes back
        waitFor(() -> rpc.result("getconnectioncount", "[]").asInt() == 1);
        Set<String> seen = Set.of(rpc.result("getpeerinfo", "[]").get(0).get("addr").asText());
        assertThat(seen).containsExactly(addr);
        assertThat(stopRequests.getCount()).as("no stop was asked of the shared node").isEqualTo(1);
    }
}
