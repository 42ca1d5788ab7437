package org.btcnode.core.params;

/**
 * Tuning of the anti-DoS headers pre-sync (kernel/chainparams.h {@code HeadersSyncParams}), per
 * chain, with the values Core's {@code headerssync-params.py} generated (kernel/chainparams.cpp,
 * Core 30). Not consensus: a peer's memory cost during pre-sync is one bit per
 * {@code commitmentPeriod} headers plus a buffer of {@code redownloadBufferSize} headers.
 * Immutable.
 *
 * @param commitmentPeriod     one commitment bit is kept every this many headers
 * @param redownloadBufferSize headers held back during redownload until that many later headers
 *                             have matched their commitments
 */
public record HeadersSyncParams(int commitmentPeriod, int redownloadBufferSize) {
    public HeadersSyncParams {
        if (commitmentPeriod <= 0 || redownloadBufferSize < 0) {
            throw new IllegalArgumentException("commitment period " + commitmentPeriod + ", buffer "
                    + redownloadBufferSize);
        }
    }

    /** kernel/chainparams.cpp: {@code m_headers_sync_params} of each chain. */
    public static HeadersSyncParams of(Chain chain) {
        return switch (chain) {
            case MAIN -> new HeadersSyncParams(632, 15009);      // generated 2025-09-01, ~23.7 commitments
            case TESTNET3 -> new HeadersSyncParams(628, 13460);  // generated 2025-09-03, ~21.4 commitments
            case TESTNET4 -> new HeadersSyncParams(275, 7017);   // generated 2025-09-03, ~25.5 commitments
            case SIGNET -> new HeadersSyncParams(390, 9584);     // generated 2025-09-03, ~24.6 commitments
            case REGTEST -> new HeadersSyncParams(275, 7017);    // "Copied from Testnet4."
        };
    }
}
