package org.btcnode.core.params;

import java.time.Duration;

import org.btcnode.core.types.Amount;
import org.btcnode.core.types.Block;
import org.btcnode.core.types.Bytes;
import org.btcnode.core.types.CompactTarget;
import org.btcnode.core.types.MerkleRoot;
import org.btcnode.core.types.Transaction;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NetworkParametersTest {
    private static final String SATOSHI_MERKLE_ROOT = "4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b";

    /** Rebuilds a genesis block from chainparams.cpp's fields and checks Core's asserted hash and merkle root. */
    private static void assertGenesis(NetworkParameters params, Block rebuilt, String hash, String merkleRoot) {
        assertThat(rebuilt.hash()).as(params.chain().id()).hasToString(hash);
        assertThat(rebuilt.header().merkleRoot()).hasToString(merkleRoot);
        MerkleRoot computed = rebuilt.computeMerkleRoot();
        assertThat(computed.root()).hasToString(merkleRoot);
        assertThat(computed.mutated()).isFalse();
        assertThat(params.genesisBlock()).isEqualTo(rebuilt);
        assertThat(params.genesisHash()).hasToString(hash);
        assertThat(params.consensus().hashGenesisBlock()).hasToString(hash);
        // Each genesis block satisfies its own chain's proof of work.
        assertThat(rebuilt.header().checkProofOfWork(params.consensus().powLimit())).isTrue();
        // Encoded and decoded again it is the same block.
        assertThat(Block.CODEC.decodeExactly(Block.CODEC.encode(rebuilt))).isEqualTo(rebuilt);
    }

    @Test
    void mainnetGenesis() {
        Block genesis = GenesisBlock.create(
                "The Times 03/Jan/2009 Chancellor on brink of second bailout for banks",
                GenesisBlock.payToPubkey(Bytes.fromHex("04678afdb0fe5548271967f1a67130b7105cd6a828e03909a67962e0ea1f61deb6"
                        + "49f6bc3f4cef38c4f35504e51ec112de5c384df7ba0b8d578a4c702b6bf11d5f")),
                1231006505L, 2083236893L, 0x1d00ffffL, 1, Amount.ofBtc(50));
        assertGenesis(NetworkParameters.MAIN, genesis,
                "000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f", SATOSHI_MERKLE_ROOT);
        // The coinbase scriptSig as chainparams.cpp's comment prints it.
        Transaction coinbase = genesis.transactions().get(0);
        assertThat(coinbase.inputs().get(0).scriptSig().toHex()).isEqualTo("04ffff001d0104455468652054696d65732030332f4a616e"
                + "2f32303039204368616e63656c6c6f72206f6e206272696e6b206f66207365636f6e64206261696c6f757420666f722062616e6b73");
        assertThat(coinbase.isCoinbase()).isTrue();
        assertThat(genesis.size()).isEqualTo(285); // the well-known size of block 0
    }

    @Test
    void testnet3Genesis() {
        assertGenesis(NetworkParameters.TESTNET3, GenesisBlock.create(1296688602L, 414098458L, 0x1d00ffffL, 1, Amount.ofBtc(50)),
                "000000000933ea01ad0ee984209779baaec3ced90fa3f408719526f8d77f4943", SATOSHI_MERKLE_ROOT);
    }

    @Test
    void testnet4Genesis() {
        Block genesis = GenesisBlock.create(
                "03/May/2024 000000000000000000001ebd58c244970b3aa9d783bb001011fbe8ea8e98e00e",
                Bytes.fromHex("21" + "00".repeat(33) + "ac"), // push of 33 zero bytes, OP_CHECKSIG
                1714777860L, 393743547L, 0x1d00ffffL, 1, Amount.ofBtc(50));
        assertGenesis(NetworkParameters.TESTNET4, genesis,
                "00000000da84f2bafbbc53dee25a72ae507ff4914b867c565be350b0da8bf043",
                "7aa0a7ae1e223414cb807e40cd57e667b718e42aaf9306db9102fe28912b7b4e");
        // 76 bytes of text: too long for a direct push, so OP_PUSHDATA1 as CScript chooses.
        assertThat(genesis.transactions().get(0).inputs().get(0).scriptSig().toHex()).startsWith("04ffff001d01044c4c");
    }

    @Test
    void signetGenesis() {
        assertGenesis(NetworkParameters.SIGNET, GenesisBlock.create(1598918400L, 52613770L, 0x1e0377aeL, 1, Amount.ofBtc(50)),
                "00000008819873e925422c1ff0f99f7cc9bbb232af63a077a480a3633bee1ef6", SATOSHI_MERKLE_ROOT);
    }

    @Test
    void regtestGenesis() {
        assertGenesis(NetworkParameters.REGTEST, GenesisBlock.create(1296688602L, 2L, 0x207fffffL, 1, Amount.ofBtc(50)),
                "0f9188f13cb7b2c71f2a335e3a4fc328bf5beb436012afca590b1a11466e2206", SATOSHI_MERKLE_ROOT);
    }

    @Test
    void magicsAndLookups() {
        assertThat(NetworkParameters.MAIN.magic()).hasToString("f9beb4d9");
        assertThat(NetworkParameters.TESTNET3.magic()).hasToString("0b110907");
        assertThat(NetworkParameters.TESTNET4.magic()).hasToString("1c163f28");
        assertThat(NetworkParameters.REGTEST.magic()).hasToString("fabfb5da");
        // Signet's magic is derived from its challenge: SHA-256d(challenge with length prefix)[0..4].
        assertThat(NetworkParameters.SIGNET.magic()).hasToString("0a03cf40");
        assertThat(NetworkParameters.signetMagic(NetworkParameters.DEFAULT_SIGNET_CHALLENGE)).hasToString("0a03cf40");
        assertThat(NetworkParameters.MAIN.magic().toByteArray()).containsExactly(0xf9, 0xbe, 0xb4, 0xd9);
        for (Chain chain : Chain.values()) {
            NetworkParameters p = NetworkParameters.of(chain);
            assertThat(p.chain()).isEqualTo(chain);
            assertThat(NetworkParameters.fromMagic(p.magic())).contains(p);
            assertThat(p.defaultPort()).isEqualTo(chain.defaultPort());
            assertThat(p.defaultRpcPort()).isEqualTo(chain.defaultRpcPort());
            assertThat(p.fixedSeeds()).isEqualTo(FixedSeeds.lines(chain));
            assertThat(p.dnsSeeds()).isNotEmpty().allMatch(s -> s.endsWith("."));
        }
        assertThat(NetworkParameters.fromMagic(Magic.fromHex("00000000"))).isEmpty();
    }

    @Test
    void portsAndSeedsAsCore() {
        assertThat(NetworkParameters.MAIN.defaultPort()).isEqualTo(8333);
        assertThat(NetworkParameters.TESTNET3.defaultPort()).isEqualTo(18333);
        assertThat(NetworkParameters.TESTNET4.defaultPort()).isEqualTo(48333);
        assertThat(NetworkParameters.SIGNET.defaultPort()).isEqualTo(38333);
        assertThat(NetworkParameters.REGTEST.defaultPort()).isEqualTo(18444);
        assertThat(NetworkParameters.MAIN.dnsSeeds()).hasSize(8).startsWith("seed.bitcoin.sipa.be.");
        assertThat(NetworkParameters.TESTNET4.dnsSeeds())
                .containsExactly("seed.testnet4.bitcoin.sprovoost.nl.", "seed.testnet4.wiz.biz.");
        assertThat(NetworkParameters.SIGNET.dnsSeeds())
                .containsExactly("seed.signet.bitcoin.sprovoost.nl.", "seed.signet.achownodes.xyz.");
    }

    @Test
    void consensusConstants() {
        ConsensusParams main = NetworkParameters.MAIN.consensus();
        assertThat(main.difficultyAdjustmentInterval()).isEqualTo(2016);
        assertThat(main.powTargetSpacing()).isEqualTo(Duration.ofMinutes(10));
        assertThat(main.powAllowMinDifficultyBlocks()).isFalse();
        assertThat(main.segwitHeight()).isEqualTo(481_824);
        assertThat(main.taproot().minActivationHeight()).isEqualTo(709_632);
        assertThat(main.bip34Height()).isEqualTo(227_931);
        assertThat(main.minimumChainWork()).isPositive();
        // The testnet "20-minute rule" and testnet4's BIP 94.
        assertThat(NetworkParameters.TESTNET3.consensus().powAllowMinDifficultyBlocks()).isTrue();
        assertThat(NetworkParameters.TESTNET3.consensus().minDifficultyBlockGap()).isEqualTo(Duration.ofMinutes(20));
        assertThat(NetworkParameters.TESTNET3.consensus().enforceBip94()).isFalse();
        assertThat(NetworkParameters.TESTNET4.consensus().powAllowMinDifficultyBlocks()).isTrue();
        assertThat(NetworkParameters.TESTNET4.consensus().enforceBip94()).isTrue();
        assertThat(NetworkParameters.TESTNET4.consensus().taproot().alwaysActive()).isTrue();
        // Regtest: 144-block periods, no retargeting, segwit from genesis, 150-block halvings.
        ConsensusParams regtest = NetworkParameters.REGTEST.consensus();
        assertThat(regtest.difficultyAdjustmentInterval()).isEqualTo(144);
        assertThat(regtest.powNoRetargeting()).isTrue();
        assertThat(regtest.segwitHeight()).isZero();
        assertThat(regtest.subsidyHalvingInterval()).isEqualTo(150);
        // Signet: BIP 325 blocks, its own challenge.
        assertThat(NetworkParameters.SIGNET.consensus().signetBlocks()).isTrue();
        assertThat(NetworkParameters.SIGNET.consensus().signetChallenge()).isEqualTo(NetworkParameters.DEFAULT_SIGNET_CHALLENGE);
        // Each chain's genesis bits are its pow limit in compact form.
        for (Chain chain : Chain.values()) {
            NetworkParameters p = NetworkParameters.of(chain);
            assertThat(CompactTarget.encode(p.consensus().powLimit())).as(chain.id()).isEqualTo(p.genesisBlock().header().bits());
        }
    }
}
