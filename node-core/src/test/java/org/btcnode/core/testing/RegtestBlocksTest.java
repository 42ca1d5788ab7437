package org.btcnode.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.btcnode.core.chain.BlockCheck;
import org.btcnode.core.types.Block;
import org.btcnode.core.types.Bytes;
import org.btcnode.core.types.Transaction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fixture's coinbases push the height exactly as Bitcoin Core's miner does. */
class RegtestBlocksTest {
    private static final HexFormat HEX = HexFormat.of();

    /**
     * Core's coinbase scriptSig (vectors/regtest-blocks) is the height push, plus OP_0 up to
     * height 16; the fixture's is the same height push followed by its salt push.
     */
    @ParameterizedTest(name = "height {0}")
    @ValueSource(ints = {1, 2, 102, 144, 150, 288, 432})
    void coinbaseHeightPushIsCores(int height) {
        Block core = Block.CODEC.decodeExactly(HEX.parseHex(resource("block" + height + ".hex")));
        Bytes coreScriptSig = core.transactions().get(0).inputs().get(0).scriptSig();
        Bytes corePush = height <= 16 ? coreScriptSig.slice(0, coreScriptSig.size() - 1) : coreScriptSig;

        Transaction fixture = RegtestBlocks.coinbase(height, 0x01020304);
        Bytes scriptSig = fixture.inputs().get(0).scriptSig();

        assertThat(scriptSig.slice(0, corePush.size())).isEqualTo(corePush);
        assertThat(scriptSig.slice(corePush.size(), scriptSig.size() - corePush.size()).toHex())
                .isEqualTo("0404030201");
    }

    /** Heights 1 to 16 are OP_1..OP_16 (0x51..0x60), one byte, as CScript() << height writes them. */
    @ParameterizedTest(name = "height {0}")
    @ValueSource(ints = {1, 5, 16})
    void smallHeightsAreSmallIntegerOpcodes(int height) {
        Block b = RegtestBlocks.chain(RegtestBlocks.genesis().hash(), height - 1, 1_700_000_000L, 1, 60, 7).get(0);
        assertThat(b.transactions().get(0).inputs().get(0).scriptSig().get(0)).isEqualTo((byte) (0x50 + height));
        assertThat(BlockCheck.checkBlock(b, RegtestBlocks.REGTEST.consensus(), true).isValid()).isTrue();
    }

    private static String resource(String name) {
        try (InputStream in = RegtestBlocksTest.class.getResourceAsStream("/vectors/regtest-blocks/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
