package org.btcnode.daemon.config;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigFileParserTest {
    @Test
    void readsKeysSectionsCommentsAndWhitespaceAsCore() throws Exception {
        ConfigFileParser.Parsed p = ConfigFileParser.parse("""
                # comment
                  listen = 1   # trailing comment
                \tport=8333\r
                empty=

                [regtest]
                addnode=127.0.0.1
                main.port=1
                """, "bitcoin.conf");
        assertThat(p.entries()).containsExactly(
                new ConfigFileParser.Entry("listen", "1", "bitcoin.conf", 2),
                new ConfigFileParser.Entry("port", "8333", "bitcoin.conf", 3),
                new ConfigFileParser.Entry("empty", "", "bitcoin.conf", 4),
                new ConfigFileParser.Entry("regtest.addnode", "127.0.0.1", "bitcoin.conf", 7),
                new ConfigFileParser.Entry("regtest.main.port", "1", "bitcoin.conf", 8));
        assertThat(p.sections()).containsExactly(new ConfigFileParser.SectionInfo("regtest", "bitcoin.conf", 6),
                new ConfigFileParser.SectionInfo("regtest.main", "bitcoin.conf", 8));
    }

    @Test
    void parseErrorsNameTheLineAsCore() {
        List<String[]> cases = List.of(
                new String[] {"a=1\n-listen=1\n", "parse error on line 2: -listen=1, options in configuration file must be specified without leading -"},
                new String[] {"\n\nlisten\n", "parse error on line 3: listen"},
                new String[] {"nolisten\n", "parse error on line 1: nolisten, if you intended to specify a negated option, use nolisten=1 instead"},
                new String[] {"rpcpassword=abc#def\n", "parse error on line 1, using # in rpcpassword can be ambiguous and should be avoided"});
        for (String[] c : cases) {
            assertThatThrownBy(() -> ConfigFileParser.parse(c[0], "f")).as(c[0])
                    .isInstanceOfSatisfying(ConfigException.class, e -> {
                        assertThat(e.getMessage()).isEqualTo(c[1]);
                        assertThat(e.kind()).isEqualTo(ConfigException.Kind.CONFIG_FILE);
                    });
        }
    }
}
