package org.btcnode.daemon.cli;

import java.nio.file.Files;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** -getinfo folds Core-shaped replies into bitcoin-cli's report; wallet calls may fail (no wallet). */
class GetinfoRequestHandlerTest {
    private static final String NO_WALLET = "{\"code\":-32601,\"message\":\"Method not found\"}";

    private static String fixture(String name) throws Exception {
        return Files.readString(FakeRpcServer.fixture(name));
    }

    private static JsonValue batch(String networkInfo, String blockchainInfo) {
        return JsonValue.parse("[{\"result\":" + networkInfo + ",\"error\":null,\"id\":0},"
                + "{\"result\":" + blockchainInfo + ",\"error\":null,\"id\":1},"
                + "{\"result\":null,\"error\":" + NO_WALLET + ",\"id\":2},"
                + "{\"result\":null,\"error\":" + NO_WALLET + ",\"id\":3}]").orElseThrow();
    }

    @Test
    void requestsTheFourCallsOfBitcoinCli() throws Exception {
        assertThat(new GetinfoRequestHandler().prepareRequest("", List.of()).write(0)).isEqualTo("["
                + "{\"method\":\"getnetworkinfo\",\"params\":null,\"id\":0,\"jsonrpc\":\"2.0\"},"
                + "{\"method\":\"getblockchaininfo\",\"params\":null,\"id\":1,\"jsonrpc\":\"2.0\"},"
                + "{\"method\":\"getwalletinfo\",\"params\":null,\"id\":2,\"jsonrpc\":\"2.0\"},"
                + "{\"method\":\"getbalances\",\"params\":null,\"id\":3,\"jsonrpc\":\"2.0\"}]");
        assertThatThrownBy(() -> new GetinfoRequestHandler().prepareRequest("", List.of("x")))
                .hasMessage("-getinfo takes no arguments");
    }

    @Test
    void reportWithoutWalletMatchesBitcoinCli() throws Exception {
        JsonValue reply = new GetinfoRequestHandler().processReply(
                batch(fixture("getnetworkinfo.json"), fixture("getblockchaininfo.json")));
        JsonValue result = reply.get("result");
        assertThat(result.get("has_wallet").isNull()).isTrue();
        assertThat(result.get("balance").isNull()).isTrue();
        assertThat(GetinfoRequestHandler.format(result, false)).isEqualTo(fixture("getinfo.txt"));
    }

    @Test
    void syncingNodeShowsTheProgressBar() throws Exception {
        JsonValue reply = new GetinfoRequestHandler().processReply(
                batch(fixture("getnetworkinfo.json"), fixture("getblockchaininfo-syncing.json")));
        assertThat(GetinfoRequestHandler.format(reply.get("result"), false)).isEqualTo(fixture("getinfo-syncing.txt"));
    }

    @Test
    void colourAndWarningsFromGetnetworkinfo() throws Exception {
        String network = fixture("getnetworkinfo.json").replaceAll("(?s)\"warnings\": \\[\\s*\\]",
                "\"warnings\": [\"first\", \"second\"]");
        JsonValue result = new GetinfoRequestHandler().processReply(
                batch(network, fixture("getblockchaininfo.json"))).get("result");
        String text = GetinfoRequestHandler.format(result, true);
        assertThat(text).startsWith("\u001B[34mChain: regtest\u001B[0m\n")
                .contains("\u001B[32mNetwork: in 1, out 3, total 4\u001B[0m\n")
                .endsWith("\u001B[33mWarnings:\u001B[0m first\nsecond");
        // a pre-v28 server sends one string
        String legacy = fixture("getnetworkinfo.json").replaceAll("(?s)\"warnings\": \\[\\s*\\]", "\"warnings\": \"old\"");
        assertThat(GetinfoRequestHandler.format(new GetinfoRequestHandler().processReply(
                batch(legacy, fixture("getblockchaininfo.json"))).get("result"), false)).endsWith("Warnings: old");
    }

    @Test
    void progressBarHasTwentyCellsOfFivePercent() {
        assertThat(GetinfoRequestHandler.progressBar(0)).isEqualTo("\u2591".repeat(20));
        assertThat(GetinfoRequestHandler.progressBar(0.5)).isEqualTo("\u2592".repeat(10) + "\u2591".repeat(10));
        assertThat(GetinfoRequestHandler.progressBar(1.5)).isEmpty();
    }

    @Test
    void errorsOfTheChainCallsArePassedOn() throws Exception {
        JsonValue failing = JsonValue.parse("[{\"result\":{},\"error\":null,\"id\":0},"
                + "{\"result\":null,\"error\":{\"code\":-28,\"message\":\"Loading block index…\"},\"id\":1},"
                + "{\"result\":null,\"error\":null,\"id\":2},{\"result\":null,\"error\":null,\"id\":3}]").orElseThrow();
        assertThat(new GetinfoRequestHandler().processReply(failing).get("error").get("message").str())
                .isEqualTo("Loading block index…");
        assertThatThrownBy(() -> new GetinfoRequestHandler().processReply(JsonValue.parse("[{\"id\":7}]").orElseThrow()))
                .hasMessage("Batch member id is larger than batch size");
        assertThatThrownBy(() -> new GetinfoRequestHandler().processReply(JsonValue.parse("{}").orElseThrow()))
                .hasMessage("Batch must be an array");
    }
}
