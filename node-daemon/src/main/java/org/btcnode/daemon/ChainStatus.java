package org.btcnode.daemon;

/**
 * The chain figures of the status line: the best header's and the best block's height and Core's
 * verification progress (0..1, {@code GuessVerificationProgress}), read from chain sync through
 * the daemon's {@code NetworkChainView}; {@link #GENESIS} is a node that knows only genesis. Immutable.
 *
 * @param headers height of the best known header ({@code getblockchaininfo}'s {@code headers})
 * @param blocks height of the active chain's tip ({@code blocks})
 * @param verificationProgress {@code verificationprogress}, between 0 and 1
 */
public record ChainStatus(int headers, int blocks, double verificationProgress) {
    /** A node that knows only the genesis block. */
    public static final ChainStatus GENESIS = new ChainStatus(0, 0, 0.0);

    public ChainStatus {
        if (headers < 0 || blocks < 0 || !(verificationProgress >= 0.0 && verificationProgress <= 1.0)) {
            throw new IllegalArgumentException("bad chain status: headers " + headers + ", blocks " + blocks
                    + ", progress " + verificationProgress);
        }
    }
}
