package org.btcnode.core.types;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.btcnode.core.wire.WireFormatException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TransactionTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final Pattern TXID_COMMENT = Pattern.compile("The following is ([0-9a-f]{64})( on testnet3)?");

    /** A serialised transaction from Core's vectors, with its row number and the txid its comment names. */
    record Row(String file, int index, String hex, String commentTxid) {}

    static List<Row> rows(String file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(BlockTest.resource("/vectors/core/" + file));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        List<Row> rows = new ArrayList<>();
        String commentTxid = null;
        for (int i = 0; i < root.size(); i++) {
            JsonNode row = root.get(i);
            if (row.size() == 1 && row.get(0).isTextual()) {
                Matcher m = TXID_COMMENT.matcher(row.get(0).asText());
                if (m.matches()) commentTxid = m.group(1);
                else if (row.get(0).asText().startsWith("The following is")) commentTxid = null;
                continue;
            }
            rows.add(new Row(file, i, row.get(1).asText(), commentTxid));
            commentTxid = null;
        }
        return rows;
    }

    @Test
    void everyWellFormedVectorRoundTripsByteForByte() {
        List<Row> all = new ArrayList<>(rows("tx_valid.json"));
        all.addAll(rows("tx_invalid.json"));
        assertThat(all).hasSize(121 + 93);
        List<String> malformed = new ArrayList<>();
        int witnessRows = 0;
        for (Row row : all) {
            byte[] bytes = HEX.parseHex(row.hex());
            Transaction tx;
            try {
                tx = Transaction.CODEC.decodeExactly(bytes);
            } catch (WireFormatException e) {
                malformed.add(row.file() + "#" + row.index() + " " + e.kind() + " " + e.getMessage());
                continue;
            }
            assertThat(Transaction.CODEC.encode(tx)).as(row.toString()).isEqualTo(bytes);
            assertThat(tx.size()).as(row.toString()).isEqualTo(bytes.length);
            assertThat(tx.wtxid()).as(row.toString()).isEqualTo(Hash256.hashTwice(bytes));
            byte[] stripped = tx.toByteArray(false);
            assertThat(tx.txid()).as(row.toString()).isEqualTo(Hash256.hashTwice(stripped));
            assertThat(tx.strippedSize()).as(row.toString()).isEqualTo(stripped.length);
            assertThat(tx.weight()).isEqualTo(3 * stripped.length + bytes.length);
            assertThat(tx.hasWitness()).isEqualTo(stripped.length != bytes.length);
            if (tx.hasWitness()) {
                witnessRows++;
                assertThat(tx.txid()).isNotEqualTo(tx.wtxid());
                assertThat(Transaction.CODEC.decodeExactly(stripped)).isEqualTo(tx.withoutWitness());
            }
        }
        // Every row of both files is well formed: tx_invalid.json's transactions are invalid for
        // CheckTransaction or script reasons, none for its encoding (Core's test deserialises each).
        assertThat(malformed).isEmpty();
        assertThat(witnessRows).isPositive();
    }

    @Test
    void txidsNamedInVectorCommentsMatch() {
        List<Row> named = new ArrayList<>();
        for (Row row : rows("tx_valid.json")) {
            if (row.commentTxid() != null) named.add(row);
        }
        assertThat(named).hasSize(4);
        for (Row row : named) {
            Transaction tx = Transaction.CODEC.decodeExactly(HEX.parseHex(row.hex()));
            assertThat(tx.txid()).as(row.toString()).hasToString(row.commentTxid());
        }
    }

    private static void assertFails(String hex, WireFormatException.Kind kind, String message) {
        assertThatThrownBy(() -> Transaction.CODEC.decode(HEX.parseHex(hex.replace(" ", ""))))
                .isInstanceOfSatisfying(WireFormatException.class, e -> {
                    assertThat(e.kind()).isEqualTo(kind);
                    if (message != null) assertThat(e.getMessage()).isEqualTo(message);
                });
    }

    private static final String INPUT = "11".repeat(32) + "00000000" + "00" + "ffffffff";
    private static final String OUTPUT = "0100000000000000" + "0151";

    @Test
    void witnessFlagWithOnlyEmptyStacksIsASuperfluousWitnessRecord() {
        // version | marker 00 flag 01 | 1 input | 1 output | empty stack | lock time
        assertFails("02000000 0001 01" + INPUT + "01" + OUTPUT + "00 00000000",
                WireFormatException.Kind.INVALID_VALUE, "Superfluous witness record");
    }

    @Test
    void unknownFlagBitsAreRefused() {
        assertFails("02000000 0002 01" + INPUT + "01" + OUTPUT + "00000000",
                WireFormatException.Kind.INVALID_VALUE, "Unknown transaction optional data");
        assertFails("02000000 0003 01" + INPUT + "01" + OUTPUT + "01 01 aa 00000000",
                WireFormatException.Kind.INVALID_VALUE, "Unknown transaction optional data");
    }

    @Test
    void witnessTransactionDecodesWithSeparateTxidAndWtxid() {
        String hex = "02000000 0001 01" + INPUT + "01" + OUTPUT + "02 01aa 00 00000000";
        byte[] bytes = HEX.parseHex(hex.replace(" ", ""));
        Transaction tx = Transaction.CODEC.decodeExactly(bytes);
        assertThat(tx.inputs().get(0).witness()).containsExactly(Bytes.fromHex("aa"), Bytes.EMPTY);
        byte[] stripped = HEX.parseHex(("02000000 01" + INPUT + "01" + OUTPUT + "00000000").replace(" ", ""));
        assertThat(tx.txid()).isEqualTo(Hash256.hashTwice(stripped));
        assertThat(tx.wtxid()).isEqualTo(Hash256.hashTwice(bytes));
        assertThat(tx.size()).isEqualTo(bytes.length);
        assertThat(tx.strippedSize()).isEqualTo(stripped.length);
        assertThat(tx.weight()).isEqualTo(3 * stripped.length + bytes.length);
        assertThat(tx.vsize()).isEqualTo((3 * stripped.length + bytes.length + 3) / 4);
        assertThat(Transaction.CODEC.encode(tx)).isEqualTo(bytes);
        assertThat(tx.toByteArray(false)).isEqualTo(stripped);
    }

    @Test
    void zeroInputsAreReadAsTheExtendedFormatAsCoreDoes() {
        // An empty input list followed by flags 0: an empty transaction, outputs are not read.
        Transaction empty = Transaction.CODEC.decodeExactly(HEX.parseHex("01000000" + "00" + "00" + "00000000"));
        assertThat(empty.inputs()).isEmpty();
        assertThat(empty.outputs()).isEmpty();
        // A 0-input transaction with outputs, written without witness, is misread as extended:
        // its output count 01 becomes the flag byte, and no input carries a witness.
        Transaction noInputs = new Transaction(1, List.of(),
                List.of(new TxOut(Amount.ZERO, Bytes.EMPTY)), 0);
        assertThatThrownBy(() -> Transaction.CODEC.decode(noInputs.toByteArray(false)))
                .isInstanceOfSatisfying(WireFormatException.class,
                        e -> assertThat(e.getMessage()).isEqualTo("Superfluous witness record"));
    }

    @Test
    void hostileCountsFailBeforeAllocating() {
        // 0x01ffffff inputs announced with a few bytes behind them: TRUNCATED, nothing allocated.
        assertFails("01000000 feffffff01" + INPUT, WireFormatException.Kind.TRUNCATED, null);
        // Over serialize.h MAX_SIZE.
        assertFails("01000000 feffffff02" + INPUT, WireFormatException.Kind.LIMIT_EXCEEDED, null);
        // A non-canonical CompactSize for the output count.
        assertFails("01000000 01" + INPUT + "fd0100" + OUTPUT + "00000000", WireFormatException.Kind.NON_CANONICAL, null);
        // A witness item length over what is left.
        assertFails("02000000 0001 01" + INPUT + "01" + OUTPUT + "01 fdff00 aa", WireFormatException.Kind.TRUNCATED, null);
    }

    @Property
    void decodeOfEncodeIsIdentity(@ForAll("transactions") Transaction tx) {
        byte[] bytes = Transaction.CODEC.encode(tx);
        Transaction decoded = Transaction.CODEC.decodeExactly(bytes);
        assertThat(decoded).isEqualTo(tx);
        assertThat(decoded.txid()).isEqualTo(tx.txid());
        assertThat(decoded.wtxid()).isEqualTo(tx.wtxid());
        assertThat(decoded.size()).isEqualTo(tx.size()).isEqualTo(bytes.length);
        assertThat(decoded.strippedSize()).isEqualTo(tx.strippedSize());
    }

    @Property(tries = 200)
    void everyPrefixOfAnEncodingIsTruncated(@ForAll("transactions") Transaction tx) {
        byte[] bytes = Transaction.CODEC.encode(tx);
        for (int cut = 0; cut < bytes.length; cut++) {
            byte[] prefix = Arrays.copyOf(bytes, cut);
            assertThatThrownBy(() -> Transaction.CODEC.decode(prefix))
                    .isInstanceOfSatisfying(WireFormatException.class,
                            e -> assertThat(e.kind()).isEqualTo(WireFormatException.Kind.TRUNCATED));
        }
    }

    @Property
    void junkFailsOnlyWithWireFormatException(@ForAll byte[] junk) {
        try {
            Transaction tx = Transaction.CODEC.decode(junk);
            assertThat(tx.size()).isLessThanOrEqualTo(junk.length);
        } catch (WireFormatException expected) {
            assertThat(expected.kind()).isNotNull();
        }
    }

    static Arbitrary<Bytes> bytes(int maxLength) {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(maxLength).map(Bytes::of);
    }

    static Arbitrary<Hash256> hashes() {
        return Arbitraries.bytes().array(byte[].class).ofSize(32).map(Hash256::wrap);
    }

    static Arbitrary<Long> uint32() {
        return Arbitraries.longs().between(0, 0xffffffffL);
    }

    @Provide
    static Arbitrary<Transaction> transactions() {
        Arbitrary<TxIn> inputs = Combinators.combine(hashes(), uint32(), bytes(80), uint32(),
                bytes(40).list().ofMaxSize(3))
                .as((txid, index, script, sequence, witness) ->
                        new TxIn(new OutPoint(txid, index), script, sequence, witness));
        Arbitrary<TxOut> outputs = Combinators.combine(Arbitraries.longs(), bytes(60))
                .as((value, script) -> new TxOut(Amount.ofSats(value), script));
        // At least one input: a 0-input transaction is read as the extended format (see above).
        return Combinators.combine(Arbitraries.integers(), inputs.list().ofMinSize(1).ofMaxSize(4),
                outputs.list().ofMaxSize(4), uint32())
                .as(Transaction::new);
    }
}
