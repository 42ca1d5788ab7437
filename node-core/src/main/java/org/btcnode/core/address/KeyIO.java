package org.btcnode.core.address;

import static org.btcnode.core.address.AddressException.Kind.INVALID_CHECKSUM;
import static org.btcnode.core.address.AddressException.Kind.INVALID_ENCODING;
import static org.btcnode.core.address.AddressException.Kind.INVALID_LENGTH;
import static org.btcnode.core.address.AddressException.Kind.INVALID_PADDING;
import static org.btcnode.core.address.AddressException.Kind.INVALID_PROGRAM;
import static org.btcnode.core.address.AddressException.Kind.INVALID_WITNESS_VERSION;
import static org.btcnode.core.address.AddressException.Kind.WRONG_NETWORK;

import java.util.Locale;
import java.util.Optional;

import org.btcnode.core.params.Chain;
import org.btcnode.core.params.NetworkParameters;
import org.btcnode.core.types.Bytes;

/**
 * Address text ↔ {@link TxDestination} for one chain, after Core's key_io.cpp
 * (DecodeDestination, EncodeDestination): Base58Check P2PKH and P2SH with the chain's version
 * bytes, Bech32 segwit v0 and Bech32m v1+ with the chain's prefix ({@code bc}, {@code tb},
 * {@code bcrt}). Stateless.
 */
public final class KeyIO {
    /** Base58Check payload: version byte and a 20-byte hash. */
    private static final int BASE58_PAYLOAD_SIZE = 21;
    /** key_io.cpp: DecodeBase58 without checksum, for the error message only. */
    private static final int BASE58_PROBE_LIMIT = 100;

    private KeyIO() {
    }

    /** kernel/chainparams.cpp: base58Prefixes[PUBKEY_ADDRESS], 0 on mainnet, 111 elsewhere. */
    public static int pubkeyAddressPrefix(Chain chain) {
        return chain == Chain.MAIN ? 0x00 : 0x6f;
    }

    /** kernel/chainparams.cpp: base58Prefixes[SCRIPT_ADDRESS], 5 on mainnet, 196 elsewhere. */
    public static int scriptAddressPrefix(Chain chain) {
        return chain == Chain.MAIN ? 0x05 : 0xc4;
    }

    /** key_io.cpp: EncodeDestination. */
    public static String encodeDestination(TxDestination dest, NetworkParameters params) {
        if (dest instanceof TxDestination.PKHash p) {
            return base58(pubkeyAddressPrefix(params.chain()), p.hash());
        }
        if (dest instanceof TxDestination.ScriptHash s) {
            return base58(scriptAddressPrefix(params.chain()), s.hash());
        }
        Bytes script = dest.scriptPubKey();
        int op = script.getUnsigned(0);
        int version = op == 0 ? 0 : op - 0x50;
        byte[] program = script.slice(2, script.size() - 2).toByteArray();
        byte[] values = Bech32.convertBits(program, 8, 5, true).orElseThrow();
        byte[] data = new byte[values.length + 1];
        data[0] = (byte) version;
        System.arraycopy(values, 0, data, 1, values.length);
        return Bech32.encode(version == 0 ? Bech32.Encoding.BECH32 : Bech32.Encoding.BECH32M, params.bech32Hrp(), data);
    }

    /** The address of a scriptPubKey (ExtractDestination then EncodeDestination), empty if it has none. */
    public static Optional<String> encodeScriptPubKey(Bytes scriptPubKey, NetworkParameters params) {
        return TxDestination.fromScriptPubKey(scriptPubKey).map(d -> encodeDestination(d, params));
    }

    /** Decodes an address of this chain into the script that pays it (GetScriptForDestination). */
    public static Bytes decodeScriptPubKey(String address, NetworkParameters params) {
        return decodeDestination(address, params).scriptPubKey();
    }

    /**
     * key_io.cpp: DecodeDestination. Text starting with the chain's Bech32 prefix (any case) is
     * read as Bech32/Bech32m, anything else as Base58Check.
     *
     * @throws AddressException with Core's error string when the text is not an address of this chain
     */
    public static TxDestination decodeDestination(String str, NetworkParameters params) {
        String hrp = params.bech32Hrp();
        boolean isBech32 = str.length() >= hrp.length()
                && str.substring(0, hrp.length()).toLowerCase(Locale.ROOT).equals(hrp);
        if (!isBech32) {
            return decodeBase58(str, params.chain());
        }
        Optional<Bech32.Decoded> decoded = Bech32.decode(str);
        if (decoded.isEmpty()) {
            Bech32.DecodeError error = Bech32.locateErrors(str).orElseThrow();
            boolean checksum = error.message().endsWith("checksum");
            throw new AddressException(checksum ? INVALID_CHECKSUM : INVALID_ENCODING, error.message(), error.locations());
        }
        Bech32.Decoded dec = decoded.get();
        if (dec.data().isEmpty()) {
            throw new AddressException(INVALID_ENCODING, "Empty Bech32 data section");
        }
        if (!dec.hrp().equals(hrp)) {
            // The text starts with our prefix but its prefix is longer: regtest's "bcrt" read on mainnet.
            throw new AddressException(WRONG_NETWORK, "Invalid or unsupported prefix for Segwit (Bech32) address (expected "
                    + hrp + ", got " + dec.hrp() + ").");
        }
        int version = dec.data().getUnsigned(0);
        if (version == 0 && dec.encoding() != Bech32.Encoding.BECH32) {
            throw new AddressException(INVALID_WITNESS_VERSION, "Version 0 witness address must use Bech32 checksum");
        }
        if (version != 0 && dec.encoding() != Bech32.Encoding.BECH32M) {
            throw new AddressException(INVALID_WITNESS_VERSION, "Version 1+ witness address must use Bech32m checksum");
        }
        byte[] values = dec.data().slice(1, dec.data().size() - 1).toByteArray();
        byte[] program = Bech32.convertBits(values, 5, 8, false).orElseThrow(
                () -> new AddressException(INVALID_PADDING, "Invalid padding in Bech32 data section"));
        String unit = program.length == 1 ? "byte" : "bytes";
        if (version == 0) {
            if (program.length != TxDestination.HASH160_SIZE && program.length != TxDestination.HASH256_SIZE) {
                throw new AddressException(INVALID_PROGRAM, "Invalid Bech32 v0 address program size ("
                        + program.length + " " + unit + "), per BIP141");
            }
            return TxDestination.ofWitnessProgram(0, Bytes.of(program));
        }
        if (version > 16) {
            throw new AddressException(INVALID_WITNESS_VERSION, "Invalid Bech32 address witness version");
        }
        if (program.length < TxDestination.MIN_WITNESS_PROGRAM_SIZE || program.length > TxDestination.MAX_WITNESS_PROGRAM_SIZE) {
            throw new AddressException(INVALID_PROGRAM, "Invalid Bech32 address program size (" + program.length + " " + unit + ")");
        }
        return TxDestination.ofWitnessProgram(version, Bytes.of(program));
    }

    private static TxDestination decodeBase58(String str, Chain chain) {
        Optional<byte[]> checked = Base58.decodeCheck(str, BASE58_PAYLOAD_SIZE);
        if (checked.isEmpty()) {
            if (Base58.decode(str, BASE58_PROBE_LIMIT).isEmpty()) {
                throw new AddressException(INVALID_ENCODING, "Invalid or unsupported Segwit (Bech32) or Base58 encoding.");
            }
            throw new AddressException(INVALID_CHECKSUM, "Invalid checksum or length of Base58 address (P2PKH or P2SH)");
        }
        byte[] data = checked.get();
        int pubkeyPrefix = pubkeyAddressPrefix(chain);
        int scriptPrefix = scriptAddressPrefix(chain);
        int first = data.length == 0 ? -1 : data[0] & 0xff;
        if (data.length == BASE58_PAYLOAD_SIZE && first == pubkeyPrefix) {
            return new TxDestination.PKHash(Bytes.of(data, 1, TxDestination.HASH160_SIZE));
        }
        if (data.length == BASE58_PAYLOAD_SIZE && first == scriptPrefix) {
            return new TxDestination.ScriptHash(Bytes.of(data, 1, TxDestination.HASH160_SIZE));
        }
        if (first == pubkeyPrefix || first == scriptPrefix) {
            throw new AddressException(INVALID_LENGTH, "Invalid length for Base58 address (P2PKH or P2SH)");
        }
        throw new AddressException(WRONG_NETWORK, "Invalid or unsupported Base58-encoded address.");
    }

    private static String base58(int prefix, Bytes hash) {
        byte[] payload = new byte[1 + hash.size()];
        payload[0] = (byte) prefix;
        System.arraycopy(hash.toByteArray(), 0, payload, 1, hash.size());
        return Base58.encodeCheck(payload);
    }
}
