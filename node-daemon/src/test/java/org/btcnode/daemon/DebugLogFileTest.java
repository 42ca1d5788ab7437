package org.btcnode.daemon;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** -shrinkdebugfile on generated files around Core's 11 MB threshold. */
class DebugLogFileTest {
    @TempDir
    Path dir;

    /** Numbered log-like lines until the file has at least {@code bytes} bytes; returns its exact content. */
    private static byte[] writeLines(Path file, long bytes) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            long written = 0;
            for (int i = 0; written < bytes; i++) {
                String line = "2026-11-25T10:00:00Z [net] line " + i + " received: inv (37 bytes) peer=" + (i % 125) + "\n";
                out.write(line);
                written += line.length();
            }
        }
        return Files.readAllBytes(file);
    }

    @Test
    void aFileOverElevenMegabytesKeepsItsLastTenMegabytesFromALineBoundary() throws Exception {
        Path log = dir.resolve("debug.log");
        byte[] before = writeLines(log, 12_000_000);

        OptionalLong shrunk = DebugLogFile.shrink(log);

        assertThat(shrunk).hasValue(before.length);
        byte[] after = Files.readAllBytes(log);
        assertThat(after.length).isLessThanOrEqualTo(DebugLogFile.RECENT_DEBUG_HISTORY_SIZE)
                .isGreaterThan(DebugLogFile.RECENT_DEBUG_HISTORY_SIZE - 100);  // less at most one line
        // the kept bytes are the end of the old file, and they start where a line started
        assertThat(Arrays.copyOfRange(before, before.length - after.length, before.length)).isEqualTo(after);
        assertThat(before[before.length - after.length - 1]).isEqualTo((byte) '\n');
        assertThat(new String(after, 0, 40, StandardCharsets.UTF_8)).startsWith("2026-11-25T10:00:00Z [net] line ");
    }

    @Test
    void whenTheTenMegabytesStartALineAllOfThemAreKept() throws Exception {
        Path log = dir.resolve("debug.log");
        byte[] line = new byte[1000];
        Arrays.fill(line, (byte) 'x');
        line[line.length - 1] = '\n';
        try (var out = Files.newOutputStream(log)) {
            for (int i = 0; i < 12_000; i++) {                 // 12,000,000 bytes of 1000-byte lines
                out.write(line);
            }
        }
        assertThat(DebugLogFile.shrink(log)).hasValue(12_000_000);
        assertThat(Files.size(log)).isEqualTo(DebugLogFile.RECENT_DEBUG_HISTORY_SIZE);
    }

    @Test
    void aFileAtTheThresholdOrMissingIsLeftAlone() throws Exception {
        Path log = dir.resolve("debug.log");
        byte[] exactly = new byte[(int) DebugLogFile.SHRINK_THRESHOLD_BYTES];
        Arrays.fill(exactly, (byte) '\n');
        Files.write(log, exactly);
        assertThat(DebugLogFile.shrink(log)).isEmpty();
        assertThat(Files.size(log)).isEqualTo(11_000_000);
        assertThat(DebugLogFile.shrink(dir.resolve("missing.log"))).isEmpty();
        assertThat(dir.resolve("missing.log")).doesNotExist();
    }
}
