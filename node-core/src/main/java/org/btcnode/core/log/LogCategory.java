package org.btcnode.core.log;

import java.util.Arrays;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Core's {@code -debug=<category>} categories ({@code logging.cpp}: {@code LOG_CATEGORIES_BY_STR}),
 * each an SLF4J logger named {@code btc.<category>}. Lines that belong to no category (start-up,
 * shutdown) go to {@link #LIFECYCLE_LOGGER_NAME} {@code btc}. Immutable.
 *
 * <pre>{@code private static final Logger log = LogCategory.NET.logger();   // "btc.net"}</pre>
 */
public enum LogCategory {
    NET("net"),
    TOR("tor"),
    MEMPOOL("mempool"),
    HTTP("http"),
    BENCH("bench"),
    ZMQ("zmq"),
    WALLETDB("walletdb"),
    RPC("rpc"),
    ESTIMATEFEE("estimatefee"),
    ADDRMAN("addrman"),
    SELECTCOINS("selectcoins"),
    REINDEX("reindex"),
    CMPCTBLOCK("cmpctblock"),
    RAND("rand"),
    PRUNE("prune"),
    PROXY("proxy"),
    MEMPOOLREJ("mempoolrej"),
    LIBEVENT("libevent"),
    COINDB("coindb"),
    QT("qt"),
    /** Core's database category; our database is RocksDB, but the name stays so Core configs work. */
    LEVELDB("leveldb"),
    VALIDATION("validation"),
    I2P("i2p"),
    IPC("ipc"),
    /** Core compiles this one in only with DEBUG_LOCKCONTENTION; we always accept it. */
    LOCK("lock"),
    BLOCKSTORAGE("blockstorage"),
    TXRECONCILIATION("txreconciliation"),
    SCAN("scan"),
    TXPACKAGES("txpackages"),
    KERNEL("kernel"),
    PRIVATEBROADCAST("privatebroadcast");

    /** The logger of lines without a category, Core's uncategorised {@code LogInfo}. */
    public static final String LIFECYCLE_LOGGER_NAME = "btc";
    private static final String PREFIX = LIFECYCLE_LOGGER_NAME + ".";

    private final String id;
    private final String loggerName;

    LogCategory(String id) {
        this.id = id;
        this.loggerName = PREFIX + id;
    }

    /** The name on the command line ({@code -debug=net}) and in the log prefix ({@code [net]}). */
    public String id() {
        return id;
    }

    /** {@code btc.<id>}. */
    public String loggerName() {
        return loggerName;
    }

    /** The SLF4J logger of this category. */
    public Logger logger() {
        return LoggerFactory.getLogger(loggerName);
    }

    /** The logger of uncategorised lifecycle lines ({@code btc}). */
    public static Logger lifecycle() {
        return LoggerFactory.getLogger(LIFECYCLE_LOGGER_NAME);
    }

    /** The category for a {@code -debug=} value; the special values ({@code 1}, {@code all}, {@code 0}, {@code none}) are not categories. */
    public static Optional<LogCategory> fromId(String id) {
        return Arrays.stream(values()).filter(c -> c.id.equals(id)).findFirst();
    }

    /** The category a logger name belongs to ({@code btc.net} → NET), empty for {@code btc} and foreign loggers. */
    public static Optional<LogCategory> fromLoggerName(String loggerName) {
        if (!loggerName.startsWith(PREFIX)) {
            return Optional.empty();
        }
        return fromId(loggerName.substring(PREFIX.length()));
    }

    /** All ids joined by ", ", as Core's {@code LogCategoriesString()} lists them in help texts. */
    public static String idList() {
        return String.join(", ", Arrays.stream(values()).map(LogCategory::id).toArray(String[]::new));
    }
}
