package org.btcnode.daemon;

import java.time.Instant;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.btcnode.core.log.LogCategory;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CoreLogLayoutTest {
    private static String line(boolean timestamps, String logger, Level level, String message, Object... args) {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        LoggingEvent event = new LoggingEvent(CoreLogLayoutTest.class.getName(), context.getLogger(logger), level,
                message, null, args);
        event.setTimeStamp(Instant.parse("2026-11-25T10:00:00.789Z").toEpochMilli());
        CoreLogLayout layout = new CoreLogLayout();
        layout.setTimestamps(timestamps);
        layout.setContext(context);
        layout.start();
        return layout.doLayout(event);
    }

    @Test
    void categoryLinesAsCore() {
        assertThat(line(true, "btc.net", Level.DEBUG, "received: verack (0 bytes) peer={}", 3))
                .isEqualTo("2026-11-25T10:00:00Z [net] received: verack (0 bytes) peer=3\n");
        assertThat(line(true, "btc.net", Level.INFO, "listening")).isEqualTo("2026-11-25T10:00:00Z [net:info] listening\n");
        assertThat(line(true, "btc.net", Level.TRACE, "x")).isEqualTo("2026-11-25T10:00:00Z [net:trace] x\n");
        assertThat(line(true, "btc.net", Level.WARN, "x")).isEqualTo("2026-11-25T10:00:00Z [net:warning] x\n");
        assertThat(line(true, "btc.leveldb", Level.ERROR, "x")).isEqualTo("2026-11-25T10:00:00Z [leveldb:error] x\n");
    }

    @Test
    void lifecycleLinesHaveNoCategory() {
        assertThat(line(true, LogCategory.LIFECYCLE_LOGGER_NAME, Level.INFO, "Shutdown: done"))
                .isEqualTo("2026-11-25T10:00:00Z Shutdown: done\n");
        assertThat(line(true, "btc", Level.WARN, "w")).isEqualTo("2026-11-25T10:00:00Z [warning] w\n");
        assertThat(line(true, "btc", Level.ERROR, "e")).isEqualTo("2026-11-25T10:00:00Z [error] e\n");
        assertThat(line(false, "btc", Level.INFO, "Shutdown: done")).isEqualTo("Shutdown: done\n");
    }

    @Test
    void foreignLoggersShowTheirNameAndControlCharactersAreEscaped() {
        assertThat(line(false, "io.netty.util.ResourceLeakDetector", Level.ERROR, "LEAK"))
                .isEqualTo("[io.netty.util.ResourceLeakDetector:error] LEAK\n");
        assertThat(line(false, "btc", Level.INFO, "a\u001b[31mb\tc\u007fd\ne"))
                .isEqualTo("a\\x1b[31mb\\x09c\\x7fd\ne\n");
    }
}
