package org.btcnode.net.sync;

import org.btcnode.core.chain.ChainWork;

final class ChainSyncTestSupport {
    private ChainSyncTestSupport() {
    }

    static ChainWork defaultMinimumWork() {
        return new ChainWork(SyncHarness.PARAMS.consensus().minimumChainWork());
    }
}
