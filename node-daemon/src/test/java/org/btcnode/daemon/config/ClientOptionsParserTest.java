package org.btcnode.daemon.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.btcnode.core.params.Chain;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** btcnode-cli's options: bitcoin-cli's names, defaults and bitcoin.conf reading, with the daemon's rules. */
class ClientOptionsParserTest {
    @TempDir
    Path home;
    Path datadir;

    @BeforeEach
    void makeDatadir() throws IOException {
        datadir = Files.createDirectory(home.resolve("data"));
    }

    private ClientOptions parse(String... args) throws ConfigException {
        List<String> all = new ArrayList<>(List.of("-datadir=" + datadir));
        all.addAll(Arrays.asList(args));
        return ClientOptionsParser.resolve(ClientOptionsParser.parseCommandLine(all), home);
    }

    @Test
    void defaultsAreBitcoinClis() throws Exception {
        ClientOptions o = ClientOptionsParser.resolve(ClientOptionsParser.parseCommandLine(List.of("uptime")), home);
        assertThat(o.chain()).isEqualTo(Chain.MAIN);
        assertThat(o.chainDataDir()).isEqualTo(home.resolve(".btcnode"));
        assertThat(o.cookieFile()).contains(home.resolve(".btcnode/.cookie"));
        assertThat(o.configFile()).contains(home.resolve(".btcnode/bitcoin.conf"));
        assertThat(o.rpcConnect()).isEqualTo("127.0.0.1");
        assertThat(o.rpcPort()).isEmpty();
        assertThat(o.rpcUser()).isEmpty();
        assertThat(o.rpcPassword()).isEmpty();
        assertThat(o.rpcClientTimeout()).isEqualTo(Duration.ofSeconds(900));
        assertThat(o.rpcWaitTimeout()).isZero();
        assertThat(o.named() || o.getinfo() || o.netinfo() || o.rpcWait() || o.stdin() || o.stdinRpcPass()).isFalse();
        assertThat(o.color()).isEqualTo("auto");
        assertThat(o.arguments()).containsExactly("uptime");
    }

    @Test
    void eachChainHasItsCookieDirectoryAndRpcPort() throws Exception {
        String[][] cases = {{"-regtest", "regtest"}, {"-testnet", "testnet3"}, {"-testnet4", "testnet4"},
            {"-signet", "signet"}, {"-chain=regtest", "regtest"}};
        for (String[] c : cases) {
            ClientOptions o = parse(c[0], "uptime");
            assertThat(o.cookieFile()).as(c[0]).contains(datadir.resolve(c[1]).resolve(".cookie"));
        }
        assertThat(parse("-regtest").chain().defaultRpcPort()).isEqualTo(18443);
        assertThat(parse("-testnet").chain().defaultRpcPort()).isEqualTo(18332);
        assertThat(parse("-testnet4").chain().defaultRpcPort()).isEqualTo(48332);
        assertThat(parse("-signet").chain().defaultRpcPort()).isEqualTo(38332);
        assertThat(parse().chain().defaultRpcPort()).isEqualTo(8332);
    }

    @Test
    void optionsStopAtTheMethodAndEverythingAfterIsArguments() throws Exception {
        ClientOptions o = parse("-named", "-rpcwait", "-rpcwaittimeout=30", "-rpcclienttimeout=0", "getblock",
                "-verbosity=2", "-named");
        assertThat(o.named()).isTrue();
        assertThat(o.rpcWait()).isTrue();
        assertThat(o.rpcWaitTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(o.rpcClientTimeout()).isZero();
        assertThat(o.arguments()).containsExactly("getblock", "-verbosity=2", "-named");
        assertThat(parse("-netinfo", "4", "outonly").arguments()).containsExactly("4", "outonly");
        assertThat(parse("-netinfo=0").netinfo()).isFalse();
        assertThat(parse("-netinfo=0", "-getinfo").cliCommands()).containsExactly("-getinfo", "-netinfo");
    }

    @Test
    void bitcoinConfGivesCredentialsPortAndConnectAsForBitcoinCli() throws Exception {
        Files.writeString(datadir.resolve("bitcoin.conf"), "rpcuser=alice\nrpcpassword=pw\nrpcconnect=192.0.2.1\n"
                + "rpcport=1111\nrpccookiefile=/run/btcnode/cookie\nrpcwait=1\ntxindex=1\n"
                + "[regtest]\nrpcport=2222\n");
        ClientOptions main = parse("uptime");
        assertThat(main.rpcUser()).isEqualTo("alice");
        assertThat(main.rpcPassword()).isEqualTo("pw");
        assertThat(main.rpcConnect()).isEqualTo("192.0.2.1");
        assertThat(main.rpcPort()).contains("1111");
        assertThat(main.cookieFile()).contains(Path.of("/run/btcnode/cookie"));
        assertThat(main.rpcWait()).isTrue();
        // rpcport is network-only: on regtest only the [regtest] value counts
        assertThat(parse("-regtest").rpcPort()).contains("2222");
        // the command line wins; -norpccookiefile disables the cookie
        ClientOptions cl = parse("-rpcuser=bob", "-rpcport=3333", "-norpccookiefile", "-norpcwait");
        assertThat(cl.rpcUser()).isEqualTo("bob");
        assertThat(cl.rpcPort()).contains("3333");
        assertThat(cl.cookieFile()).isEmpty();
        assertThat(cl.rpcWait()).isFalse();
        assertThat(cl.toString()).doesNotContain("alice", "pw,").contains("rpcPassword=****");
    }

    @Test
    void badValuesAreOperatorErrors() throws Exception {
        assertThatThrownBy(() -> parse("-rpcwaittimeout=soon")).isInstanceOfSatisfying(ConfigException.class,
                e -> assertThat(e.getMessage()).isEqualTo("Invalid value for -rpcwaittimeout: 'soon' (an integer is required)"));
        assertThatThrownBy(() -> parse("-norpcwaittimeout")).hasMessage(
                "Error parsing command line arguments: Negating of -rpcwaittimeout is meaningless and therefore forbidden");
        assertThatThrownBy(() -> parse("-maxconnections=3", "uptime")).hasMessage(
                "Error parsing command line arguments: Invalid parameter -maxconnections=3");
        assertThat(parse("-rpcwaittimeout=-5").rpcWaitTimeout()).isZero();
    }

    @Test
    void everyExampleOfTheSampleConfigIsReadWithoutError() throws Exception {
        Path repo = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();
        Pattern example = Pattern.compile("^#([a-z0-9]+)=(.*)$");
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(repo.resolve("config/bitcoin.conf"))) {
            Matcher m = example.matcher(line);
            lines.add(m.matches() && !m.group(1).equals("includeconf") ? line.substring(1) : line);
        }
        Files.write(datadir.resolve("bitcoin.conf"), lines);
        ClientOptions o = parse("uptime");
        assertThat(o.rpcUser()).isNotEmpty();
        assertThat(o.rpcConnect()).isEqualTo("127.0.0.1");
        assertThat(o.rpcPort()).isEqualTo(Optional.of("8332"));
        assertThat(o.rpcWait()).isTrue();
        assertThat(o.rpcClientTimeout()).isEqualTo(Duration.ofSeconds(900));
    }

    @Test
    void helpListsEveryClientOptionAndTheSharedOnes() {
        String help = ClientOptionsParser.help("v0.1.0");
        assertThat(help).startsWith("btcnode RPC client version v0.1.0\n");
        for (CliOption o : CliOption.values()) {
            assertThat(help).contains("  -" + o.optionName() + o.helpParam() + "\n");
        }
        for (CliOption.Shared s : CliOption.SHARED) {
            if (!s.help().isEmpty()) {
                assertThat(help).contains("  -" + s.option().optionName() + s.option().helpParam() + "\n");
            }
        }
    }
}
