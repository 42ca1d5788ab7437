package org.btcnode.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs one of scripts/ as an operator would, for the *ScriptIT tests: a temporary HOME, this
 * JVM's JDK as JAVA_HOME, stdout and stderr captured through files, a bounded wait.
 */
public final class ScriptRun {
    private static final Path SCRIPTS = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent()
            .resolve("scripts");
    /** How long a script may take, a first build of the jar included. */
    public static final long DEADLINE_SECONDS = 120;

    /** What one run printed, and how it ended. */
    public record Result(int exitCode, String stdout, String stderr) {
    }

    private ScriptRun() {
    }

    /** Runs {@code scripts/<name>} with {@code args}, HOME set to {@code home} (which also holds the output files). */
    public static Result run(String name, Path home, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(SCRIPTS.resolve(name).toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("HOME", home.toString());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.redirectOutput(home.resolve("out").toFile()).redirectError(home.resolve("err").toFile());
        Process p = pb.start();
        assertThat(p.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS)).as("script returned").isTrue();
        return new Result(p.exitValue(), Files.readString(home.resolve("out"), StandardCharsets.UTF_8),
                Files.readString(home.resolve("err"), StandardCharsets.UTF_8));
    }
}
