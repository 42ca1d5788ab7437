package org.btcnode.daemon;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.btcnode.store.rocksdb.NodeDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * btcnoded as the operator sees it: real child JVMs on regtest with a temporary datadir and
 * {@code -listen=0}. Waiting is done by reading the child's console output (a line arrives or the
 * stream ends), never by sleeping; the deadlines only stop a hung child from hanging the build.
 */
class DaemonProcessScenarioTest {
    private static final long DEADLINE_SECONDS = 60;

    @TempDir
    Path home;
    private final List<Process> children = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        children.forEach(Process::destroyForcibly);
    }

    private Process start(Path datadir, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Btcnoded.class.getName(),
                "-regtest", "-datadir=" + datadir, "-listen=0", "-server=0"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("HOME", home.toString());
        Process p = pb.start();
        children.add(p);
        return p;
    }

    /** Reads the child's stdout until a line contains {@code text}; returns the lines read. */
    private static List<String> readUntil(Process p, String text) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        return CompletableFuture.supplyAsync(() -> {
            List<String> lines = new ArrayList<>();
            try {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.add(line);
                    if (line.contains(text)) {
                        return lines;
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            throw new IllegalStateException("stdout ended before \"" + text + "\": " + lines);
        }).get(DEADLINE_SECONDS, TimeUnit.SECONDS);
    }

    private static int exitCode(Process p) throws InterruptedException {
        assertThat(p.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS)).as("child exited").isTrue();
        return p.exitValue();
    }

    private static String stderr(Process p) throws IOException {
        return new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void secondInstanceOnTheSameDatadirStopsWithCoresLockMessageAndSigtermStopsTheFirstCleanly() throws Exception {
        Path datadir = Files.createDirectory(home.resolve("data"));
        Path chainDir = datadir.resolve("regtest");
        Process first = start(datadir, "-debug=net");
        List<String> startLines = readUntil(first, "init message: Done loading");
        assertThat(startLines).anyMatch(l -> l.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ btcnode version v.*"));
        assertThat(startLines).anyMatch(l -> l.endsWith(" Using data directory " + chainDir));
        assertThat(startLines)
                .anyMatch(l -> l.endsWith("Opened database " + chainDir.resolve("db") + " (schema 1, new)"));
        Path pidFile = chainDir.resolve("btcnoded.pid");
        assertThat(Files.readString(pidFile)).isEqualTo(first.pid() + "\n");

        Process second = start(datadir, "-printtoconsole=0");
        assertThat(exitCode(second)).isEqualTo(1);
        assertThat(stderr(second)).isEqualTo("Error: Cannot obtain a lock on directory " + chainDir
                + ". btcnode is probably already running." + System.lineSeparator());

        first.destroy();                                   // SIGTERM
        assertThat(exitCode(first)).isZero();
        List<String> log = Files.readAllLines(chainDir.resolve("debug.log"));
        assertThat(log).anyMatch(l -> l.endsWith(" Shutdown: In progress..."));
        assertThat(log.get(log.size() - 1)).endsWith(" Shutdown: done");
        assertThat(log).noneMatch(l -> l.contains("Exception"));
        assertThat(pidFile).doesNotExist();
        assertThat(chainDir.resolve(".lock")).exists();
        try (DataDirLock lock = DataDirLock.acquire(chainDir)) {
            assertThat(lock).isNotNull();                  // released by the first, free for us
        }
    }

    @Test
    void sigintStopsTheNodeCleanlyToo() throws Exception {
        Path datadir = Files.createDirectory(home.resolve("data"));
        Process node = start(datadir, "-pid=" + home.resolve("node.pid"), "-logtimestamps=0");
        List<String> startLines = readUntil(node, "init message: Done loading");
        assertThat(startLines).contains("btcnode version " + Btcnoded.version(), "Using data directory "
                + datadir.resolve("regtest"));
        assertThat(home.resolve("node.pid")).exists();
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(node.pid())).start();
        assertThat(exitCode(kill)).isZero();
        assertThat(readUntil(node, "Shutdown: done")).contains("Shutdown: In progress...");
        assertThat(exitCode(node)).isZero();
        assertThat(home.resolve("node.pid")).doesNotExist();
    }

    /** Polls until {@code file} has a line containing {@code text}; bounded, for a child writing asynchronously. */
    static List<String> awaitLine(Path file, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
        while (System.nanoTime() < deadline) {
            if (Files.exists(file)) {
                List<String> lines = Files.readAllLines(file);
                if (lines.stream().anyMatch(l -> l.contains(text))) {
                    return lines;
                }
            }
            Thread.onSpinWait();
        }
        throw new AssertionError(file + " never got a line with \"" + text + "\"");
    }

    @Test
    void sighupReopensDebugLogSoLogrotateCanMoveIt() throws Exception {
        Path datadir = Files.createDirectory(home.resolve("data"));
        Path debugLog = datadir.resolve("regtest/debug.log");
        Process node = start(datadir, "-logtimestamps=0");
        readUntil(node, "init message: Done loading");
        Path rotated = Files.move(debugLog, debugLog.resolveSibling("debug.log.1"));

        Process hup = new ProcessBuilder("kill", "-HUP", Long.toString(node.pid())).start();
        assertThat(exitCode(hup)).isZero();
        List<String> fresh = awaitLine(debugLog, "SIGHUP received");
        assertThat(fresh.get(0)).isEqualTo("SIGHUP received: reopened debug log file " + debugLog);
        assertThat(node.isAlive()).as("SIGHUP does not stop the node").isTrue();

        node.destroy();
        assertThat(exitCode(node)).isZero();
        assertThat(Files.readAllLines(rotated)).contains("init message: Done loading")
                .noneMatch(l -> l.contains("Shutdown"));
        List<String> after = Files.readAllLines(debugLog);
        assertThat(after).contains("Shutdown: In progress...");
        assertThat(after.get(after.size() - 1)).isEqualTo("Shutdown: done");
    }

    @Test
    void startupAndShutdownNotifyCommandsRunAsCore() throws Exception {
        Path datadir = Files.createDirectory(home.resolve("data"));
        Path bye = home.resolve("bye");
        Process node = start(datadir, "-printtoconsole=0", "-startupnotify=echo ready-marker",
                "-shutdownnotify=echo stopping > " + bye);
        assertThat(readUntil(node, "ready-marker")).containsExactly("ready-marker");
        node.destroy();
        assertThat(exitCode(node)).isZero();
        assertThat(Files.readString(bye)).isEqualTo("stopping\n");
    }

    @Test
    void anOperatorErrorIsOneLineOnStderrAndExitCodeOne() throws Exception {
        Path datadir = Files.createDirectory(home.resolve("data"));
        Files.writeString(datadir.resolve("bitcoin.conf"), "[regtest]\nport=8333x\n");
        Process p = start(datadir);
        assertThat(exitCode(p)).isEqualTo(1);
        assertThat(stderr(p)).isEqualTo("Error: Invalid port specified in -port: '8333x'" + System.lineSeparator());
        assertThat(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void aDatabaseFromANewerVersionStopsStartUpWithOneLineAndIsLeftAlone() throws Exception {
        Path datadir = Files.createDirectory(home.resolve("data"));
        Path chainDir = Files.createDirectory(datadir.resolve("regtest"));
        Path db = chainDir.resolve("db");
        NodeDatabase.openChainDatabase(chainDir).close();
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        List<ColumnFamilyDescriptor> families = new ArrayList<>();
        families.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY));
        for (NodeDatabase.Family f : NodeDatabase.Family.values()) {
            families.add(new ColumnFamilyDescriptor(f.columnFamilyName().getBytes(StandardCharsets.US_ASCII)));
        }
        try (DBOptions options = new DBOptions();
             RocksDB rocks = RocksDB.open(options, db.toString(), families, handles)) {
            rocks.put(handles.get(0), "schema_version".getBytes(StandardCharsets.US_ASCII), new byte[] {7, 0, 0, 0});
            handles.forEach(ColumnFamilyHandle::close);
        }
        Process p = start(datadir, "-printtoconsole=0");
        assertThat(exitCode(p)).isEqualTo(1);
        String sentence = "the database in " + db + " was written by a newer btcnode (schema 7, this version reads 1);"
                + " upgrade btcnode or move " + db + " aside to start with an empty database";
        assertThat(stderr(p)).isEqualTo("Error: " + sentence + System.lineSeparator());
        List<String> log = Files.readAllLines(chainDir.resolve("debug.log"));
        assertThat(log).anyMatch(l -> l.endsWith(" " + sentence));
        assertThat(log).noneMatch(l -> l.contains("Exception") || l.startsWith("\tat "));
        assertThat(db.resolve("CURRENT")).exists();
        assertThat(chainDir.resolve("btcnoded.pid")).doesNotExist();
    }

    @Test
    void aCorruptDatabaseStopsStartUpWithOneLineNamingThePath() throws Exception {
        Path datadir = Files.createDirectory(home.resolve("data"));
        Path chainDir = Files.createDirectory(datadir.resolve("regtest"));
        Path db = chainDir.resolve("db");
        NodeDatabase.openChainDatabase(chainDir).close();
        Files.writeString(db.resolve("CURRENT"), "garbage");
        Process p = start(datadir, "-printtoconsole=0");
        assertThat(exitCode(p)).isEqualTo(1);
        String err = stderr(p);
        assertThat(err).startsWith("Error: the database in " + db + " is corrupt (")
                .endsWith("); move " + db + " aside to start with an empty one (the address book is rebuilt from the"
                        + " network, bans are lost) or restore a backup" + System.lineSeparator());
        assertThat(err.lines()).hasSize(1);
        assertThat(Files.readString(db.resolve("CURRENT"))).isEqualTo("garbage");
    }
}
