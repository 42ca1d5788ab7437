package org.btcnode.store.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the kill -9 scenarios share: a chain directory, a child JVM that writes into it and prints
 * "committed N" after each durable write (nothing else on stdout), and SIGKILL after a given
 * number of reports. Waiting reads the child's output, never sleeps; the deadline only stops a hung
 * child. Public for node-daemon's scenarios (node-store's test jar).
 */
public abstract class KillScenario {
    private static final long DEADLINE_SECONDS = 120;

    @TempDir
    protected Path chainDir;
    private final List<Process> children = new ArrayList<>();

    @AfterEach
    protected void killLeftovers() {
        children.forEach(Process::destroyForcibly);
    }

    /**
     * Starts {@code main} as a child JVM writing into {@link #chainDir} (its first argument, then
     * {@code args}), waits for {@code reports} "committed N" lines, kills it with SIGKILL while it
     * keeps writing and checks that it died of it; returns the last N it reported.
     */
    protected long runAndKill(Class<?> main, int reports, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), main.getName(), chainDir.toString()));
        command.addAll(List.of(args));
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        children.add(child);
        long reported = readReports(child, reports);
        child.destroyForcibly();
        assertThat(child.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).isEqualTo(137);        // 128 + SIGKILL: it did not exit on its own
        return reported;
    }

    /** Reads "committed N" lines, N counting up by one, until {@code count} arrived; returns the last N. */
    private static long readReports(Process child, int count) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        return CompletableFuture.supplyAsync(() -> {
            long last = -1;
            try {
                for (int i = 0; i < count; i++) {
                    String line = out.readLine();
                    if (line == null) {
                        throw new IllegalStateException("the writer ended after " + i + " reports");
                    }
                    long batch = Long.parseLong(line.substring("committed ".length()));
                    if (last >= 0 && batch != last + 1) {
                        throw new IllegalStateException("batch " + batch + " after " + last);
                    }
                    last = batch;
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return last;
        }).get(DEADLINE_SECONDS, TimeUnit.SECONDS);
    }
}
