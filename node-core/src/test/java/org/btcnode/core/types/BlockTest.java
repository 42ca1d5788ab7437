package org.btcnode.core.types;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import org.btcnode.core.wire.WireFormatException;
import org.btcnode.crypto.hash.Sha256;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BlockTest {
    /** chainparams.cpp: mainnet powLimit. */
    private static final BigInteger MAIN_POW_LIMIT =
            new BigInteger("00000000ffffffffffffffffffffffffffffffffffffffffffffffffffffffff", 16);

    static byte[] resource(String path) {
        try (InputStream in = BlockTest.class.getResourceAsStream(path)) {
            if (in == null) throw new IllegalStateException("missing test resource " + path);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] block413567() {
        return resource("/vectors/blocks/block413567.raw");
    }

    @Test
    void decodesBlock413567AndReencodesItByteForByte() {
        byte[] raw = block413567();
        Block block = Block.CODEC.decodeExactly(raw);

        assertThat(block.transactions()).hasSize(1557);
        assertThat(block.hash()).hasToString("0000000000000000025aff8be8a55df8f89c77296db6198f272d6577325d4069");
        assertThat(block.transactions().get(0).isCoinbase()).isTrue();
        assertThat(block.transactions().subList(1, 1557)).noneMatch(Transaction::isCoinbase);
        assertThat(Block.CODEC.encode(block)).isEqualTo(raw);
        assertThat(block.toByteArray()).isEqualTo(raw);
    }

    @Test
    void block413567MerkleRootMatchesItsHeaderAndIsNotMutated() {
        Block block = Block.CODEC.decodeExactly(block413567());
        MerkleRoot merkle = block.computeMerkleRoot();
        assertThat(merkle.root()).isEqualTo(block.header().merkleRoot());
        assertThat(merkle.mutated()).isFalse();
    }

    @Test
    void block413567SizesAndWeightMatchItsBytes() {
        byte[] raw = block413567();
        Block block = Block.CODEC.decodeExactly(raw);
        // Mined before segwit: no witness data, so stripped size = size and weight = 4 × size.
        assertThat(block.transactions()).noneMatch(Transaction::hasWitness);
        assertThat(block.size()).isEqualTo(raw.length).isEqualTo(999_887);
        assertThat(block.strippedSize()).isEqualTo(raw.length);
        assertThat(block.weight()).isEqualTo(4 * raw.length).isLessThanOrEqualTo(Block.MAX_BLOCK_WEIGHT);
        // The transaction sizes decoded from the slices add up to the bytes after header and count.
        int txBytes = block.transactions().stream().mapToInt(Transaction::size).sum();
        assertThat(BlockHeader.SIZE + 3 + txBytes).isEqualTo(raw.length); // 1557 needs a 3-byte CompactSize
        // Each transaction re-serialised alone has the size and txid it was decoded with.
        for (Transaction tx : block.transactions()) {
            byte[] alone = Transaction.CODEC.encode(tx);
            assertThat(alone).hasSize(tx.size());
            assertThat(Hash256.hashTwice(alone)).isEqualTo(tx.txid()).isEqualTo(tx.wtxid());
        }
        // No commitment and no witness: valid whether or not segwit is expected.
        assertThat(block.witnessCommitmentIndex()).isEmpty();
        assertThat(block.checkWitnessCommitment(false)).isEqualTo(Block.WitnessCommitmentCheck.VALID);
        assertThat(block.checkWitnessCommitment(true)).isEqualTo(Block.WitnessCommitmentCheck.VALID);
    }

    @Test
    void block413567HeaderHasValidProofOfWork() {
        BlockHeader header = Block.CODEC.decodeExactly(block413567()).header();
        assertThat(header.checkProofOfWork(MAIN_POW_LIMIT)).isTrue();
        assertThat(header.withNonce(header.nonce() ^ 1).checkProofOfWork(MAIN_POW_LIMIT)).isFalse();
    }

    @Test
    void detectsDuplicatedLastTransactionCve2012_2459() {
        Block block = Block.CODEC.decodeExactly(block413567());
        List<Transaction> txs = new ArrayList<>(block.transactions());
        // 1557 leaves: the last is paired with itself, so repeating it gives the same root.
        txs.add(txs.get(txs.size() - 1));
        MerkleRoot mutated = new Block(block.header(), txs).computeMerkleRoot();
        assertThat(mutated.root()).isEqualTo(block.header().merkleRoot());
        assertThat(mutated.mutated()).isTrue();
    }

    @Test
    void detectsDuplicatedLastTwoTransactionsCve2012_2459() {
        Block full = Block.CODEC.decodeExactly(block413567());
        // Six real transactions: three nodes on the second level, the last one paired with itself.
        List<Transaction> six = full.transactions().subList(0, 6);
        MerkleRoot original = new Block(full.header(), six).computeMerkleRoot();
        assertThat(original.mutated()).isFalse();
        List<Transaction> eight = new ArrayList<>(six);
        eight.add(six.get(4));
        eight.add(six.get(5));
        MerkleRoot mutated = new Block(full.header(), eight).computeMerkleRoot();
        assertThat(mutated.root()).isEqualTo(original.root());
        assertThat(mutated.mutated()).isTrue();
    }

    @Test
    void merkleRootOfNoLeavesIsZeroAndOfOneLeafIsTheLeaf() {
        assertThat(MerkleRoot.compute(List.of())).isEqualTo(new MerkleRoot(Hash256.ZERO, false));
        Hash256 leaf = Hash256.hashTwice(new byte[] {1});
        assertThat(MerkleRoot.compute(List.of(leaf))).isEqualTo(new MerkleRoot(leaf, false));
    }

    @Test
    void everyTruncationOfTheBlockFailsAsTruncated() {
        byte[] raw = block413567();
        for (int cut : new int[] {0, 1, 79, 80, 81, 82, 83, 500, raw.length / 2, raw.length - 1}) {
            byte[] prefix = Arrays.copyOf(raw, cut);
            assertThatThrownBy(() -> Block.CODEC.decode(prefix))
                    .isInstanceOfSatisfying(WireFormatException.class,
                            e -> assertThat(e.kind()).isEqualTo(WireFormatException.Kind.TRUNCATED));
        }
    }

    @Test
    void hostileTransactionCountFailsBeforeAllocating() {
        byte[] raw = block413567();
        byte[] hostile = Arrays.copyOf(raw, BlockHeader.SIZE + 5 + 100);
        hostile[80] = (byte) 0xfe; // 0x01ffffff transactions announced, 100 bytes follow
        hostile[81] = (byte) 0xff;
        hostile[82] = (byte) 0xff;
        hostile[83] = (byte) 0xff;
        hostile[84] = (byte) 0x01;
        assertThatThrownBy(() -> Block.CODEC.decode(hostile))
                .isInstanceOfSatisfying(WireFormatException.class,
                        e -> assertThat(e.kind()).isEqualTo(WireFormatException.Kind.TRUNCATED));
        hostile[84] = (byte) 0x02; // 0x02ffffff: over serialize.h MAX_SIZE
        assertThatThrownBy(() -> Block.CODEC.decode(hostile))
                .isInstanceOfSatisfying(WireFormatException.class,
                        e -> assertThat(e.kind()).isEqualTo(WireFormatException.Kind.LIMIT_EXCEEDED));
    }

    // --- BIP 141 witness commitment, on a small block built here ---

    private static final Bytes RESERVED_VALUE = Bytes.of(new byte[32]);
    private static final Transaction SPEND = new Transaction(2,
            List.of(new TxIn(new OutPoint(Hash256.hashTwice(new byte[] {7}), 0), Bytes.EMPTY, TxIn.SEQUENCE_FINAL,
                    List.of(Bytes.fromHex("aa"), Bytes.fromHex("bbcc")))),
            List.of(new TxOut(Amount.ofSats(1000), Bytes.fromHex("0014" + "11".repeat(20)))), 0);

    private static Transaction coinbase(List<Bytes> witness, List<Bytes> commitmentScripts) {
        List<TxOut> outputs = new ArrayList<>();
        outputs.add(new TxOut(Amount.ofBtc(50), Bytes.fromHex("51")));
        for (Bytes script : commitmentScripts) {
            outputs.add(new TxOut(Amount.ZERO, script));
        }
        TxIn input = new TxIn(OutPoint.NULL, Bytes.fromHex("0101"), TxIn.SEQUENCE_FINAL, witness);
        return new Transaction(1, List.of(input), outputs, 0);
    }

    private static Bytes commitmentScript(byte[] commitment) {
        return Bytes.fromHex("6a24aa21a9ed" + HexFormat.of().formatHex(commitment));
    }

    /** SHA-256d(witness root | reserved value), the root computed by hand for two leaves. */
    private static byte[] expectedCommitment() {
        byte[] root = Sha256.hashTwice(new byte[32], SPEND.wtxid().toByteArray());
        return Sha256.hashTwice(root, RESERVED_VALUE.toByteArray());
    }

    private static Block block(Transaction coinbase) {
        List<Transaction> txs = List.of(coinbase, SPEND);
        Hash256 root = MerkleRoot.compute(List.of(coinbase.txid(), SPEND.txid())).root();
        return new Block(new BlockHeader(0x20000000, Hash256.ZERO, root, 1_700_000_000L, 0x207fffffL, 0), txs);
    }

    @Test
    void acceptsAMatchingWitnessCommitment() {
        Block b = block(coinbase(List.of(RESERVED_VALUE), List.of(commitmentScript(expectedCommitment()))));
        assertThat(b.witnessMerkleRoot().root().toByteArray())
                .isEqualTo(Sha256.hashTwice(new byte[32], SPEND.wtxid().toByteArray()));
        assertThat(b.witnessCommitmentIndex()).hasValue(1);
        assertThat(b.checkWitnessCommitment(true)).isEqualTo(Block.WitnessCommitmentCheck.VALID);
        // Witness data without segwit expected: Core's "unexpected-witness".
        assertThat(b.checkWitnessCommitment(false)).isEqualTo(Block.WitnessCommitmentCheck.UNEXPECTED_WITNESS);
        // The block round-trips, and its size and weight count the witness bytes once at full weight.
        byte[] bytes = Block.CODEC.encode(b);
        assertThat(Block.CODEC.decodeExactly(bytes)).isEqualTo(b);
        assertThat(b.size()).isEqualTo(bytes.length);
        int strippedTxBytes = b.transactions().get(0).toByteArray(false).length + SPEND.toByteArray(false).length;
        assertThat(b.strippedSize()).isEqualTo(BlockHeader.SIZE + 1 + strippedTxBytes).isLessThan(bytes.length);
        assertThat(b.weight()).isEqualTo(3 * b.strippedSize() + bytes.length);
    }

    @Test
    void theLastCommitmentOutputCounts() {
        Bytes wrong = commitmentScript(new byte[32]);
        Bytes right = commitmentScript(expectedCommitment());
        Block lastRight = block(coinbase(List.of(RESERVED_VALUE), List.of(wrong, right)));
        assertThat(lastRight.witnessCommitmentIndex()).hasValue(2);
        assertThat(lastRight.checkWitnessCommitment(true)).isEqualTo(Block.WitnessCommitmentCheck.VALID);
        Block lastWrong = block(coinbase(List.of(RESERVED_VALUE), List.of(right, wrong)));
        assertThat(lastWrong.checkWitnessCommitment(true)).isEqualTo(Block.WitnessCommitmentCheck.BAD_WITNESS_MERKLE_MATCH);
        assertThat(lastWrong.checkWitnessCommitment(true).rejectReason()).isEqualTo("bad-witness-merkle-match");
        // A script one byte short of MINIMUM_WITNESS_COMMITMENT is no commitment.
        Bytes shortScript = right.slice(0, Block.MINIMUM_WITNESS_COMMITMENT - 1);
        Block none = block(coinbase(List.of(RESERVED_VALUE), List.of(shortScript)));
        assertThat(none.witnessCommitmentIndex()).isEmpty();
        assertThat(none.checkWitnessCommitment(true)).isEqualTo(Block.WitnessCommitmentCheck.UNEXPECTED_WITNESS);
    }

    @Test
    void theReservedValueMustBeOne32ByteItem() {
        Bytes right = commitmentScript(expectedCommitment());
        for (List<Bytes> witness : List.of(List.<Bytes>of(), List.of(Bytes.of(new byte[31])),
                List.of(RESERVED_VALUE, RESERVED_VALUE))) {
            Block b = block(coinbase(witness, List.of(right)));
            assertThat(b.checkWitnessCommitment(true)).as(witness.toString())
                    .isEqualTo(Block.WitnessCommitmentCheck.BAD_WITNESS_NONCE_SIZE);
        }
    }
}
