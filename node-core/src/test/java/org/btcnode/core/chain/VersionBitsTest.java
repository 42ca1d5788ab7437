package org.btcnode.core.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.btcnode.core.chain.VersionBits.ThresholdState;
import org.btcnode.core.params.Bip9Deployment;
import org.btcnode.core.params.ConsensusParams;
import org.btcnode.core.params.NetworkParameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class VersionBitsTest {
    private static final ConsensusParams REGTEST = NetworkParameters.REGTEST.consensus();
    private static Map<Integer, BlockIndexEntry> chain;

    @BeforeAll
    static void loadCoreChain() {
        BlockAssemblerTest.loadCoreChain();
        chain = BlockAssemblerTest.coreChain();
    }

    @Test
    void computesTheVersionCoreMinedEveryRegtestBlockWith() {
        // 450 blocks Bitcoin Core mined: DEFINED to 143, STARTED 144-287 (bit 28), LOCKED_IN
        // 288-431 (still bit 28), ACTIVE from 432.
        for (int h = 1; h <= 450; h++) {
            assertThat(VersionBits.computeBlockVersion(chain.get(h - 1), REGTEST)).as("height %d", h)
                    .isEqualTo(chain.get(h).version());
        }
        assertThat(chain.get(143).version()).isEqualTo(0x20000000);
        assertThat(chain.get(144).version()).isEqualTo(0x30000000);
        assertThat(chain.get(431).version()).isEqualTo(0x30000000);
        assertThat(chain.get(432).version()).isEqualTo(0x20000000);
    }

    @Test
    void testDummyGoesThroughEveryStateOnCoresChain() {
        Bip9Deployment dummy = REGTEST.testDummy();
        assertThat(VersionBits.getStateFor(null, dummy)).isEqualTo(ThresholdState.DEFINED);
        assertThat(VersionBits.getStateFor(chain.get(142), dummy)).isEqualTo(ThresholdState.DEFINED);
        assertThat(VersionBits.getStateFor(chain.get(143), dummy)).isEqualTo(ThresholdState.STARTED);
        assertThat(VersionBits.getStateFor(chain.get(286), dummy)).isEqualTo(ThresholdState.STARTED);
        assertThat(VersionBits.getStateFor(chain.get(287), dummy)).isEqualTo(ThresholdState.LOCKED_IN);
        assertThat(VersionBits.getStateFor(chain.get(431), dummy)).isEqualTo(ThresholdState.ACTIVE);
        assertThat(VersionBits.getStateFor(chain.get(450), dummy)).isEqualTo(ThresholdState.ACTIVE);
        assertThat(VersionBits.getStateFor(chain.get(10), REGTEST.taproot())).isEqualTo(ThresholdState.ACTIVE);
    }

    @Test
    void thresholdsTimeoutsAndStartTimesOnCoresChain() {
        // Every block of 144-287 signalled bit 28: even a threshold of all 144 locks in. Nobody
        // signalled bit 27: STARTED for ever, or FAILED at the first period end past a timeout.
        Bip9Deployment strict = new Bip9Deployment(28, 0, Bip9Deployment.NO_TIMEOUT, 0, 144, 144);
        assertThat(VersionBits.getStateFor(chain.get(287), strict)).isEqualTo(ThresholdState.LOCKED_IN);
        Bip9Deployment unreachable = new Bip9Deployment(27, 0, Bip9Deployment.NO_TIMEOUT, 0, 1, 144);
        assertThat(VersionBits.getStateFor(chain.get(450), unreachable)).isEqualTo(ThresholdState.STARTED);
        Bip9Deployment timedOut = new Bip9Deployment(27, 0, 1_600_000_000L, 0, 1, 144);
        assertThat(VersionBits.getStateFor(chain.get(287), timedOut)).isEqualTo(ThresholdState.FAILED);
        Bip9Deployment late = new Bip9Deployment(27, 1_800_000_000L, Bip9Deployment.NO_TIMEOUT, 0, 1, 144);
        assertThat(VersionBits.getStateFor(chain.get(450), late)).isEqualTo(ThresholdState.DEFINED);
        Bip9Deployment never = new Bip9Deployment(27, Bip9Deployment.NEVER_ACTIVE, Bip9Deployment.NO_TIMEOUT, 0, 1, 144);
        assertThat(VersionBits.getStateFor(chain.get(450), never)).isEqualTo(ThresholdState.FAILED);
        // A minimum activation height keeps a locked-in deployment LOCKED_IN until it is reached.
        Bip9Deployment delayed = new Bip9Deployment(28, 0, Bip9Deployment.NO_TIMEOUT, 1000, 108, 144);
        assertThat(VersionBits.getStateFor(chain.get(450), delayed)).isEqualTo(ThresholdState.LOCKED_IN);
    }

    @Test
    void onlyTopBits001CountAsSignals() {
        Bip9Deployment dummy = REGTEST.testDummy();
        assertThat(VersionBits.signals(0x30000000, dummy)).isTrue();
        assertThat(VersionBits.signals(0x20000000, dummy)).isFalse();
        assertThat(VersionBits.signals(0x70000000, dummy)).isFalse();   // top bits 011
        assertThat(VersionBits.signals(0x10000000, dummy)).isFalse();   // top bits 000
    }
}
