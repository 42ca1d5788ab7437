package org.btcnode.daemon.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.btcnode.daemon.ScriptRun;
import org.btcnode.daemon.ScriptRun.Result;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * scripts/btcnode-cli as an operator runs it, against the packaged jar and a Core-compatible
 * JSON-RPC server on 127.0.0.1: the cookie from a temporary HOME's default datadir, output on
 * stdout, and the process exit codes bitcoin-cli gives (an RPC error's code modulo 256).
 */
class BtcnodeCliScriptIT {
    private static final String COOKIE = "__cookie__:0123456789abcdef";

    @TempDir
    Path home;
    private FakeRpcServer server;

    @BeforeEach
    void start() throws IOException {
        Path regtest = Files.createDirectories(home.resolve(".btcnode/regtest"));
        Files.writeString(regtest.resolve(".cookie"), COOKIE);
        server = FakeRpcServer.start(0, COOKIE);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Result script(String... args) throws IOException, InterruptedException {
        return ScriptRun.run("btcnode-cli", home, args);
    }

    @Test
    void callsTheServerWithTheCookieAndExitsAsBitcoinCli() throws Exception {
        server.result("getblockcount", "0").result("getnettotals", "{\"totalbytesrecv\":0,\"totalbytessent\":0}");
        String port = "-rpcport=" + server.port();
        assertThat(script("-regtest", port, "getblockcount")).isEqualTo(new Result(0, "0\n", ""));
        assertThat(script("-regtest", port, "getnettotals"))
                .isEqualTo(new Result(0, "{\n  \"totalbytesrecv\": 0,\n  \"totalbytessent\": 0\n}\n", ""));
        // exit(32601) as bitcoin-cli: the shell sees 32601 & 0xff
        assertThat(script("-regtest", port, "nosuchmethod"))
                .isEqualTo(new Result(32601 & 0xff, "", "error code: -32601\nerror message:\nMethod not found\n"));
        assertThat(script("-regtest", "-rpcport=1", "getblockcount").exitCode()).isEqualTo(1);
        assertThat(script("-version").stdout()).startsWith("btcnode RPC client version v");
    }
}
