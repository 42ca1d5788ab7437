package org.btcnode.core.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.btcnode.core.address.KeyIO;
import org.btcnode.core.params.ConsensusParams;
import org.btcnode.core.params.NetworkParameters;
import org.btcnode.core.types.Amount;
import org.btcnode.core.types.Block;
import org.btcnode.core.types.BlockHeader;
import org.btcnode.core.types.Bytes;
import org.btcnode.core.types.MerkleRoot;
import org.btcnode.core.types.Transaction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BlockAssemblerTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final NetworkParameters REGTEST = NetworkParameters.REGTEST;
    private static final ConsensusParams CONSENSUS = REGTEST.consensus();
    /** The -mocktime Core ran with (vectors/regtest-blocks/SOURCES.md). */
    private static final long MOCKTIME = 1_700_000_000L;
    private static final String P2WPKH = "bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080";
    private static final String P2PKH = "mrCDrCybB6J1vRfbwM5hemdJz73FwDBC8r";
    private static final String P2SH_P2WPKH = "2NAUYAHhujozruyzpsFRP63mbrdaU5wnEpN";
    private static final String P2TR = "bcrt1pmfr3p9j00pfxjh0zmgp99y8zftmd3s5pmedqhyptwy6lm87hf5ssm803es";
    private static final String P2WSH_OP_TRUE = "bcrt1qft5p2uhsdcdc3l2ua4ap5qqfg4pjaqlp250x7us7a8qqhrxrxfsqseac85";

    /** Core's regtest chain of 450 blocks, as headers. */
    private static final Map<Integer, BlockIndexEntry> CHAIN = new HashMap<>();

    /** Core's chain as header-tree entries by height (0 = genesis). */
    static Map<Integer, BlockIndexEntry> coreChain() {
        return CHAIN;
    }

    static String resource(String name) {
        try (InputStream in = BlockAssemblerTest.class.getResourceAsStream("/vectors/regtest-blocks/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeAll
    static void loadCoreChain() {
        if (!CHAIN.isEmpty()) {
            return;
        }
        HeaderTree tree = new HeaderTree(REGTEST.genesisBlock().header());
        CHAIN.put(0, tree.genesis());
        String[] lines = resource("headers.hex").split("\n");
        for (int h = 1; h <= lines.length; h++) {
            CHAIN.put(h, tree.add(BlockHeader.CODEC.decodeExactly(HEX.parseHex(lines[h - 1].strip()))));
        }
        assertThat(CHAIN).hasSize(451);
    }

    /**
     * Core's blocks, rebuilt from their parent, the mock time, the payout address and (105) the
     * transaction given to generateblock; the version from version bits (regtest's test deployment
     * signals bit 28 from 144, locks in at 288, is active from 432).
     */
    @ParameterizedTest(name = "height {0}")
    @CsvSource({
        "1, " + P2WPKH,
        "2, " + P2WSH_OP_TRUE,
        "102, " + P2PKH,
        "103, " + P2SH_P2WPKH,
        "104, " + P2TR,
        "105, " + P2PKH,
        "144, " + P2WSH_OP_TRUE,
        "150, " + P2WSH_OP_TRUE,
        "288, " + P2WSH_OP_TRUE,
        "432, " + P2WSH_OP_TRUE,
    })
    void buildsCoresRegtestBlocksByteForByte(int height, String address) {
        byte[] expected = HEX.parseHex(resource("block" + height + ".hex"));
        List<Transaction> extra = height == 105
                ? List.of(Transaction.CODEC.decodeExactly(HEX.parseHex(resource("tx105.hex"))))
                : List.of();
        Bytes script = KeyIO.decodeScriptPubKey(address, REGTEST);

        Block template = BlockAssembler.createNewBlock(CHAIN.get(height - 1), script, extra, MOCKTIME, CONSENSUS);
        BlockAssembler.Solution solution = BlockAssembler.solve(template, BlockAssembler.DEFAULT_MAX_TRIES, CONSENSUS);

        assertThat(solution.block()).isPresent();
        Block block = solution.block().get();
        assertThat(HEX.formatHex(block.toByteArray())).isEqualTo(HEX.formatHex(expected));
        assertThat(block.hash()).isEqualTo(CHAIN.get(height).hash());
        assertThat(Pow.checkProofOfWork(block.hash(), block.header().bits(), CONSENSUS)).isTrue();
        MerkleRoot root = block.computeMerkleRoot();
        assertThat(root.mutated()).isFalse();
        assertThat(block.header().merkleRoot()).isEqualTo(root.root());
        assertThat(block.checkWitnessCommitment(true)).isEqualTo(Block.WitnessCommitmentCheck.VALID);
        assertThat(BlockAssembler.DEFAULT_MAX_TRIES - solution.triesLeft()).isEqualTo(block.header().nonce());
    }

    @Test
    void coinbasePaysTheSubsidyWithTheHeightAndLockTime() {
        Bytes script = KeyIO.decodeScriptPubKey(P2WPKH, REGTEST);
        Block block = BlockAssembler.createNewBlock(CHAIN.get(149), script, List.of(), MOCKTIME, CONSENSUS);
        Transaction coinbase = block.transactions().get(0);
        assertThat(coinbase.isCoinbase()).isTrue();
        assertThat(coinbase.inputs().get(0).scriptSig().toHex()).isEqualTo("029600");      // 150, minimal push
        assertThat(coinbase.inputs().get(0).sequence()).isEqualTo(0xfffffffeL);
        assertThat(coinbase.lockTime()).isEqualTo(149);
        assertThat(coinbase.outputs().get(0).value()).isEqualTo(Amount.ofSats(25 * Amount.COIN));
        assertThat(coinbase.outputs().get(0).scriptPubKey()).isEqualTo(script);
        assertThat(coinbase.outputs().get(1).scriptPubKey().toHex()).startsWith("6a24aa21a9ed");
        assertThat(coinbase.inputs().get(0).witness()).containsExactly(Bytes.of(new byte[32]));
        // Time: Core's parent (150 blocks at one mock time) has MTP 1700000024, so MTP + 1 wins over the clock.
        assertThat(block.header().time()).isEqualTo(CHAIN.get(149).medianTimePast() + 1);
        // A later clock wins; an explicit version (Core's -blockversion) is used as given.
        Block later = BlockAssembler.createNewBlock(CHAIN.get(149), script, List.of(), 1, MOCKTIME + 3600, CONSENSUS);
        assertThat(later.header().time()).isEqualTo(MOCKTIME + 3600);
        assertThat(later.header().version()).isEqualTo(1);
    }

    @ParameterizedTest(name = "height {0} → {1}")
    @CsvSource({"0, 00", "1, 51", "16, 60", "17, 0111", "127, 017f", "128, 028000", "255, 02ff00",
        "256, 020001", "32767, 02ff7f", "32768, 03008000", "8388608, 0400008000", "2147483647, 04ffffff7f"})
    void heightPushIsCoresScriptNum(int height, String hex) {
        assertThat(BlockAssembler.heightPush(height).toHex()).isEqualTo(hex);
    }

    @ParameterizedTest(name = "height {0}: {1} sat")
    @CsvSource({"0, 5000000000", "149, 5000000000", "150, 2500000000", "299, 2500000000", "300, 1250000000",
        "4949, 1", "4950, 0", "9599, 0", "9600, 0"})
    void subsidyHalvesEvery150BlocksOnRegtest(int height, long sats) {
        // 32 halvings leave 1 sat, 33 none; at 64 Core returns 0 explicitly (a 64-bit shift by 64 is
        // undefined in C++ and a no-op in Java, which would pay 50 BTC again).
        assertThat(BlockAssembler.getBlockSubsidy(height, CONSENSUS).sats()).isEqualTo(sats);
    }

    @Test
    void mainnetSubsidyAtTheHalvings() {
        ConsensusParams main = NetworkParameters.MAIN.consensus();
        assertThat(BlockAssembler.getBlockSubsidy(209_999, main)).isEqualTo(Amount.ofBtc(50));
        assertThat(BlockAssembler.getBlockSubsidy(210_000, main)).isEqualTo(Amount.ofSats(25 * Amount.COIN));
        assertThat(BlockAssembler.getBlockSubsidy(840_000, main)).isEqualTo(Amount.ofSats(3 * Amount.COIN + 12_500_000));
        assertThat(BlockAssembler.getBlockSubsidy(64 * 210_000, main)).isEqualTo(Amount.ZERO);
    }

    @Test
    void firstBlockOfAPeriodMayNotGoBackMoreThanMaxTimewarp() {
        // A parent at height 143 whose time is far ahead of its median: the child (144) must be at
        // most 600 s before it, even though MTP + 1 would allow earlier.
        HeaderTree tree = new HeaderTree(REGTEST.genesisBlock().header());
        BlockIndexEntry e = tree.genesis();
        for (int h = 1; h <= 143; h++) {
            long time = h == 143 ? 1_800_000_000L : 1_700_000_000L + h;
            e = tree.add(new BlockHeader(1, e.hash(), e.hash(), time, 0x207fffffL, 0));
        }
        assertThat(BlockAssembler.getMinimumTime(e, CONSENSUS)).isEqualTo(1_800_000_000L - 600);
        assertThat(BlockAssembler.getMinimumTime(e.prev(), CONSENSUS)).isEqualTo(e.prev().medianTimePast() + 1);
    }

    @Test
    void solveGivesUpWhenTheTriesRunOut() {
        // Core's height-1 block needs nonce 0..n; with the right bits but no tries it fails, as
        // GenerateBlock does when max_tries reaches zero.
        Bytes script = KeyIO.decodeScriptPubKey(P2WPKH, REGTEST);
        Block template = BlockAssembler.createNewBlock(CHAIN.get(0), script, List.of(), MOCKTIME, CONSENSUS);
        assertThat(BlockAssembler.solve(template, 0, CONSENSUS).block()).isEmpty();
        // A target no hash meets (bits above the pow limit) exhausts any budget.
        Block impossible = new Block(template.header().withNonce(0), template.transactions());
        BlockHeader hard = new BlockHeader(impossible.header().version(), impossible.header().prevBlock(),
                impossible.header().merkleRoot(), impossible.header().time(), 0x1d00ffffL, 0);
        BlockAssembler.Solution s = BlockAssembler.solve(new Block(hard, template.transactions()), 1000, CONSENSUS);
        assertThat(s.block()).isEmpty();
        assertThat(s.triesLeft()).isZero();
        // Nonce 2^32 - 1 is never tried: Core stops there and builds a new block.
        BlockHeader last = hard.withNonce(0xfffffffeL);
        BlockAssembler.Solution end = BlockAssembler.solve(new Block(last, template.transactions()), 1000, CONSENSUS);
        assertThat(end.block()).isEmpty();
        assertThat(end.triesLeft()).isEqualTo(999);
    }
}
