package org.btcnode.core.address;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.btcnode.core.address.AddressException.Kind;
import org.btcnode.core.params.Chain;
import org.btcnode.core.params.NetworkParameters;
import org.btcnode.core.types.Bytes;
import org.junit.jupiter.api.Test;

class KeyIOTest {
    private static final NetworkParameters MAIN = NetworkParameters.MAIN;
    private static final NetworkParameters TEST = NetworkParameters.TESTNET3;
    private static final NetworkParameters REGTEST = NetworkParameters.REGTEST;
    private static final Map<String, Chain> CORE_CHAINS = Map.of("main", Chain.MAIN, "testnet4", Chain.TESTNET4,
            "signet", Chain.SIGNET, "regtest", Chain.REGTEST);

    /** One line of bip173.txt / bip350.txt: kind, text (\xNN unescaped), third column. */
    record BipVector(String kind, String text, String expected) {}

    static List<BipVector> bipVectors(String file) throws IOException {
        List<BipVector> out = new ArrayList<>();
        try (InputStream in = KeyIOTest.class.getResourceAsStream("/vectors/bips/" + file)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] cols = line.split("\t");
                out.add(new BipVector(cols[0], unescape(cols[1]), cols.length > 2 ? cols[2] : ""));
            }
        }
        return out;
    }

    static String unescape(String s) {
        Matcher m = Pattern.compile("\\\\x([0-9a-f]{2})").matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(m.group(1), 16))));
        }
        return m.appendTail(sb).toString();
    }

    private static NetworkParameters chainOfPrefix(String address) {
        return address.toLowerCase().startsWith("bc1") ? MAIN : TEST;
    }

    @Test
    void bip350AddressesDecodeToTheirScriptsAndEncodeBackInLowerCase() throws IOException {
        int n = 0;
        for (BipVector v : bipVectors("bip350.txt")) {
            if (!v.kind().equals("address-valid")) continue;
            NetworkParameters params = chainOfPrefix(v.text());
            Bytes script = KeyIO.decodeScriptPubKey(v.text(), params);
            assertThat(script.toHex()).as(v.text()).isEqualTo(v.expected());
            assertThat(KeyIO.encodeScriptPubKey(script, params)).as(v.text()).hasValue(v.text().toLowerCase());
            n++;
        }
        assertThat(n).isEqualTo(8);
    }

    @Test
    void bip350InvalidAddressesFailOnMainAndTestnet() throws IOException {
        int n = 0;
        for (BipVector v : bipVectors("bip350.txt")) {
            if (!v.kind().equals("address-invalid")) continue;
            for (NetworkParameters params : List.of(MAIN, TEST, REGTEST)) {
                assertThatThrownBy(() -> KeyIO.decodeDestination(v.text(), params)).as(v.text() + " " + v.expected())
                        .isInstanceOf(AddressException.class);
            }
            n++;
        }
        assertThat(n).isEqualTo(15);
    }

    @Test
    void bip350InvalidAddressesFailWithCoreMessages() {
        // The errors DecodeDestination gives for some of BIP 350's invalid addresses, on their own chain.
        assertError("bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd", MAIN,
                Kind.INVALID_WITNESS_VERSION, "Version 1+ witness address must use Bech32m checksum");
        assertError("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh", MAIN,
                Kind.INVALID_WITNESS_VERSION, "Version 0 witness address must use Bech32 checksum");
        assertError("bc1p38j9r5y49hruaue7wxjce0updqjuyyx0kh56v8s25huc6995vvpql3jow4", MAIN,
                Kind.INVALID_ENCODING, "Invalid Base 32 character");
        assertError("BC130XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ7ZWS8R", MAIN,
                Kind.INVALID_WITNESS_VERSION, "Invalid Bech32 address witness version");
        assertError("bc1pw5dgrnzv", MAIN, Kind.INVALID_PROGRAM, "Invalid Bech32 address program size (1 byte)");
        assertError("bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v8n0nx0muaewav253zgeav", MAIN,
                Kind.INVALID_PROGRAM, "Invalid Bech32 address program size (41 bytes)");
        assertError("BC1QR508D6QEJXTDG4Y5R3ZARVARYV98GJ9P", MAIN,
                Kind.INVALID_PROGRAM, "Invalid Bech32 v0 address program size (16 bytes), per BIP141");
        assertError("tb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq47Zagq", TEST,
                Kind.INVALID_ENCODING, "Invalid character or mixed case");
        assertError("bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v07qwwzcrf", MAIN,
                Kind.INVALID_PADDING, "Invalid padding in Bech32 data section");
        assertError("tb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vpggkg4j", TEST,
                Kind.INVALID_PADDING, "Invalid padding in Bech32 data section");
        assertError("bc1gmk9yu", MAIN, Kind.INVALID_ENCODING, "Empty Bech32 data section");
        // One substituted character (BIP 173's valid address ends in t4): Core names it.
        assertError("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5", MAIN, Kind.INVALID_CHECKSUM, "Invalid Bech32 checksum");
        assertThatThrownBy(() -> KeyIO.decodeDestination("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5", MAIN))
                .isInstanceOfSatisfying(AddressException.class, e -> assertThat(e.errorLocations()).containsExactly(41));
        // Another chain's prefix is not Bech32 for this chain, and is not Base58 either.
        assertError("tc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq5zuyut", MAIN,
                Kind.INVALID_ENCODING, "Invalid or unsupported Segwit (Bech32) or Base58 encoding.");
        // A longer prefix starting with ours ("bcrt" on mainnet's "bc") is Bech32 of another chain.
        assertError("bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080", MAIN, Kind.WRONG_NETWORK,
                "Invalid or unsupported prefix for Segwit (Bech32) address (expected bc, got bcrt).");
        assertError("BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4", REGTEST,
                Kind.INVALID_ENCODING, "Invalid or unsupported Segwit (Bech32) or Base58 encoding.");
    }

    @Test
    void bip173SegwitV0AddressesStillDecodeButItsBech32V1PlusOnesNoLonger() throws IOException {
        int v0 = 0;
        int v1plus = 0;
        for (BipVector v : bipVectors("bip173.txt")) {
            NetworkParameters params = chainOfPrefix(v.text());
            if (v.kind().equals("address-valid") && v.expected().startsWith("00")) {
                assertThat(KeyIO.decodeScriptPubKey(v.text(), params).toHex()).as(v.text()).isEqualTo(v.expected());
                v0++;
            } else if (v.kind().equals("address-valid")) {
                assertError(v.text(), params, Kind.INVALID_WITNESS_VERSION, "Version 1+ witness address must use Bech32m checksum");
                v1plus++;
            } else if (v.kind().equals("address-invalid")) {
                assertThatThrownBy(() -> KeyIO.decodeDestination(v.text(), params)).as(v.text())
                        .isInstanceOf(AddressException.class);
            }
        }
        assertThat(v0).isEqualTo(3);
        assertThat(v1plus).isEqualTo(3);
    }

    @Test
    void bip173And350ChecksumVectors() throws IOException {
        for (String file : List.of("bip173.txt", "bip350.txt")) {
            Bech32.Encoding valid = file.equals("bip173.txt") ? Bech32.Encoding.BECH32 : Bech32.Encoding.BECH32M;
            for (BipVector v : bipVectors(file)) {
                if (v.kind().endsWith("-valid") && !v.kind().startsWith("address")) {
                    Bech32.Decoded d = Bech32.decode(v.text()).orElseThrow(() -> new AssertionError(v.text()));
                    assertThat(d.encoding()).as(v.text()).isEqualTo(valid);
                    // Re-encoding gives the lower-case string back.
                    assertThat(Bech32.encode(d.encoding(), d.hrp(), d.data().toByteArray())).isEqualTo(v.text().toLowerCase());
                } else if (v.kind().endsWith("-invalid") && !v.kind().startsWith("address")) {
                    assertThat(Bech32.decode(v.text())).as(v.text() + ": " + v.expected()).isEmpty();
                    assertThat(Bech32.locateErrors(v.text())).as(v.text()).isPresent();
                }
            }
        }
    }

    @Test
    void coreKeyIoValidVectors() throws IOException {
        int addresses = 0;
        int keys = 0;
        for (JsonNode row : Base58Test.coreVectors("key_io_valid.json")) {
            String text = row.get(0).asText();
            String payload = row.get(1).asText();
            JsonNode meta = row.get(2);
            NetworkParameters params = NetworkParameters.of(CORE_CHAINS.get(meta.get("chain").asText()));
            if (meta.get("isPrivkey").asBoolean()) {
                // A WIF private key is no address.
                assertThatThrownBy(() -> KeyIO.decodeDestination(text, params)).as(text).isInstanceOf(AddressException.class);
                keys++;
                continue;
            }
            TxDestination dest = KeyIO.decodeDestination(text, params);
            assertThat(dest.scriptPubKey().toHex()).as(text).isEqualTo(payload);
            assertThat(KeyIO.encodeDestination(dest, params)).as(text).isEqualTo(text);
            assertThat(TxDestination.fromScriptPubKey(Bytes.fromHex(payload))).as(text).hasValue(dest);
            boolean tryCaseFlip = meta.has("tryCaseFlip") && meta.get("tryCaseFlip").asBoolean();
            String flipped = flipCase(text);
            if (tryCaseFlip) {
                assertThat(KeyIO.decodeScriptPubKey(flipped, params).toHex()).as(flipped).isEqualTo(payload);
            } else {
                assertThatThrownBy(() -> KeyIO.decodeDestination(flipped, params)).as(flipped)
                        .isInstanceOf(AddressException.class);
            }
            addresses++;
        }
        assertThat(addresses).isEqualTo(54);
        assertThat(keys).isEqualTo(16);
    }

    @Test
    void coreKeyIoInvalidVectorsFailOnEveryChain() throws IOException {
        int n = 0;
        for (JsonNode row : Base58Test.coreVectors("key_io_invalid.json")) {
            String text = row.get(0).asText();
            for (Chain chain : Chain.values()) {
                assertThatThrownBy(() -> KeyIO.decodeDestination(text, NetworkParameters.of(chain)))
                        .as(text + " on " + chain).isInstanceOf(AddressException.class);
            }
            n++;
        }
        assertThat(n).isEqualTo(70);
    }

    @Test
    void base58ErrorsAreCores() {
        // key_io_valid.json's mainnet P2PKH, read on regtest: the version byte is mainnet's.
        assertError("1FsSia9rv4NeEwvJ2GvXrX7LyxYspbN2mo", REGTEST, Kind.WRONG_NETWORK,
                "Invalid or unsupported Base58-encoded address.");
        assertError("1FsSia9rv4NeEwvJ2GvXrX7LyxYspbN2mp", MAIN, Kind.INVALID_CHECKSUM,
                "Invalid checksum or length of Base58 address (P2PKH or P2SH)");
        assertError("", MAIN, Kind.INVALID_CHECKSUM, "Invalid checksum or length of Base58 address (P2PKH or P2SH)");
        assertError("0x", MAIN, Kind.INVALID_ENCODING, "Invalid or unsupported Segwit (Bech32) or Base58 encoding.");
        // A 20-byte payload with mainnet's P2PKH version byte: one byte short.
        byte[] shortPayload = new byte[20];
        assertError(Base58.encodeCheck(shortPayload), MAIN, Kind.INVALID_LENGTH,
                "Invalid length for Base58 address (P2PKH or P2SH)");
    }

    @Test
    void regtestAddressesOfBitcoinCore() {
        // Captured from Bitcoin Core's validateaddress on regtest (vectors/regtest-blocks/addresses.jsonl).
        assertThat(KeyIO.decodeScriptPubKey("bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080", REGTEST).toHex())
                .isEqualTo("0014751e76e8199196d454941c45d1b3a323f1433bd6");
        assertThat(KeyIO.decodeScriptPubKey("mrCDrCybB6J1vRfbwM5hemdJz73FwDBC8r", REGTEST).toHex())
                .isEqualTo("76a914751e76e8199196d454941c45d1b3a323f1433bd688ac");
        assertThat(KeyIO.decodeScriptPubKey("2NAUYAHhujozruyzpsFRP63mbrdaU5wnEpN", REGTEST).toHex())
                .isEqualTo("a914bcfeb728b584253d5f3f70bcb780e9ef218a68f487");
        assertThat(KeyIO.decodeScriptPubKey("bcrt1pmfr3p9j00pfxjh0zmgp99y8zftmd3s5pmedqhyptwy6lm87hf5ssm803es", REGTEST).toHex())
                .isEqualTo("5120da4710964f7852695de2da025290e24af6d8c281de5a0b902b7135fd9fd74d21");
        assertThat(KeyIO.decodeScriptPubKey("bcrt1qft5p2uhsdcdc3l2ua4ap5qqfg4pjaqlp250x7us7a8qqhrxrxfsqseac85", REGTEST).toHex())
                .isEqualTo("00204ae81572f06e1b88fd5ced7a1a000945432e83e1551e6f721ee9c00b8cc33260");
    }

    @Test
    void scriptsWithoutAnAddressHaveNone() {
        assertThat(KeyIO.encodeScriptPubKey(Bytes.fromHex("6a0401020304"), MAIN)).isEmpty();          // OP_RETURN
        assertThat(KeyIO.encodeScriptPubKey(Bytes.fromHex("0010" + "00".repeat(16)), MAIN)).isEmpty(); // v0, 16 bytes
        assertThat(KeyIO.encodeScriptPubKey(Bytes.fromHex("51024e73"), REGTEST)).hasValue(
                KeyIO.encodeDestination(new TxDestination.PayToAnchor(), REGTEST));
        assertThat(TxDestination.fromScriptPubKey(Bytes.fromHex("51024e73"))).hasValue(new TxDestination.PayToAnchor());
    }

    private static void assertError(String text, NetworkParameters params, Kind kind, String message) {
        assertThatThrownBy(() -> KeyIO.decodeDestination(text, params)).as(text)
                .isInstanceOfSatisfying(AddressException.class, e -> {
                    assertThat(e.kind()).as(text).isEqualTo(kind);
                    assertThat(e.getMessage()).as(text).isEqualTo(message);
                });
    }

    private static String flipCase(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            sb.append(Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
        }
        return sb.toString();
    }
}
