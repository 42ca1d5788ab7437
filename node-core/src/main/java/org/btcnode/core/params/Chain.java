package org.btcnode.core.params;

import java.util.Arrays;
import java.util.Optional;

/**
 * The chains btcnode can run, with the names Core uses for {@code -chain=}, the config-file
 * section and the datadir sub-directory ({@code chainparamsbase.cpp}). Immutable.
 */
public enum Chain {
    /** Mainnet: section {@code [main]}, datadir root. */
    MAIN("main", "main", "", 8333, 8332),
    /** testnet3: {@code -testnet}, section {@code [test]}. */
    TESTNET3("test", "test", "testnet3", 18333, 18332),
    /** testnet4 (BIP94): {@code -testnet4}. */
    TESTNET4("testnet4", "testnet4", "testnet4", 48333, 48332),
    /** The default signet (no {@code -signetchallenge}). */
    SIGNET("signet", "signet", "signet", 38333, 38332),
    /** Local regression-test chain. */
    REGTEST("regtest", "regtest", "regtest", 18444, 18443);

    private final String id;
    private final String section;
    private final String dataDirName;
    private final int defaultPort;
    private final int defaultRpcPort;

    Chain(String id, String section, String dataDirName, int defaultPort, int defaultRpcPort) {
        this.id = id;
        this.section = section;
        this.dataDirName = dataDirName;
        this.defaultPort = defaultPort;
        this.defaultRpcPort = defaultRpcPort;
    }

    /** The value of {@code -chain=} and of {@code getblockchaininfo.chain}. */
    public String id() {
        return id;
    }

    /** The section name in bitcoin.conf. */
    public String section() {
        return section;
    }

    /** The sub-directory of the datadir ("" for mainnet, which lives at the root). */
    public String dataDirName() {
        return dataDirName;
    }

    public int defaultPort() {
        return defaultPort;
    }

    public int defaultRpcPort() {
        return defaultRpcPort;
    }

    /** The chain for a {@code -chain=} value. */
    public static Optional<Chain> fromId(String id) {
        return Arrays.stream(values()).filter(c -> c.id.equals(id)).findFirst();
    }
}
