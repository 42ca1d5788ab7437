package org.btcnode.daemon;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.btcnode.core.log.LogCategory;
import org.btcnode.daemon.config.NodeOptions;
import org.btcnode.daemon.config.OptionsParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** Configures this JVM's Logback from parsed options, as btcnoded does, and reads debug.log back. */
class LoggingSetupTest {
    @TempDir
    Path home;

    @AfterEach
    void stopLogging() {
        LoggingSetup.stop();
    }

    private NodeOptions options(String... args) throws Exception {
        Path datadir = home.resolve("data");
        Files.createDirectories(datadir.resolve("regtest"));
        List<String> all = new ArrayList<>(List.of("-regtest", "-datadir=" + datadir, "-printtoconsole=0"));
        all.addAll(List.of(args));
        return OptionsParser.parse(all, home);
    }

    private static Level level(String logger) {
        return ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(logger).getLevel();
    }

    @Test
    void debugNetEnablesDebugOnBtcNetOnly() throws Exception {
        NodeOptions o = options("-debug=net");
        LoggingSetup.configure(o.logging());
        assertThat(LogCategory.NET.logger().getName()).isEqualTo("btc.net");
        assertThat(level("btc.net")).isEqualTo(Level.DEBUG);
        assertThat(level("btc.addrman")).isEqualTo(Level.INFO);
        assertThat(level("btc")).isEqualTo(Level.INFO);
        assertThat(level(org.slf4j.Logger.ROOT_LOGGER_NAME)).isEqualTo(Level.WARN);
        LogCategory.NET.logger().debug("received: verack (0 bytes) peer={}", 0);
        LogCategory.ADDRMAN.logger().debug("not enabled");
        LogCategory.lifecycle().info("Shutdown: done");
        LoggerFactory.getLogger("io.netty.channel.Foo").info("library chatter");
        LoggingSetup.stop();
        List<String> lines = Files.readAllLines(o.logging().debugLogFile().orElseThrow());
        assertThat(lines.subList(0, 5)).containsOnly("");           // Core's run separator
        assertThat(lines.subList(5, lines.size())).hasSize(2);
        assertThat(lines.get(5)).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ \\[net\\] received: verack \\(0 bytes\\) peer=0");
        assertThat(lines.get(6)).endsWith("Z Shutdown: done");
    }

    @Test
    void allCategoriesExcludesAndPerCategoryLevels() throws Exception {
        LoggingSetup.configure(options("-debug=1", "-debugexclude=rpc", "-loglevel=net:trace", "-logtimestamps=0").logging());
        assertThat(level("btc.net")).isEqualTo(Level.TRACE);
        assertThat(level("btc.mempool")).isEqualTo(Level.DEBUG);
        assertThat(level("btc.rpc")).isEqualTo(Level.INFO);
    }

    @Test
    void noDebugLogFileMeansNoFile() throws Exception {
        NodeOptions o = options("-nodebuglogfile");
        LoggingSetup.configure(o.logging());
        LogCategory.lifecycle().info("nowhere");
        assertThat(o.logging().debugLogFile()).isEmpty();
        assertThat(home.resolve("data/regtest/debug.log")).doesNotExist();
    }

    @Test
    void shrinkDebugFileCutsALargeLogBeforeTheRunStartsAndSaysSo() throws Exception {
        Path debugLog = Files.createDirectories(home.resolve("data/regtest")).resolve("debug.log");
        Files.write(debugLog, new byte[12_000_000]);                 // no line breaks: all 10 MB kept
        NodeOptions o = options("-logtimestamps=0");
        LoggingSetup.configure(o.logging());
        LoggingSetup.stop();
        // the kept 10 MB (one long line: the run separator's first '\n' ends it), four empty lines, the note
        List<String> lines = Files.readAllLines(debugLog);
        assertThat(lines).hasSize(6);
        assertThat(lines.get(0)).hasSize(DebugLogFile.RECENT_DEBUG_HISTORY_SIZE);
        assertThat(lines.subList(1, 5)).containsOnly("");
        assertThat(lines.get(5)).isEqualTo("Shrunk debug log file " + debugLog + " from 12000000 to "
                + DebugLogFile.RECENT_DEBUG_HISTORY_SIZE + " bytes (-shrinkdebugfile)");
    }

    @Test
    void withADebugCategoryTheLogIsNotShrunkUnlessAskedFor() throws Exception {
        Path debugLog = Files.createDirectories(home.resolve("data/regtest")).resolve("debug.log");
        Files.write(debugLog, new byte[12_000_000]);
        LoggingSetup.configure(options("-debug=net").logging());
        LoggingSetup.stop();
        assertThat(Files.size(debugLog)).isEqualTo(12_000_005);
        LoggingSetup.configure(options("-debug=net", "-shrinkdebugfile").logging());
        LoggingSetup.stop();
        assertThat(Files.size(debugLog)).isLessThan(10_001_000);
    }

    @Test
    void reopenDebugLogStartsANewFileAfterTheOldOneWasMoved() throws Exception {
        NodeOptions o = options("-logtimestamps=0");
        Path debugLog = o.logging().debugLogFile().orElseThrow();
        LoggingSetup.configure(o.logging());
        LogCategory.lifecycle().info("before rotation");
        Path rotated = Files.move(debugLog, debugLog.resolveSibling("debug.log.1"));
        LogCategory.lifecycle().info("still to the moved file");

        assertThat(LoggingSetup.reopenDebugLog()).containsExactly(debugLog.toString());
        LogCategory.lifecycle().info("after rotation");
        LoggingSetup.stop();

        assertThat(Files.readAllLines(rotated)).endsWith("before rotation", "still to the moved file");
        assertThat(Files.readAllLines(debugLog)).containsExactly("after rotation");
    }
}
