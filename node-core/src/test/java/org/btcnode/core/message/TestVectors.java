package org.btcnode.core.message;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

import org.btcnode.core.wire.WireFormatException;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Loads the files under {@code src/test/resources/vectors} (see SOURCES.md there). */
final class TestVectors {
    private static final HexFormat HEX = HexFormat.of();

    private TestVectors() {
    }

    static String text(String path) {
        try (InputStream in = TestVectors.class.getResourceAsStream("/vectors/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test vector " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Non-empty lines that are not {@code #} comments. */
    static List<String> lines(String path) {
        return text(path).lines().filter(l -> !l.isBlank() && !l.startsWith("#")).collect(Collectors.toList());
    }

    /**
     * The bytes of an annotated hexdump as the developer reference prints them: on each line the
     * first token, when it is hex, is data; the rest ({@code ...... comment}) and lines such as
     * {@code [...]} are not.
     */
    static byte[] annotatedHex(String path) {
        StringBuilder hex = new StringBuilder();
        for (String line : lines(path)) {
            String first = line.trim().split("\\s+")[0];
            if (first.matches("([0-9a-f]{2})+")) {
                hex.append(first);
            }
        }
        return HEX.parseHex(hex);
    }

    static byte[] hex(String... parts) {
        return HEX.parseHex(String.join("", parts).replace(" ", ""));
    }

    static String toHex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    static byte[] prefix(byte[] bytes, int length) {
        return Arrays.copyOf(bytes, length);
    }

    static void assertFails(WireFormatException.Kind kind, Runnable decode) {
        assertFails(kind, "", decode);
    }

    static void assertFails(WireFormatException.Kind kind, String what, Runnable decode) {
        assertThatThrownBy(decode::run).as(what).isInstanceOfSatisfying(WireFormatException.class,
                e -> org.assertj.core.api.Assertions.assertThat(e.kind()).as(what + ": "
                        + e.getMessage()).isEqualTo(kind));
    }
}
