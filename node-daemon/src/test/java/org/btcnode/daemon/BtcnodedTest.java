package org.btcnode.daemon;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Start-up paths that end before the node runs, in this JVM (no shutdown hook is installed on them). */
class BtcnodedTest {
    @TempDir
    Path home;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        Btcnoded daemon = new Btcnoded(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return daemon.startUp(List.of(args), home);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpAndVersionPrintAndSucceedWithoutTouchingTheDisk() {
        assertThat(run("-help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("btcnode daemon version v")
                .contains("Usage:  btcnoded [options]").contains("  -maxconnections=<n>\n");
        out.reset();
        assertThat(run("-version")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("btcnode daemon version " + Btcnoded.version() + "\n");
        assertThat(home.resolve(".btcnode")).doesNotExist();
    }

    @Test
    void unknownOptionIsOneErrorLine() {
        assertThat(run("-regtest", "-foo")).isEqualTo(1);
        assertThat(err()).isEqualTo("Error: Error parsing command line arguments: Invalid parameter -foo\n");
    }

    @Test
    void missingDatadirIsCoresError() {
        Path missing = home.resolve("missing");
        assertThat(run("-regtest", "-datadir=" + missing)).isEqualTo(1);
        assertThat(err()).isEqualTo("Error: Specified data directory \"" + missing + "\" does not exist.\n");
    }

    @Test
    void aMetricsbindThatIsNotLoopbackStopsStartUpWithOneLineAndOpensNothing() throws Exception {
        Path datadir = Files.createDirectory(home.resolve("data"));
        assertThat(run("-regtest", "-datadir=" + datadir, "-printtoconsole=0", "-metricsbind=0.0.0.0:9332"))
                .isEqualTo(1);
        assertThat(err()).isEqualTo("Error: -metricsbind=0.0.0.0:9332 is not a loopback address and the metrics"
                + " endpoint has no authentication; use -metricsbind=127.0.0.1 (or [::1]) and reach it from other"
                + " hosts through an SSH tunnel or a reverse proxy.\n");
        assertThat(datadir.resolve("regtest")).as("refused before the datadir is touched").doesNotExist();
    }

    @Test
    void anErrorAfterLoggingStartedGoesToDebugLogAndReleasesTheLock() throws Exception {
        Path datadir = Files.createDirectory(home.resolve("data"));
        Path badPid = home.resolve("no-such-dir/btcnoded.pid");
        assertThat(run("-regtest", "-datadir=" + datadir, "-printtoconsole=0", "-pid=" + badPid)).isEqualTo(1);
        String line = "Unable to create the PID file '" + badPid + "': No such file or directory";
        assertThat(err()).isEqualTo("Error: " + line + "\n");
        Path chainDir = datadir.resolve("regtest");
        assertThat(Files.readAllLines(chainDir.resolve("debug.log"))).anyMatch(l -> l.endsWith(" [error] " + line));
        try (DataDirLock lock = DataDirLock.acquire(chainDir)) {
            assertThat(lock).isNotNull();
        }
    }

    @Test
    void createsTheDefaultDatadirAndTheChainDirectoryBeforeLocking() throws Exception {
        Path badPid = home.resolve("no-such-dir/x.pid");
        assertThat(run("-testnet4", "-printtoconsole=0", "-pid=" + badPid)).isEqualTo(1);
        assertThat(home.resolve(".btcnode/testnet4/.lock")).exists();
        assertThat(home.resolve(".btcnode/testnet4/debug.log")).exists();
        assertThat(home.resolve(".btcnode/btcnoded.pid")).doesNotExist();
    }
}
