package org.btcnode.core.params;

import java.math.BigInteger;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.btcnode.core.types.Amount;
import org.btcnode.core.types.Block;
import org.btcnode.core.types.Bytes;
import org.btcnode.core.types.Hash256;
import org.btcnode.core.wire.WireWriter;
import org.btcnode.crypto.hash.Sha256;

/**
 * Everything that differs between chains (kernel/chainparams.cpp {@code CChainParams}): magic,
 * ports, genesis block, seeds, bech32 prefix and {@link ConsensusParams}. One constant per
 * {@link Chain}, looked up with {@link #of(Chain)} or {@link #fromMagic(Magic)}; signet is the
 * default signet (Core without {@code -signetchallenge}). Immutable.
 *
 * @param dnsSeeds   DNS seed host names in Core's order, absolute (trailing dot) as Core lists them
 * @param fixedSeeds fixed seed nodes as "address:port" text, Core's chainparamsseeds.h lists
 *                   read by {@link FixedSeeds#lines(Chain)} (Core has none on regtest)
 */
public record NetworkParameters(
        Chain chain,
        Magic magic,
        int defaultPort,
        int defaultRpcPort,
        Block genesisBlock,
        List<String> dnsSeeds,
        List<String> fixedSeeds,
        String bech32Hrp,
        int pruneAfterHeight,
        ConsensusParams consensus) {

    /** Blocks per retarget period and spacing: the same on every chain but regtest. */
    private static final Duration TWO_WEEKS = Duration.ofDays(14);
    private static final Duration TEN_MINUTES = Duration.ofMinutes(10);
    private static final BigInteger POW_LIMIT_MAIN = hex("00000000ffffffffffffffffffffffffffffffffffffffffffffffffffffffff");
    private static final Amount GENESIS_REWARD = Amount.ofBtc(50);

    /** chainparams.cpp: the default signet's challenge, a 1-of-2 bare multisig. */
    public static final Bytes DEFAULT_SIGNET_CHALLENGE = Bytes.fromHex(
            "512103ad5e0edad18cb1f0fc0d28a3d4f1f3e445640337489abb10404f2d1e086be430210359ef5021964fe22d6f8e05b2463c9540ce96883fe3b278760f048f5189f2e6c452ae");

    public static final NetworkParameters MAIN = main();
    public static final NetworkParameters TESTNET3 = testnet3();
    public static final NetworkParameters TESTNET4 = testnet4();
    public static final NetworkParameters SIGNET = signet();
    public static final NetworkParameters REGTEST = regtest();

    private static final Map<Chain, NetworkParameters> BY_CHAIN = byChain();

    public NetworkParameters {
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(magic, "magic");
        Objects.requireNonNull(genesisBlock, "genesisBlock");
        Objects.requireNonNull(bech32Hrp, "bech32Hrp");
        Objects.requireNonNull(consensus, "consensus");
        dnsSeeds = List.copyOf(dnsSeeds);
        fixedSeeds = List.copyOf(fixedSeeds);
        // chainparams.cpp asserts the genesis hash it expects; a typo in a field fails here, at class load.
        if (!genesisBlock.hash().equals(consensus.hashGenesisBlock())) {
            throw new IllegalStateException(chain + " genesis hashes to " + genesisBlock.hash() + ", expected "
                    + consensus.hashGenesisBlock());
        }
    }

    /** kernel/chainparams.h: HeadersSyncParams, the pre-sync tuning of this chain. */
    public HeadersSyncParams headersSyncParams() {
        return HeadersSyncParams.of(chain);
    }

    public static NetworkParameters of(Chain chain) {
        return BY_CHAIN.get(chain);
    }

    /** chainparams.cpp: GetNetworkForMagic. */
    public static Optional<NetworkParameters> fromMagic(Magic magic) {
        return BY_CHAIN.values().stream().filter(p -> p.magic.equals(magic)).findFirst();
    }

    /** The genesis block's hash. */
    public Hash256 genesisHash() {
        return consensus.hashGenesisBlock();
    }

    private static Map<Chain, NetworkParameters> byChain() {
        Map<Chain, NetworkParameters> m = new EnumMap<>(Chain.class);
        for (NetworkParameters p : List.of(MAIN, TESTNET3, TESTNET4, SIGNET, REGTEST)) {
            m.put(p.chain(), p);
        }
        if (m.size() != Chain.values().length) {
            throw new IllegalStateException("a chain without parameters");
        }
        return Map.copyOf(m);
    }

    private static BigInteger hex(String uint256) {
        return new BigInteger(uint256, 16);
    }

    private static Bip9Deployment testDummy(long startTime, int threshold, int period) {
        return new Bip9Deployment(28, startTime, Bip9Deployment.NO_TIMEOUT, 0, threshold, period);
    }

    private static NetworkParameters main() {
        Block genesis = GenesisBlock.create(1231006505L, 2083236893L, 0x1d00ffffL, 1, GENESIS_REWARD);
        ConsensusParams consensus = new ConsensusParams(
                Hash256.fromHex("000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f"),
                210_000,
                227_931, Hash256.fromHex("000000000000024b89b42a942fe0d9fea3bb44ab7bd1b19115dd6a759c0808b8"),
                388_381, // 000000000000000004c2b624ed5d7756c508d90fd0da2c7c679febfa6c4735f0
                363_725, // 00000000000000000379eaa19dce8c9b722d46ae6a57c2f1a988119488b50931
                419_328, // 000000000000000004a1b34462cb8aeebd5799177f7a29cf28f2d1961716b5b5
                481_824, // 0000000000000000001c8018d9cb3b742ef25114f27563e3fc4a1902167f9893
                483_840, // segwit activation height + miner confirmation window
                testDummy(Bip9Deployment.NEVER_ACTIVE, 1815, 2016),
                new Bip9Deployment(2, 1619222400L, 1628640000L, 709_632, 1815, 2016), // Apr 24 – Aug 11 2021
                POW_LIMIT_MAIN, false, false, false, TEN_MINUTES, TWO_WEEKS,
                hex("0000000000000000000000000000000000000000dee8e2a309ad8a9820433c68"),
                Hash256.fromHex("00000000000000000000611fd22f2df7c8fbd0688745c3a6c3bb5109cc2a12cb"), // 912683
                false, Bytes.EMPTY);
        return new NetworkParameters(Chain.MAIN, Magic.fromHex("f9beb4d9"), Chain.MAIN.defaultPort(),
                Chain.MAIN.defaultRpcPort(), genesis,
                List.of("seed.bitcoin.sipa.be.", // Pieter Wuille, only supports x1, x5, x9, and xd
                        "dnsseed.bluematt.me.", // Matt Corallo, only supports x9
                        "seed.bitcoin.jonasschnelli.ch.", // Jonas Schnelli, only supports x1, x5, x9, and xd
                        "seed.btc.petertodd.net.", // Peter Todd, only supports x1, x5, x9, and xd
                        "seed.bitcoin.sprovoost.nl.", // Sjors Provoost
                        "dnsseed.emzy.de.", // Stephan Oeste
                        "seed.bitcoin.wiz.biz.", // Jason Maurice
                        "seed.mainnet.achownodes.xyz."), // Ava Chow
                FixedSeeds.lines(Chain.MAIN), // chainparamsseeds.h, as data (FixedSeeds)
                "bc", 100_000, consensus);
    }

    private static NetworkParameters testnet3() {
        Block genesis = GenesisBlock.create(1296688602L, 414098458L, 0x1d00ffffL, 1, GENESIS_REWARD);
        ConsensusParams consensus = new ConsensusParams(
                Hash256.fromHex("000000000933ea01ad0ee984209779baaec3ced90fa3f408719526f8d77f4943"),
                210_000,
                21_111, Hash256.fromHex("0000000023b3a96d3484e5abb3755c413e7d41500f8e2a5c3f0dd01299cd8ef8"),
                581_885, // 00000000007f6655f22f98e72ed80d8b06dc761d5da09df0fa1dc4be4f861eb6
                330_776, // 000000002104c8c45e99a8853285a3b592602a3ccde2b832481da85e9e4ba182
                770_112, // 00000000025e930139bac5c6c31a403776da130831ab85be56578f3fa75369bb
                834_624, // 00000000002b980fcd729daaa248fd9316a5200e9b367f4ff2c42453e84201ca
                836_640, // segwit activation height + miner confirmation window
                testDummy(Bip9Deployment.NEVER_ACTIVE, 1512, 2016),
                new Bip9Deployment(2, 1619222400L, 1628640000L, 0, 1512, 2016),
                POW_LIMIT_MAIN, true, false, false, TEN_MINUTES, TWO_WEEKS,
                hex("0000000000000000000000000000000000000000000016dd270dd94fac1d7632"),
                Hash256.fromHex("0000000000000065c6c38258e201971a3fdfcc2ceee0dd6e85a6c022d45dee34"), // 4550000
                false, Bytes.EMPTY);
        return new NetworkParameters(Chain.TESTNET3, Magic.fromHex("0b110907"), Chain.TESTNET3.defaultPort(),
                Chain.TESTNET3.defaultRpcPort(), genesis,
                List.of("testnet-seed.bitcoin.jonasschnelli.ch.",
                        "seed.tbtc.petertodd.net.",
                        "seed.testnet.bitcoin.sprovoost.nl.",
                        "testnet-seed.bluematt.me.", // Just a static list of stable node(s), only supports x9
                        "seed.testnet.achownodes.xyz."), // Ava Chow
                FixedSeeds.lines(Chain.TESTNET3), // chainparamsseeds.h, as data (FixedSeeds)
                "tb", 1000, consensus);
    }

    private static NetworkParameters testnet4() {
        Block genesis = GenesisBlock.create(
                "03/May/2024 000000000000000000001ebd58c244970b3aa9d783bb001011fbe8ea8e98e00e",
                GenesisBlock.payToPubkey(Bytes.of(new byte[33])),
                1714777860L, 393743547L, 0x1d00ffffL, 1, GENESIS_REWARD);
        ConsensusParams consensus = new ConsensusParams(
                Hash256.fromHex("00000000da84f2bafbbc53dee25a72ae507ff4914b867c565be350b0da8bf043"),
                210_000,
                1, Hash256.ZERO, 1, 1, 1, 1, 0,
                testDummy(Bip9Deployment.NEVER_ACTIVE, 1512, 2016),
                new Bip9Deployment(2, Bip9Deployment.ALWAYS_ACTIVE, Bip9Deployment.NO_TIMEOUT, 0, 1512, 2016),
                POW_LIMIT_MAIN, true, true, false, TEN_MINUTES, TWO_WEEKS,
                hex("00000000000000000000000000000000000000000000034a4690fe592dc49c7c"),
                Hash256.fromHex("000000000000000180a58e7fa3b0db84b5ea76377524894f53660d93ac839d9b"), // 91000
                false, Bytes.EMPTY);
        return new NetworkParameters(Chain.TESTNET4, Magic.fromHex("1c163f28"), Chain.TESTNET4.defaultPort(),
                Chain.TESTNET4.defaultRpcPort(), genesis,
                List.of("seed.testnet4.bitcoin.sprovoost.nl.", // Sjors Provoost
                        "seed.testnet4.wiz.biz."), // Jason Maurice
                FixedSeeds.lines(Chain.TESTNET4), // chainparamsseeds.h, as data (FixedSeeds)
                "tb", 1000, consensus);
    }

    private static NetworkParameters signet() {
        Block genesis = GenesisBlock.create(1598918400L, 52613770L, 0x1e0377aeL, 1, GENESIS_REWARD);
        ConsensusParams consensus = new ConsensusParams(
                Hash256.fromHex("00000008819873e925422c1ff0f99f7cc9bbb232af63a077a480a3633bee1ef6"),
                210_000,
                1, Hash256.ZERO, 1, 1, 1, 1, 0,
                testDummy(Bip9Deployment.NEVER_ACTIVE, 1815, 2016),
                new Bip9Deployment(2, Bip9Deployment.ALWAYS_ACTIVE, Bip9Deployment.NO_TIMEOUT, 0, 1815, 2016),
                hex("00000377ae000000000000000000000000000000000000000000000000000000"),
                false, false, false, TEN_MINUTES, TWO_WEEKS,
                hex("0000000000000000000000000000000000000000000000000000067d328e681a"),
                Hash256.fromHex("000000128586e26813922680309f04e1de713c7542fee86ed908f56368aefe2e"), // 267665
                true, DEFAULT_SIGNET_CHALLENGE);
        return new NetworkParameters(Chain.SIGNET, signetMagic(DEFAULT_SIGNET_CHALLENGE), Chain.SIGNET.defaultPort(),
                Chain.SIGNET.defaultRpcPort(), genesis,
                List.of("seed.signet.bitcoin.sprovoost.nl.",
                        "seed.signet.achownodes.xyz."), // Ava Chow
                FixedSeeds.lines(Chain.SIGNET), // chainparamsseeds.h, as data (FixedSeeds)
                "tb", 1000, consensus);
    }

    private static NetworkParameters regtest() {
        Block genesis = GenesisBlock.create(1296688602L, 2L, 0x207fffffL, 1, GENESIS_REWARD);
        ConsensusParams consensus = new ConsensusParams(
                Hash256.fromHex("0f9188f13cb7b2c71f2a335e3a4fc328bf5beb436012afca590b1a11466e2206"),
                150,
                1, Hash256.ZERO, 1, 1, 1, 0, 0, // "always active unless overridden"
                testDummy(0, 108, 144),
                new Bip9Deployment(2, Bip9Deployment.ALWAYS_ACTIVE, Bip9Deployment.NO_TIMEOUT, 0, 108, 144),
                hex("7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"),
                true, false, true, TEN_MINUTES, Duration.ofDays(1),
                BigInteger.ZERO, Hash256.ZERO,
                false, Bytes.EMPTY);
        return new NetworkParameters(Chain.REGTEST, Magic.fromHex("fabfb5da"), Chain.REGTEST.defaultPort(),
                Chain.REGTEST.defaultRpcPort(), genesis,
                List.of("dummySeed.invalid."), // as Core: never resolves
                List.of(), // Core: regtest has no fixed seeds
                "bcrt", 1000, consensus);
    }

    /** chainparams.cpp: a signet's magic is the first 4 bytes of SHA-256d of its serialised challenge. */
    public static Magic signetMagic(Bytes challenge) {
        WireWriter out = new WireWriter();
        challenge.write(out);
        byte[] hash = Sha256.hashTwice(out.array(), 0, out.size());
        return Magic.of(hash, 0);
    }
}
