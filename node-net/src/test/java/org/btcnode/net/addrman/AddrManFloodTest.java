package org.btcnode.net.addrman;

import static org.assertj.core.api.Assertions.assertThat;
import static org.btcnode.net.addrman.AddrManFixtures.NOW;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.btcnode.core.message.Address;
import org.btcnode.core.message.NetAddress;
import org.btcnode.core.message.ServiceFlags;
import org.btcnode.core.store.AddressSource.Candidate;
import org.junit.jupiter.api.Test;

/**
 * An eclipse attempt by flooding: 100,000 addresses in one /16 (250.5.0.0/16), announced by a
 * peer in that /16, against 300 honest addresses in distinct groups from distinct sources.
 *
 * <p>Why the bound holds: all flood addresses share one address group and one source group, so
 * GetNewBucket sends them to one new bucket (hash1 depends only on the two groups), which holds
 * at most ADDRMAN_BUCKET_SIZE = 64 of them. Select picks a random bucket, skipping empty ones, so
 * each occupied bucket is equally likely: with about 260 buckets holding honest addresses the
 * flood is chosen about 1 time in 260 (≈ 4 of 1,000). We assert at most 50 of 1,000 selections
 * (5 %), a margin of over 20 standard deviations, yet 20 times below what the flood would get if
 * selection followed the number of addresses (99.7 %).
 */
class AddrManFloodTest {
    private static final int FLOOD = 100_000;

    @Test
    void aFloodFromOneSlash16LeavesSelectionDiverse() {
        AddrMan am = AddrManFixtures.deterministic();
        NetAddress attacker = NetAddress.ipv4(250, 5, 0, 1);
        List<Address> batch = new ArrayList<>();
        for (int i = 0; i < FLOOD; i++) {
            batch.add(new Address(NOW, ServiceFlags.NODE_NETWORK, NetAddress.ipv4(250, 5, i >>> 8 & 0xff, i & 0xff),
                    8333 + i / 65536));
            if (batch.size() == 1000) {                        // MAX_ADDR_TO_SEND per addr message
                am.add(batch, attacker, Duration.ofHours(2), NOW);
                batch.clear();
            }
        }
        int honest = 0;
        for (int i = 1; i <= 300; i++) {
            NetAddress a = NetAddress.ipv4(1 + i % 200, 1 + i / 2, 7, 7);
            NetAddress source = NetAddress.ipv4(30 + i % 150, i, 3, 3);
            if (am.add(List.of(new Address(NOW, ServiceFlags.NODE_NETWORK, a, 8333)), source, Duration.ZERO, NOW)) {
                honest++;
            }
        }
        long floodHeld = am.getAddr(0, 0, Optional.empty(), false, NOW).stream()
                .filter(AddrManFloodTest::inFlood).count();
        assertThat(floodHeld).isPositive().isLessThanOrEqualTo(AddrMan.ADDRMAN_BUCKET_SIZE);
        assertThat(honest).isGreaterThan(250);

        int flooded = 0;
        for (int i = 0; i < 1000; i++) {
            Candidate c = am.select(false, NOW).orElseThrow();
            if (inFlood(c.address())) {
                flooded++;
            }
        }
        assertThat(flooded).isLessThanOrEqualTo(50);
        am.check();
    }

    private static boolean inFlood(Address a) {
        byte[] b = a.address().bytes().toByteArray();
        return (b[0] & 0xff) == 250 && b[1] == 5;
    }
}
