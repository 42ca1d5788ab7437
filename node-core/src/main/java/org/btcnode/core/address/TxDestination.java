package org.btcnode.core.address;

import java.util.Objects;
import java.util.Optional;

import org.btcnode.core.types.Bytes;

/**
 * What a standard scriptPubKey pays to, Core's {@code CTxDestination} (addresstype.h) without
 * CNoDestination (an absent value) and PubKeyDestination (bare pubkeys have no address). Each
 * variant builds its scriptPubKey (GetScriptForDestination); {@link #fromScriptPubKey(Bytes)} is
 * ExtractDestination for the scripts that have an address. Immutable.
 */
public sealed interface TxDestination permits TxDestination.PKHash, TxDestination.ScriptHash,
        TxDestination.WitnessV0KeyHash, TxDestination.WitnessV0ScriptHash, TxDestination.WitnessV1Taproot,
        TxDestination.PayToAnchor, TxDestination.WitnessUnknown {

    /** script/interpreter.h: WITNESS_V0_KEYHASH_SIZE, a HASH160. */
    int HASH160_SIZE = 20;
    /** interpreter.h: WITNESS_V0_SCRIPTHASH_SIZE and WITNESS_V1_TAPROOT_SIZE. */
    int HASH256_SIZE = 32;
    /** script.h: the smallest witness program BIP 141 allows. */
    int MIN_WITNESS_PROGRAM_SIZE = 2;
    /** script.h / bech32: BECH32_WITNESS_PROG_MAX_LEN, the largest witness program BIP 141 allows. */
    int MAX_WITNESS_PROGRAM_SIZE = 40;

    /** The script this destination is paid with. */
    Bytes scriptPubKey();

    /** P2PKH: OP_DUP OP_HASH160 &lt;20&gt; OP_EQUALVERIFY OP_CHECKSIG. */
    record PKHash(Bytes hash) implements TxDestination {
        public PKHash {
            requireSize(hash, HASH160_SIZE);
        }

        @Override
        public Bytes scriptPubKey() {
            return concat(new byte[] {0x76, (byte) 0xa9, 0x14}, hash, new byte[] {(byte) 0x88, (byte) 0xac});
        }
    }

    /** P2SH (BIP 16): OP_HASH160 &lt;20&gt; OP_EQUAL. */
    record ScriptHash(Bytes hash) implements TxDestination {
        public ScriptHash {
            requireSize(hash, HASH160_SIZE);
        }

        @Override
        public Bytes scriptPubKey() {
            return concat(new byte[] {(byte) 0xa9, 0x14}, hash, new byte[] {(byte) 0x87});
        }
    }

    /** P2WPKH (BIP 141): OP_0 &lt;20&gt;. */
    record WitnessV0KeyHash(Bytes hash) implements TxDestination {
        public WitnessV0KeyHash {
            requireSize(hash, HASH160_SIZE);
        }

        @Override
        public Bytes scriptPubKey() {
            return witnessScript(0, hash);
        }
    }

    /** P2WSH (BIP 141): OP_0 &lt;32&gt;. */
    record WitnessV0ScriptHash(Bytes hash) implements TxDestination {
        public WitnessV0ScriptHash {
            requireSize(hash, HASH256_SIZE);
        }

        @Override
        public Bytes scriptPubKey() {
            return witnessScript(0, hash);
        }
    }

    /** P2TR (BIP 341): OP_1 &lt;32-byte x-only output key&gt;. */
    record WitnessV1Taproot(Bytes outputKey) implements TxDestination {
        public WitnessV1Taproot {
            requireSize(outputKey, HASH256_SIZE);
        }

        @Override
        public Bytes scriptPubKey() {
            return witnessScript(1, outputKey);
        }
    }

    /** P2A (pay to anchor): OP_1 &lt;0x4e73&gt;, script.cpp's IsPayToAnchor. */
    record PayToAnchor() implements TxDestination {
        /** script.h: the anchor program. */
        public static final Bytes PROGRAM = Bytes.of((byte) 0x4e, (byte) 0x73);

        @Override
        public Bytes scriptPubKey() {
            return witnessScript(1, PROGRAM);
        }
    }

    /** Any other witness version and program: reserved for future soft forks, spendable by anyone today. */
    record WitnessUnknown(int version, Bytes program) implements TxDestination {
        public WitnessUnknown {
            Objects.requireNonNull(program, "program");
            if (version < 1 || version > 16) {
                throw new IllegalArgumentException("witness version 1..16: " + version);
            }
            if (program.size() < MIN_WITNESS_PROGRAM_SIZE || program.size() > MAX_WITNESS_PROGRAM_SIZE) {
                throw new IllegalArgumentException("witness program of 2..40 bytes: " + program.size());
            }
        }

        @Override
        public Bytes scriptPubKey() {
            return witnessScript(version, program);
        }
    }

    /** The destination of a witness program, the most specific variant that fits (Core's Solver). */
    static TxDestination ofWitnessProgram(int version, Bytes program) {
        if (version == 0 && program.size() == HASH160_SIZE) {
            return new WitnessV0KeyHash(program);
        }
        if (version == 0 && program.size() == HASH256_SIZE) {
            return new WitnessV0ScriptHash(program);
        }
        if (version == 1 && program.size() == HASH256_SIZE) {
            return new WitnessV1Taproot(program);
        }
        if (version == 1 && program.equals(PayToAnchor.PROGRAM)) {
            return new PayToAnchor();
        }
        return new WitnessUnknown(version, program);
    }

    /**
     * addresstype.cpp: ExtractDestination for scripts that have an address: P2PKH, P2SH and
     * witness programs (script.cpp IsWitnessProgram: a version opcode and one direct push of 2 to
     * 40 bytes, nothing else). Empty for anything else (bare pubkeys, multisig, OP_RETURN, version
     * 0 programs of other sizes).
     */
    static Optional<TxDestination> fromScriptPubKey(Bytes script) {
        int n = script.size();
        if (n == 25 && script.getUnsigned(0) == 0x76 && script.getUnsigned(1) == 0xa9 && script.getUnsigned(2) == 0x14
                && script.getUnsigned(23) == 0x88 && script.getUnsigned(24) == 0xac) {
            return Optional.of(new PKHash(script.slice(3, HASH160_SIZE)));
        }
        if (n == 23 && script.getUnsigned(0) == 0xa9 && script.getUnsigned(1) == 0x14 && script.getUnsigned(22) == 0x87) {
            return Optional.of(new ScriptHash(script.slice(2, HASH160_SIZE)));
        }
        if (n >= 4 && n <= 42 && script.getUnsigned(1) + 2 == n) {
            int op = script.getUnsigned(0);
            int version = op == 0 ? 0 : op >= 0x51 && op <= 0x60 ? op - 0x50 : -1;
            if (version == 0 && n - 2 != HASH160_SIZE && n - 2 != HASH256_SIZE) {
                return Optional.empty();
            }
            if (version >= 0) {
                return Optional.of(ofWitnessProgram(version, script.slice(2, n - 2)));
            }
        }
        return Optional.empty();
    }

    private static void requireSize(Bytes b, int size) {
        Objects.requireNonNull(b);
        if (b.size() != size) {
            throw new IllegalArgumentException("expected " + size + " bytes, got " + b.size());
        }
    }

    private static Bytes witnessScript(int version, Bytes program) {
        byte op = (byte) (version == 0 ? 0 : 0x50 + version);
        return concat(new byte[] {op, (byte) program.size()}, program, new byte[0]);
    }

    private static Bytes concat(byte[] head, Bytes middle, byte[] tail) {
        byte[] out = new byte[head.length + middle.size() + tail.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(middle.toByteArray(), 0, out, head.length, middle.size());
        System.arraycopy(tail, 0, out, head.length + middle.size(), tail.length);
        return Bytes.of(out);
    }
}
