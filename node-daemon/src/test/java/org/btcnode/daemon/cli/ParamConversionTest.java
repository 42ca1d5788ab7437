package org.btcnode.daemon.cli;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Parameters become JSON where Core's vRPCConvertParams says so, strings elsewhere. */
class ParamConversionTest {
    private static String positional(String method, String... args) throws CliException {
        return ParamConversion.positional(method, List.of(args)).write(0);
    }

    private static String named(String method, String... args) throws CliException {
        return ParamConversion.named(method, List.of(args)).write(0);
    }

    @Test
    void listedPositionsAreJson() throws CliException {
        assertThat(positional("getblockhash", "0")).isEqualTo("[0]");
        assertThat(positional("getblock", "00ff", "2")).isEqualTo("[\"00ff\",2]");
        assertThat(positional("getblockheader", "00ff", "false")).isEqualTo("[\"00ff\",false]");
        assertThat(positional("setban", "192.0.2.1", "add", "86400", "true")).isEqualTo("[\"192.0.2.1\",\"add\",86400,true]");
        assertThat(positional("setnetworkactive", "false")).isEqualTo("[false]");
        assertThat(positional("addnode", "192.0.2.1:8333", "onetry", "true")).isEqualTo("[\"192.0.2.1:8333\",\"onetry\",true]");
        assertThat(positional("disconnectnode", "", "7")).isEqualTo("[\"\",7]");
        assertThat(positional("logging", "[\"net\"]", "[]")).isEqualTo("[[\"net\"],[]]");
        assertThat(positional("getnodeaddresses", "0", "ipv4")).isEqualTo("[0,\"ipv4\"]");
        assertThat(positional("generatetoaddress", "1", "bcrt1qaddr", "1000")).isEqualTo("[1,\"bcrt1qaddr\",1000]");
        assertThat(positional("generateblock", "bcrt1qaddr", "[]", "false")).isEqualTo("[\"bcrt1qaddr\",[],false]");
        assertThat(positional("stop", "5")).isEqualTo("[5]");
    }

    @Test
    void otherParametersStayStrings() throws CliException {
        assertThat(positional("help", "getblock")).isEqualTo("[\"getblock\"]");
        assertThat(positional("getaddednodeinfo", "1")).isEqualTo("[\"1\"]");
        assertThat(positional("getblockhash")).isEqualTo("[]");
        assertThat(positional("unknownmethod", "1", "true")).isEqualTo("[\"1\",\"true\"]");
    }

    @Test
    void namedParametersConvertByName() throws CliException {
        assertThat(named("getblock", "blockhash=00ff", "verbosity=0")).isEqualTo("{\"blockhash\":\"00ff\",\"verbosity\":0}");
        assertThat(named("getblock", "blockhash=00ff", "verbose=true")).isEqualTo("{\"blockhash\":\"00ff\",\"verbose\":true}");
        assertThat(named("setban", "subnet=192.0.2.1", "command=add", "bantime=60", "absolute=false"))
                .isEqualTo("{\"subnet\":\"192.0.2.1\",\"command\":\"add\",\"bantime\":60,\"absolute\":false}");
        // a later value for a name wins, in the first one's place
        assertThat(named("getblockhash", "height=1", "height=2")).isEqualTo("{\"height\":2}");
        // "=" inside the value is kept
        assertThat(named("help", "command=a=b")).isEqualTo("{\"command\":\"a=b\"}");
    }

    @Test
    void positionalTokensAmongNamedOnesGoToArgs() throws CliException {
        assertThat(named("getblock", "00ff", "verbosity=2")).isEqualTo("{\"verbosity\":2,\"args\":[\"00ff\"]}");
        assertThat(named("getblockhash", "7")).isEqualTo("{\"args\":[7]}");
    }

    @Test
    void badJsonIsCoresError() {
        assertThatThrownBy(() -> positional("getblockhash", "ten")).hasMessage("Error parsing JSON: ten");
        assertThatThrownBy(() -> named("setnetworkactive", "state=yes")).hasMessage("Error parsing JSON: yes");
    }
}
