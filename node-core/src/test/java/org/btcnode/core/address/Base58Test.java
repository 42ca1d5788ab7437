package org.btcnode.core.address;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.HexFormat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class Base58Test {
    private static final HexFormat HEX = HexFormat.of();

    static JsonNode coreVectors(String file) throws IOException {
        try (InputStream in = Base58Test.class.getResourceAsStream("/vectors/core/" + file)) {
            return new ObjectMapper().readTree(in);
        }
    }

    @Test
    void encodesAndDecodesCoreVectors() throws IOException {
        JsonNode rows = coreVectors("base58_encode_decode.json");
        assertThat(rows.size()).isGreaterThan(10);
        for (JsonNode row : rows) {
            byte[] data = HEX.parseHex(row.get(0).asText());
            String text = row.get(1).asText();
            assertThat(Base58.encode(data)).as(text).isEqualTo(text);
            assertThat(Base58.decode(text, 256)).as(text).hasValueSatisfying(d -> assertThat(d).isEqualTo(data));
        }
    }

    @Test
    void decodeRefusesCharactersOutsideTheAlphabetAndInnerSpaces() {
        // base58_tests.cpp: invalid characters, and whitespace only at either end.
        assertThat(Base58.decode("invalid", 100)).isEmpty();              // 'l' is not in the alphabet
        assertThat(Base58.decode("0OIl", 100)).isEmpty();
        assertThat(Base58.decode(" \t\n\u000b\f\r skip \r\f\u000b\n\t ", 100)).hasValueSatisfying(
                d -> assertThat(HEX.formatHex(d)).isEqualTo("971a55"));
        assertThat(Base58.decode("3vQB7B6MrGQZaxCuFg4oh x", 100)).isEmpty();
    }

    @Test
    void decodeRespectsTheMaximumLength() {
        // base58_tests.cpp: "1111111" is seven zero bytes; allowed with max 7, refused with max 6.
        assertThat(Base58.decode("1111111", 7)).hasValueSatisfying(d -> assertThat(d).hasSize(7));
        assertThat(Base58.decode("1111111", 6)).isEmpty();
        assertThat(Base58.decode("2g", 0)).isEmpty();
    }

    @Test
    void checkRoundTripsAndRefusesABadChecksum() {
        // base58_tests.cpp: a valid Base58Check string, then with its last character changed.
        assertThat(Base58.decodeCheck("3vQB7B6MrGQZaxCuFg4oh", 100)).hasValueSatisfying(
                d -> assertThat(HEX.formatHex(d)).isEqualTo("68656c6c6f20776f726c64"));
        assertThat(Base58.decodeCheck("3vQB7B6MrGQZaxCuFg4oi", 100)).isEmpty();
        assertThat(Base58.decodeCheck("3vQB7B6MrGQZaxCuFg4oh", 10)).isEmpty();   // payload is 11 bytes
        assertThat(Base58.encodeCheck(HEX.parseHex("68656c6c6f20776f726c64"))).isEqualTo("3vQB7B6MrGQZaxCuFg4oh");
        assertThat(Base58.decodeCheck("", 100)).isEmpty();
    }
}
