package org.btcnode.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.btcnode.daemon.ScriptRun.Result;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * scripts/btcnoded as an operator runs it, against the jar the build just packaged: -daemonwait
 * returns once the node runs, a second start fails with the lock message, SIGHUP reopens a moved
 * debug.log, SIGTERM to the pid in
 * the pid file stops it cleanly. Only regtest, -listen=0, a temporary HOME and datadir.
 */
class BtcnodedScriptIT {
    private static final long DEADLINE_SECONDS = ScriptRun.DEADLINE_SECONDS;

    @TempDir
    Path home;
    private final List<ProcessHandle> daemons = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        daemons.forEach(ProcessHandle::destroyForcibly);
    }

    private Result script(String... args) throws IOException, InterruptedException {
        return ScriptRun.run("btcnoded", home, args);
    }

    @Test
    void daemonwaitRunsInTheBackgroundUntilSigterm() throws Exception {
        Path datadir = Files.createDirectory(home.resolve("data"));
        Path chainDir = datadir.resolve("regtest");
        Result started = script("-regtest", "-datadir=" + datadir, "-listen=0", "-server=0", "-daemonwait");
        assertThat(started).isEqualTo(new Result(0, "btcnode starting\n", ""));
        long pid = Long.parseLong(Files.readString(chainDir.resolve("btcnoded.pid")).trim());
        ProcessHandle daemon = ProcessHandle.of(pid).orElseThrow();
        daemons.add(daemon);
        assertThat(daemon.info().command()).hasValueSatisfying(c -> assertThat(c).endsWith("java"));

        Result second = script("-regtest", "-datadir=" + datadir, "-listen=0", "-server=0", "-daemonwait");
        assertThat(second.exitCode()).isEqualTo(1);
        assertThat(second.stderr()).isEqualTo("Error: Cannot obtain a lock on directory " + chainDir
                + ". btcnode is probably already running.\n");

        // logrotate's move-then-SIGHUP: the backgrounded JVM must not have inherited nohup's SIG_IGN
        Path debugLog = chainDir.resolve("debug.log");
        Files.move(debugLog, chainDir.resolve("debug.log.1"));
        Process hup = new ProcessBuilder("kill", "-HUP", Long.toString(pid)).start();
        assertThat(hup.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(DaemonProcessScenarioTest.awaitLine(debugLog, "SIGHUP received: reopened debug log file")).hasSize(1);

        assertThat(daemon.destroy()).isTrue();              // SIGTERM
        daemon.onExit().get(DEADLINE_SECONDS, TimeUnit.SECONDS);
        List<String> log = Files.readAllLines(chainDir.resolve("debug.log"));
        assertThat(log.get(log.size() - 1)).endsWith(" Shutdown: done");
        assertThat(chainDir.resolve("btcnoded.pid")).doesNotExist();
    }

    @Test
    void optionsPassThroughAndErrorsComeBackInTheForeground() throws Exception {
        Result help = script("-help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.stdout()).contains("  -regtest\n");
        Result bad = script("-regtest", "-datadir=" + home.resolve("missing"));
        assertThat(bad).isEqualTo(new Result(1, "", "Error: Specified data directory \"" + home.resolve("missing")
                + "\" does not exist.\n"));
    }
}
