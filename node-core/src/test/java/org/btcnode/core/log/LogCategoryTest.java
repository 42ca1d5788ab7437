package org.btcnode.core.log;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LogCategoryTest {
    @Test
    void idsAreCoresDebugCategoriesInCoresOrder() {
        // logging.cpp LOG_CATEGORIES_BY_STR (lock included, as with DEBUG_LOCKCONTENTION)
        assertThat(Arrays.stream(LogCategory.values()).map(LogCategory::id)).containsExactly(
                "net", "tor", "mempool", "http", "bench", "zmq", "walletdb", "rpc", "estimatefee", "addrman",
                "selectcoins", "reindex", "cmpctblock", "rand", "prune", "proxy", "mempoolrej", "libevent",
                "coindb", "qt", "leveldb", "validation", "i2p", "ipc", "lock", "blockstorage", "txreconciliation",
                "scan", "txpackages", "kernel", "privatebroadcast");
    }

    @Test
    void loggerNamesAreBtcDotCategory() {
        assertThat(LogCategory.NET.loggerName()).isEqualTo("btc.net");
        for (LogCategory c : LogCategory.values()) {
            assertThat(LogCategory.fromLoggerName(c.loggerName())).contains(c);
            assertThat(LogCategory.fromId(c.id())).contains(c);
        }
    }

    @Test
    void specialDebugValuesAndForeignLoggersAreNoCategory() {
        for (String special : List.of("1", "all", "0", "none", "", "db", "NET")) {
            assertThat(LogCategory.fromId(special)).as(special).isEmpty();
        }
        assertThat(LogCategory.fromLoggerName("btc")).isEmpty();
        assertThat(LogCategory.fromLoggerName("io.netty.channel")).isEmpty();
        assertThat(LogCategory.fromLoggerName("btc.unknown")).isEmpty();
    }

    @Test
    void idListIsCommaSeparatedForHelpTexts() {
        assertThat(LogCategory.idList()).startsWith("net, tor, mempool, ").endsWith(", kernel, privatebroadcast");
    }
}
