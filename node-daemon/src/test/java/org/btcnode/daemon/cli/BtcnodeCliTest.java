package org.btcnode.daemon.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

import org.btcnode.daemon.Btcnoded;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** btcnode-cli end to end against a Core-compatible JSON-RPC server on 127.0.0.1. */
class BtcnodeCliTest {
    private static final String COOKIE = "__cookie__:6c2e1a0f4b9d83c7e5a1f0b2d4c6e8a9b1d3f5a7c9e1b3d5f7a9c1e3b5d7f9a1";
    private static final Instant NOW = Instant.ofEpochSecond(1_700_000_000L);

    @TempDir
    Path home;
    private Path datadir;
    private FakeRpcServer server;
    /** The clock the CLI sees; each -rpcwait pause moves it on by the pause. */
    private Instant now = NOW;
    private final List<Duration> pauses = new ArrayList<>();
    private Runnable onPause = () -> { };

    /** What one run printed. */
    private record Result(int exitCode, String out, String err) {
    }

    @BeforeEach
    void startServer() throws IOException {
        datadir = Files.createDirectories(home.resolve("data"));
        Files.createDirectories(datadir.resolve("regtest"));
        Files.writeString(datadir.resolve("regtest/.cookie"), COOKIE);
        server = FakeRpcServer.start(0, COOKIE);
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private Result run(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        InstantSource clock = () -> now;
        BtcnodeCli cli = new BtcnodeCli(home, clock, d -> {
            pauses.add(d);
            now = now.plus(d);
            onPause.run();
        }, false);
        int code = cli.run(List.of(args), new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** With the test datadir, regtest and the fake server's port. */
    private Result call(String... args) {
        List<String> all = new ArrayList<>(List.of("-datadir=" + datadir, "-regtest", "-rpcport=" + server.port()));
        all.addAll(List.of(args));
        return run("", all.toArray(new String[0]));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String fixture(String name) throws IOException {
        return Files.readString(FakeRpcServer.fixture(name));
    }

    @Test
    void readsTheCookieFromTheChainDatadirAndPrintsStringsRaw() {
        server.result("getbestblockhash", "\"0f9188f13cb7b2c71f2a335e3a4fc328bf5beb436012afca590b1a11466e2206\"");
        Result r = call("getbestblockhash");
        assertThat(r).isEqualTo(new Result(0, "0f9188f13cb7b2c71f2a335e3a4fc328bf5beb436012afca590b1a11466e2206\n", ""));
        assertThat(server.requests.get(0).toString())
                .isEqualTo("{\"method\":\"getbestblockhash\",\"params\":[],\"id\":1,\"jsonrpc\":\"2.0\"}");
    }

    @Test
    void objectsArePrettyPrintedAsBitcoinCliAndNumbersKeepTheirText() throws IOException {
        // the fixture is laid out as bitcoin-cli prints it (UniValue::write(2))
        server.resultFromFixture("getblockchaininfo", "getblockchaininfo.json");
        server.resultFromFixture("getnetworkinfo", "getnetworkinfo.json");
        assertThat(call("getblockchaininfo")).isEqualTo(new Result(0, fixture("getblockchaininfo.json"), ""));
        assertThat(call("getnetworkinfo")).isEqualTo(new Result(0, fixture("getnetworkinfo.json"), ""));
        server.result("getblockcount", "0").result("addnode", "null").result("listbanned", "[]");
        assertThat(call("getblockcount")).isEqualTo(new Result(0, "0\n", ""));
        assertThat(call("addnode", "192.0.2.1:18444", "onetry")).isEqualTo(new Result(0, "", ""));
        assertThat(call("listbanned")).isEqualTo(new Result(0, "[\n]\n", ""));
    }

    @Test
    void rpcErrorsPrintCodeAndMessageAndExitWithTheCode() {
        Result r = call("nosuchmethod");
        assertThat(r).isEqualTo(new Result(32601, "", "error code: -32601\nerror message:\nMethod not found\n"));
        // the shell sees 32601 & 0xff, as with bitcoin-cli's exit(abs(code))
        server.error("getblockhash", "{\"code\":-8,\"message\":\"Block height out of range\"}");
        assertThat(call("getblockhash", "5")).isEqualTo(
                new Result(8, "", "error code: -8\nerror message:\nBlock height out of range\n"));
        assertThat(server.requests.get(1).get("params").toString()).isEqualTo("[5]");
    }

    @Test
    void userAndPasswordFromTheCommandLineOrBitcoinConf() throws IOException {
        server.close();
        server = FakeRpcServer.start(0, "alice:s3cret").result("uptime", "42");
        assertThat(call("-rpcuser=alice", "-rpcpassword=s3cret", "uptime")).isEqualTo(new Result(0, "42\n", ""));
        // bitcoin.conf as shared with btcnoded: rpcport is network-only, so it sits in [regtest]
        Files.writeString(datadir.resolve("bitcoin.conf"), "rpcuser=alice\nrpcpassword=s3cret\nrpcconnect=127.0.0.1\n"
                + "[regtest]\nrpcport=" + server.port() + "\n");
        assertThat(run("", "-datadir=" + datadir, "-regtest", "uptime")).isEqualTo(new Result(0, "42\n", ""));
    }

    @Test
    void wrongCredentialsGiveCoresAuthorizationTexts() throws IOException {
        Result wrong = call("-rpcuser=alice", "-rpcpassword=wrong", "uptime");
        assertThat(wrong).isEqualTo(new Result(1, "", "error: Authorization failed: Incorrect rpcuser or rpcpassword"
                + " were specified. Configuration file: (" + datadir.resolve("bitcoin.conf") + ")\n"));
        Files.delete(datadir.resolve("regtest/.cookie"));
        assertThat(call("uptime").err()).isEqualTo("error: Authorization failed: Failed to read cookie file and no"
                + " rpcpassword was specified. Configuration file: (" + datadir.resolve("bitcoin.conf") + ")\n");
        assertThat(call("-norpccookiefile", "uptime").err()).contains("Cookie file was disabled via -norpccookiefile");
        Files.writeString(datadir.resolve("regtest/.cookie"), "__cookie__:stale\n");
        assertThat(call("uptime").err()).contains("Cookie file credentials were invalid");
    }

    @Test
    void aCookieFileElsewhereIsFoundRelativeToTheChainDatadir() throws IOException {
        Files.move(datadir.resolve("regtest/.cookie"), datadir.resolve("regtest/rpc.cookie"));
        server.result("uptime", "7");
        assertThat(call("-rpccookiefile=rpc.cookie", "uptime")).isEqualTo(new Result(0, "7\n", ""));
    }

    @Test
    void namedParametersAreSentAsAnObject() {
        server.result("getblock", "\"00\"");
        assertThat(call("-named", "getblock", "blockhash=00ff", "verbosity=0").exitCode()).isZero();
        assertThat(server.requests.get(0).get("params").toString()).isEqualTo("{\"blockhash\":\"00ff\",\"verbosity\":0}");
    }

    @Test
    void connectionRefusedIsCoresTransientErrorText() throws IOException {
        int port = freePort();
        Result r = run("", "-datadir=" + datadir, "-regtest", "-rpcport=" + port, "getblockcount");
        assertThat(r).isEqualTo(new Result(1, "", "error: timeout on transient error: Could not connect to the server"
                + " 127.0.0.1:" + port + " (error code 1 - \"EOF reached\")\n\n"
                + "Make sure the btcnoded server is running and that you are connecting to the correct RPC port.\n"
                + "Use \"btcnode-cli -help\" for more info.\n"));
        assertThat(pauses).isEmpty();
    }

    @Test
    void rpcwaitRetriesEverySecondUntilTheServerStarts() throws IOException {
        int port = freePort();
        server.close();
        onPause = () -> {
            if (pauses.size() == 2) {     // the server comes up after two failed attempts
                try {
                    server = FakeRpcServer.start(port, COOKIE).result("getblockcount", "0");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        };
        Result r = run("", "-datadir=" + datadir, "-regtest", "-rpcport=" + port, "-rpcwait", "getblockcount");
        assertThat(r).isEqualTo(new Result(0, "0\n", ""));
        assertThat(pauses).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    @Test
    void rpcwaitRetriesWhileTheServerWarmsUpAndGivesUpAfterRpcwaittimeout() throws IOException {
        server.error("getblockcount", "{\"code\":-28,\"message\":\"Loading block index…\"}");
        onPause = () -> {
            if (pauses.size() == 1) {
                server.result("getblockcount", "3");
            }
        };
        assertThat(call("-rpcwait", "getblockcount")).isEqualTo(new Result(0, "3\n", ""));
        // without -rpcwait the warm-up error is printed as any other
        server.close();
        server = FakeRpcServer.start(0, COOKIE).error("getblockcount", "{\"code\":-28,\"message\":\"Loading\"}");
        assertThat(call("getblockcount")).isEqualTo(new Result(28, "", "error code: -28\nerror message:\nLoading\n"));
        pauses.clear();
        onPause = () -> { };
        Result timedOut = call("-rpcwait", "-rpcwaittimeout=3", "getblockcount");
        assertThat(timedOut).isEqualTo(new Result(1, "", "error: timeout on transient error: server in warmup\n"));
        assertThat(pauses).hasSize(3);
    }

    @Test
    void getinfoPrintsTheReportWithoutWallet() throws IOException {
        server.resultFromFixture("getnetworkinfo", "getnetworkinfo.json")
                .resultFromFixture("getblockchaininfo", "getblockchaininfo.json");
        assertThat(call("-getinfo")).isEqualTo(new Result(0, fixture("getinfo.txt") + "\n", ""));
        assertThat(call("-getinfo", "-color=never")).isEqualTo(new Result(0, fixture("getinfo.txt") + "\n", ""));
        assertThat(call("-getinfo", "-color=always").out()).startsWith("\u001B[34mChain: regtest\u001B[0m\n");
        assertThat(call("-getinfo", "-color=sometimes").err())
                .isEqualTo("error: Invalid value for -color option. Valid values: always, auto, never.\n");
        assertThat(call("-getinfo", "extra")).isEqualTo(new Result(1, "", "error: -getinfo takes no arguments\n"));
    }

    @Test
    void netinfoPrintsTheDashboard() throws IOException {
        server.resultFromFixture("getnetworkinfo", "getnetworkinfo.json")
                .resultFromFixture("getpeerinfo", "getpeerinfo.json");
        String expected = fixture("netinfo-4.txt").replace("v0.1.0-test", Btcnoded.version()) + "\n";
        assertThat(call("-netinfo", "4")).isEqualTo(new Result(0, expected, ""));
        assertThat(call("-netinfo").out()).isEqualTo(fixture("netinfo-0.txt").replace("v0.1.0-test", Btcnoded.version()) + "\n");
        assertThat(call("-netinfo", "help").out()).startsWith("-netinfo (level [outonly]) | help\n\n")
                .endsWith("> btcnode-cli -netinfo help\n\n");
        assertThat(call("-netinfo", "-getinfo")).isEqualTo(
                new Result(1, "", "error: Only one of -getinfo, -netinfo may be specified.\n"));
    }

    @Test
    void stdinAddsArgumentsAndStdinrpcpassReadsThePassword() throws IOException {
        server.close();
        server = FakeRpcServer.start(0, "alice:pw from stdin").result("getblockhash", "\"00\"");
        String[] args = {"-datadir=" + datadir, "-regtest", "-rpcport=" + server.port(), "-rpcuser=alice",
            "-stdinrpcpass", "-stdin", "getblockhash"};
        assertThat(run("pw from stdin\n0\n", args)).isEqualTo(new Result(0, "00\n", ""));
        assertThat(server.requests.get(0).get("params").toString()).isEqualTo("[0]");
        assertThat(run("", args).err()).isEqualTo("error: -stdinrpcpass specified but failed to read from standard input\n");
    }

    @Test
    void operatorErrorsBeforeAnyCall() {
        Result none = run("");
        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(none.out()).startsWith("btcnode RPC client version " + Btcnoded.version() + "\n");
        assertThat(none.err()).isEqualTo("Error: too few parameters\n");
        assertThat(run("", "-version")).isEqualTo(new Result(0, "btcnode RPC client version " + Btcnoded.version() + "\n", ""));
        assertThat(run("", "-help").out()).contains("  -rpcconnect=<ip>\n", "  -netinfo\n", "  -regtest\n");
        assertThat(run("", "-nosuchoption", "uptime"))
                .isEqualTo(new Result(1, "", "Error parsing command line arguments: Invalid parameter -nosuchoption\n"));
        assertThat(run("", "-datadir=" + home.resolve("missing"), "uptime")).isEqualTo(new Result(1, "",
                "Error: Specified data directory \"" + home.resolve("missing") + "\" does not exist.\n"));
        assertThat(run("", "-regtest", "-testnet4", "uptime").err())
                .isEqualTo("Error: Invalid combination of -regtest, -signet, -testnet, -testnet4 and -chain. Can use at most one.\n");
        assertThat(call("-rpcport=port", "uptime").err()).isEqualTo("error: Invalid port provided in -rpcport: port\n");
        assertThat(call("-rpcconnect=127.0.0.1:x", "uptime").err())
                .isEqualTo("error: Invalid port provided in -rpcconnect: 127.0.0.1:x\n");
        assertThat(run("", "-datadir=" + datadir, "-regtest")).isEqualTo(
                new Result(1, "", "error: too few parameters (need at least command)\n"));
        assertThat(call("getblockhash", "ten").err()).isEqualTo("error: Error parsing JSON: ten\n");
    }

    @Test
    void portInRpcconnectIsUsedAndRpcportWinsWithAWarning() {
        server.result("uptime", "1");
        String connect = "-rpcconnect=127.0.0.1:" + server.port();
        assertThat(run("", "-datadir=" + datadir, "-regtest", connect, "uptime")).isEqualTo(new Result(0, "1\n", ""));
        assertThat(run("", "-datadir=" + datadir, "-regtest", "-rpcconnect=127.0.0.1:1", "-rpcport=" + server.port(), "uptime"))
                .isEqualTo(new Result(0, "1\n", "Warning: Port specified in both -rpcconnect and -rpcport. Using -rpcport "
                        + server.port() + "\n"));
    }

    @Test
    void aReplyWithoutCoresFieldsIsAnErrorNotACrash() {
        server.result("getnetworkinfo", "{\"version\":280000}").result("getblockchaininfo", "{\"chain\":\"regtest\"}");
        assertThat(call("-getinfo")).isEqualTo(new Result(1, "", "error: JSON value is not a number as expected\n"));
        server.result("getpeerinfo", "[{\"network\":\"ipv4\",\"inbound\":\"no\"}]");
        assertThat(call("-netinfo").err()).isEqualTo("error: -netinfo: unexpected getpeerinfo or getnetworkinfo reply"
                + " (JSON value is not a boolean as expected)\n");
    }

    @Test
    void httpStatusesAreHandledAsBitcoinCli() {
        // a JSON-RPC 1.0 server (Core before v28, or a 1.0 request) sends errors with 404/500 and a body
        server.status = 404;
        server.statusBody = "{\"result\":null,\"error\":{\"code\":-32601,\"message\":\"Method not found\"},\"id\":1}";
        assertThat(call("nosuchmethod")).isEqualTo(new Result(32601, "", "error code: -32601\nerror message:\nMethod not found\n"));
        server.status = 500;
        server.statusBody = "{\"result\":null,\"error\":{\"code\":-1,\"message\":\"stop\\nsays why\"},\"id\":1}";
        assertThat(call("uptime")).isEqualTo(new Result(1, "", "error code: -1\nerror message:\nstop\nsays why\n"));
        server.status = 503;
        server.statusBody = "Work queue depth exceeded";
        assertThat(call("uptime").err()).isEqualTo("error: Server response: Work queue depth exceeded\n");
        server.status = 403;
        server.statusBody = "";
        assertThat(call("uptime").err()).isEqualTo("error: server returned HTTP error 403\n");
        server.status = 200;
        assertThat(call("uptime").err()).isEqualTo("error: no response from server\n");
        server.statusBody = "<html>";
        assertThat(call("uptime").err()).isEqualTo("error: couldn't parse reply from server\n");
        server.statusBody = "{}";
        assertThat(call("uptime").err()).isEqualTo("error: expected reply to have result, error and id properties\n");
    }

    @Test
    void argumentsAfterTheMethodMayStartWithADash() {
        server.error("getblockhash", "{\"code\":-8,\"message\":\"Block height out of range\"}");
        assertThat(call("getblockhash", "-1").exitCode()).isEqualTo(8);
        assertThat(server.requests.get(0).get("params").toString()).isEqualTo("[-1]");
    }
}
