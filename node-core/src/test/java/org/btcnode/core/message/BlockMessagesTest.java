package org.btcnode.core.message;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.btcnode.core.types.Block;
import org.btcnode.core.types.Hash256;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.btcnode.core.wire.WireFormatException.Kind.INVALID_VALUE;
import static org.btcnode.core.wire.WireFormatException.Kind.LIMIT_EXCEEDED;
import static org.btcnode.core.wire.WireFormatException.Kind.NON_CANONICAL;
import static org.btcnode.core.wire.WireFormatException.Kind.TRUNCATED;

/**
 * Scenario: the messages that carry blocks, headers and transactions (block, tx, headers,
 * cmpctblock, blocktxn) on real bytes, mainnet block 413567, and on Core's rules for them.
 */
class BlockMessagesTest {
    private static final String HEADER = "00".repeat(80);

    private static byte[] block413567() throws IOException {
        try (InputStream in = BlockMessagesTest.class.getResourceAsStream("/vectors/blocks/block413567.raw")) {
            return in.readAllBytes();
        }
    }

    private static void assertDecodeFails(org.btcnode.core.wire.WireFormatException.Kind kind, String command,
            String... hex) {
        byte[] payload = TestVectors.hex(hex);
        TestVectors.assertFails(kind, command, () -> Messages.decode(command, payload));
    }

    @Test
    void block413567AsABlockMessage() throws IOException {
        byte[] raw = block413567();
        BlockMessage message = (BlockMessage) Messages.decode("block", raw);
        assertThat(message.block().hash())
                .isEqualTo(Hash256.fromHex("0000000000000000025aff8be8a55df8f89c77296db6198f272d6577325d4069"));
        assertThat(message.block().transactions()).hasSize(1557);
        assertThat(Messages.encode(message)).isEqualTo(raw);
        TestVectors.assertFails(TRUNCATED, () -> Messages.decode("block", TestVectors.prefix(raw, raw.length - 1)));
    }

    @Test
    void everyTransactionOfBlock413567AsATxMessageAndAsBlocktxn() throws IOException {
        Block block = ((BlockMessage) Messages.decode("block", block413567())).block();
        for (var tx : block.transactions().subList(0, 50)) {
            byte[] payload = tx.toByteArray(true);
            Tx decoded = (Tx) Messages.decode("tx", payload);
            assertThat(decoded.transaction().txid()).isEqualTo(tx.txid());
            assertThat(Messages.encode(decoded)).isEqualTo(payload);
        }
        BlockTxn blockTxn = new BlockTxn(block.hash(), block.transactions().subList(1, 100));
        assertThat(Messages.decode("blocktxn", Messages.encode(blockTxn))).isEqualTo(blockTxn);
    }

    @Test
    void headersOfBlock413567CarryItsHeader() throws IOException {
        byte[] raw = block413567();
        byte[] payload = new byte[1 + 80 + 1];
        payload[0] = 1;
        System.arraycopy(raw, 0, payload, 1, 80);
        Headers headers = (Headers) Messages.decode("headers", payload);
        assertThat(headers.headers().get(0).hash())
                .isEqualTo(Hash256.fromHex("0000000000000000025aff8be8a55df8f89c77296db6198f272d6577325d4069"));
        assertThat(Messages.encode(headers)).isEqualTo(payload);
    }

    @Test
    void headersLimitAndTheIgnoredTransactionCount() {
        assertDecodeFails(LIMIT_EXCEEDED, "headers", "fdd107");               // 2,001 > MAX_HEADERS_RESULTS
        // net_processing.cpp reads the tx count and ignores it: a non-zero count still decodes, and encodes as 0
        Headers withCount = (Headers) Messages.decode("headers", TestVectors.hex("01", HEADER, "fd0001"));
        assertThat(TestVectors.toHex(Messages.encode(withCount))).isEqualTo("01" + HEADER + "00");
        assertDecodeFails(NON_CANONICAL, "headers", "01", HEADER, "fd0000");  // but it is a CompactSize like any other
        assertDecodeFails(TRUNCATED, "headers", "02", HEADER, "00", HEADER);  // the second count is missing
        List<org.btcnode.core.types.BlockHeader> max = new ArrayList<>();
        for (int i = 0; i < Headers.MAX_HEADERS_RESULTS; i++) {
            max.add(MessageSamples.header(i));
        }
        Headers full = new Headers(max);
        assertThat(Messages.decode("headers", Messages.encode(full))).isEqualTo(full);
    }

    @Test
    void cmpctblockShortIdsAreSixBytesLittleEndian() {
        CmpctBlock block = new CmpctBlock(MessageSamples.header(1), 1, List.of(0x0000060504030201L), List.of());
        byte[] payload = Messages.encode(block);
        assertThat(TestVectors.toHex(payload).substring(2 * 88)).isEqualTo("01" + "010203040506" + "00");
    }

    @Test
    void cmpctblockPrefilledIndexesAreDifferentialAndSixteenBits() {
        String tx = TestVectors.toHex(MessageSamples.legacyTransaction(1).toByteArray(false));
        String head = HEADER + "0000000000000000" + "00";                   // header, nonce, no short ids
        CmpctBlock two = (CmpctBlock) Messages.decode("cmpctblock", TestVectors.hex(head, "02", "00", tx, "03", tx));
        assertThat(two.prefilled()).extracting(CmpctBlock.PrefilledTransaction::index).containsExactly(0, 4);
        assertDecodeFails(INVALID_VALUE, "cmpctblock", head, "01", "fe00000100", tx);      // a difference over uint16
        assertDecodeFails(INVALID_VALUE, "cmpctblock", head, "02", "fdffff", tx, "00", tx);  // 65535, then 65536
        assertDecodeFails(NON_CANONICAL, "cmpctblock", head, "01", "fd0000", tx);
    }

    @Test
    void cmpctblockOfMoreThan65535TransactionsOverflowsTheIndexes() {
        String prefix = HEADER + "0000000000000000";
        assertDecodeFails(LIMIT_EXCEEDED, "cmpctblock", prefix, "fe00000100");          // 65,536 short ids
        String tx = TestVectors.toHex(MessageSamples.legacyTransaction(1).toByteArray(false));
        // 65,535 short ids present and one prefilled transaction: "indexes overflowed 16 bits"
        assertDecodeFails(LIMIT_EXCEEDED, "cmpctblock", prefix, "fdffff", "00".repeat(6 * 65535), "01", "00", tx);
    }
}
