package org.btcnode.daemon.cli;

import java.nio.file.Files;
import java.util.List;

import org.btcnode.core.params.Chain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** -netinfo renders Core-shaped getpeerinfo/getnetworkinfo replies as bitcoin-cli does (golden files). */
class NetinfoRequestHandlerTest {
    private static final long NOW = 1_700_000_000L;

    private static String fixture(String name) throws Exception {
        return Files.readString(FakeRpcServer.fixture(name));
    }

    /** The batch reply a Core server gives, in the order it may choose (here: reversed ids). */
    private static JsonValue batchReply(String peerInfo, String networkInfo) {
        return JsonValue.parse("[{\"jsonrpc\":\"2.0\",\"result\":" + networkInfo + ",\"id\":1},"
                + "{\"jsonrpc\":\"2.0\",\"result\":" + peerInfo + ",\"id\":0}]").orElseThrow();
    }

    private static String render(List<String> args, String peerInfo, String networkInfo) throws Exception {
        NetinfoRequestHandler handler = new NetinfoRequestHandler(Chain.REGTEST, "v0.1.0-test", NOW);
        JsonValue request = handler.prepareRequest("", args);
        assertThat(request.write(0)).isEqualTo("[{\"method\":\"getpeerinfo\",\"params\":null,\"id\":0,\"jsonrpc\":\"2.0\"},"
                + "{\"method\":\"getnetworkinfo\",\"params\":null,\"id\":1,\"jsonrpc\":\"2.0\"}]");
        JsonValue reply = handler.processReply(batchReply(peerInfo, networkInfo));
        assertThat(reply.get("error").isNull()).isTrue();
        return reply.get("result").str();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4})
    void rendersEveryLevelAsBitcoinCli(int level) throws Exception {
        List<String> args = level == 0 ? List.of() : List.of(Integer.toString(level));
        assertThat(render(args, fixture("getpeerinfo.json"), fixture("getnetworkinfo.json")))
                .isEqualTo(fixture("netinfo-" + level + ".txt"));
    }

    @Test
    void levelZeroGivenExplicitlyAndLevelsAbove4AreLevel4() throws Exception {
        String peers = fixture("getpeerinfo.json");
        String network = fixture("getnetworkinfo.json");
        assertThat(render(List.of("0"), peers, network)).isEqualTo(fixture("netinfo-0.txt"));
        assertThat(render(List.of("255"), peers, network)).isEqualTo(fixture("netinfo-4.txt"));
    }

    @Test
    void outonlyListsOutboundPeersButCountsAll() throws Exception {
        String peers = fixture("getpeerinfo.json");
        String network = fixture("getnetworkinfo.json");
        assertThat(render(List.of("4", "outonly"), peers, network)).isEqualTo(fixture("netinfo-4-outonly.txt"));
        assertThat(render(List.of("4", "o"), peers, network)).isEqualTo(fixture("netinfo-4-outonly.txt"));
    }

    @Test
    void mappedAsNumbersAddTheAsmapColumn() throws Exception {
        assertThat(render(List.of("3"), fixture("getpeerinfo-asmap.json"), fixture("getnetworkinfo.json")))
                .isEqualTo(fixture("netinfo-3-asmap.txt"));
    }

    @Test
    void withoutNprPeersOrLocalAddressesTheirColumnAndListAreLeftOut() throws Exception {
        JsonValue peers = JsonValue.parse(fixture("getpeerinfo.json")).orElseThrow();
        StringBuilder routable = new StringBuilder("[");
        for (JsonValue peer : peers.elements()) {
            if (!peer.get("network").str().equals("not_publicly_routable")) {
                routable.append(routable.length() > 1 ? "," : "").append(peer.write(0));
            }
        }
        String network = fixture("getnetworkinfo.json").replaceAll("(?s)\"localaddresses\": \\[.*?\\n  \\]",
                "\"localaddresses\": []");
        assertThat(render(List.of(), routable + "]", network)).isEqualTo(fixture("netinfo-0-nolocal.txt"));
    }

    @Test
    void badArgumentsGiveBitcoinCliTexts() {
        NetinfoRequestHandler handler = new NetinfoRequestHandler(Chain.MAIN, "v0.1.0", NOW);
        assertThatThrownBy(() -> handler.prepareRequest("", List.of("x")))
                .hasMessage("invalid -netinfo level argument: x\nFor more information, run: btcnode-cli -netinfo help");
        assertThatThrownBy(() -> handler.prepareRequest("", List.of("-1")))
                .hasMessageStartingWith("invalid -netinfo level argument: -1");
        assertThatThrownBy(() -> handler.prepareRequest("", List.of("256")))
                .hasMessageStartingWith("invalid -netinfo level argument: 256");
        assertThatThrownBy(() -> handler.prepareRequest("", List.of("2", "in")))
                .hasMessage("invalid -netinfo outonly argument: in\nFor more information, run: btcnode-cli -netinfo help");
        assertThatThrownBy(() -> handler.prepareRequest("", List.of("0", "outonly")))
                .hasMessage("invalid -netinfo outonly argument: outonly\nThe outonly argument is only valid for a level"
                        + " greater than 0 (the first argument). For more information, run: btcnode-cli -netinfo help");
    }

    @Test
    void refusesServersOlderThan0210AndPassesRpcErrorsOn() throws Exception {
        NetinfoRequestHandler handler = new NetinfoRequestHandler(Chain.MAIN, "v0.1.0", NOW);
        handler.prepareRequest("", List.of());
        String old = fixture("getnetworkinfo.json").replace("\"version\": 280000", "\"version\": 200100");
        assertThatThrownBy(() -> handler.processReply(batchReply("[]", old)))
                .hasMessage("-netinfo requires btcnoded server to be running v0.21.0 and up");
        JsonValue error = JsonValue.parse("[{\"result\":null,\"error\":{\"code\":-28,\"message\":\"Loading\"},\"id\":0},"
                + "{\"result\":{},\"error\":null,\"id\":1}]").orElseThrow();
        assertThat(handler.processReply(error).get("error").get("code").valStr()).isEqualTo("-28");
    }

    @Test
    void mainnetHeaderNamesNoChainAndEmptyPeerListHasNoListing() throws Exception {
        NetinfoRequestHandler handler = new NetinfoRequestHandler(Chain.MAIN, "v0.1.0", NOW);
        handler.prepareRequest("", List.of("4"));
        String text = handler.processReply(batchReply("[]", fixture("getnetworkinfo.json"))).get("result").str();
        assertThat(text).startsWith("btcnode client v0.1.0 - server 70016/btcnode:0.1.0/ - services nwl2\n\n"
                + "         ipv4    ipv6   total   block\n"
                + "in          0       0       0\n"
                + "out         0       0       0       0\n"
                + "total       0       0       0\n\nLocal addresses\n");
    }
}
