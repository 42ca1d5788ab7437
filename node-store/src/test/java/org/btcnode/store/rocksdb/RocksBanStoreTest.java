package org.btcnode.store.rocksdb;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

import org.btcnode.core.message.NetAddress;
import org.btcnode.core.message.NetworkId;
import org.btcnode.core.store.BanEntry;
import org.btcnode.core.store.StoreException;
import org.btcnode.core.store.Subnet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Bans on disk: every network round-trips exactly, changes are written through, undecodable records
 * are CORRUPT.
 */
class RocksBanStoreTest {
    @TempDir
    Path chainDir;

    private static Subnet subnet(String text) {
        return Subnet.parse(text).orElseThrow();
    }

    @Test
    void bansOfEveryNetworkSurviveAReopenExactly() {
        Map<Subnet, BanEntry> expected = new HashMap<>();
        expected.put(subnet("1.2.3.0/24"), new BanEntry(Instant.ofEpochSecond(1_700_000_000L),
                Instant.ofEpochSecond(1_700_086_400L)));
        expected.put(subnet("2001:db8::/32"), new BanEntry(Instant.ofEpochSecond(1_700_000_001L, 123_456_789),
                Instant.ofEpochSecond(1_700_086_401L, 999_999_999)));
        expected.put(subnet("0.0.0.0/0"), new BanEntry(Instant.EPOCH, Instant.MAX));
        byte[] onion = new byte[32];
        onion[0] = 7;
        expected.put(Subnet.single(NetAddress.of(NetworkId.TORV3, onion)),
                new BanEntry(Instant.ofEpochSecond(5), Instant.ofEpochSecond(6)));
        expected.put(Subnet.single(NetAddress.of(NetworkId.I2P, new byte[32])),
                new BanEntry(Instant.ofEpochSecond(5), Instant.ofEpochSecond(7)));
        try (NodeDatabase db = NodeDatabase.openChainDatabase(chainDir)) {
            RocksBanStore store = new RocksBanStore(db);
            assertThat(store.list()).isEmpty();
            expected.forEach(store::ban);
            assertThat(store.list()).isEqualTo(expected);
        }
        try (NodeDatabase db = NodeDatabase.openChainDatabase(chainDir)) {
            assertThat(new RocksBanStore(db).list()).isEqualTo(expected);
        }
    }

    @Test
    void banReplacesRemoveAndClearAreWrittenThrough() {
        Subnet a = subnet("10.0.0.1");
        Subnet b = subnet("10.1.0.0/16");
        try (NodeDatabase db = NodeDatabase.openChainDatabase(chainDir)) {
            RocksBanStore store = new RocksBanStore(db);
            store.ban(a, new BanEntry(Instant.ofEpochSecond(1), Instant.ofEpochSecond(2)));
            store.ban(a, new BanEntry(Instant.ofEpochSecond(1), Instant.ofEpochSecond(3)));
            store.ban(b, new BanEntry(Instant.ofEpochSecond(1), Instant.ofEpochSecond(4)));
            assertThat(store.remove(subnet("10.1.0.0/17"))).isFalse();     // only the exact subnet
            assertThat(store.remove(b)).isTrue();
            assertThat(store.remove(b)).isFalse();
        }
        try (NodeDatabase db = NodeDatabase.openChainDatabase(chainDir)) {
            RocksBanStore store = new RocksBanStore(db);
            assertThat(store.list()).containsExactly(Map.entry(a,
                    new BanEntry(Instant.ofEpochSecond(1), Instant.ofEpochSecond(3))));
            store.ban(b, new BanEntry(Instant.ofEpochSecond(1), Instant.ofEpochSecond(4)));
            store.clear();
            assertThat(store.list()).isEmpty();
        }
        try (NodeDatabase db = NodeDatabase.openChainDatabase(chainDir)) {
            assertThat(new RocksBanStore(db).list()).isEmpty();
        }
    }

    @Test
    void recordsHaveTheDocumentedLayout() {
        // key: network id 1 (IPv4) | 1.2.3.0 | prefix 24 (uint16 LE)
        assertThat(HexFormat.of().formatHex(RocksBanStore.encodeKey(subnet("1.2.3.0/24")))).isEqualTo("01010203001800");
        // value: format 1 | created 0x65536500 s, 5 ns | until 0x100000000 s, 0 ns (all little-endian)
        assertThat(HexFormat.of().formatHex(RocksBanStore.encodeValue(new BanEntry(
                Instant.ofEpochSecond(0x65536500L, 5), Instant.ofEpochSecond(0x1_0000_0000L)))))
                .isEqualTo("01" + "0065536500000000" + "05000000" + "0000000001000000" + "00000000");
    }

    @Test
    void anUndecodableRecordIsCorruptionNamingThePathAndTheKey() {
        try (NodeDatabase db = NodeDatabase.openChainDatabase(chainDir)) {
            db.update(batch -> batch.put(db.handle(NodeDatabase.Family.BANS),
                    RocksBanStore.encodeKey(subnet("1.2.3.4")), new byte[] {2, 0, 0}));
        }
        Path path = chainDir.resolve("db");
        try (NodeDatabase db = NodeDatabase.openChainDatabase(chainDir)) {
            assertThatThrownBy(() -> new RocksBanStore(db))
                    .isInstanceOfSatisfying(StoreException.class,
                            e -> assertThat(e.kind()).isEqualTo(StoreException.Kind.CORRUPT))
                    .hasMessage("the database in " + path + " is corrupt (undecodable bans record: key 01010203042000,"
                            + " unknown record format 2); move " + path + " aside to start with an empty one (the"
                            + " address book is rebuilt from the network, bans are lost) or restore a backup");
        }
        try (NodeDatabase db = NodeDatabase.openChainDatabase(chainDir)) {   // still there: nothing was deleted
            assertThatThrownBy(() -> new RocksBanStore(db)).isInstanceOf(StoreException.class);
        }
    }

    @Test
    void aTruncatedRecordIsCorruption() {
        byte[] value = RocksBanStore.encodeValue(new BanEntry(Instant.ofEpochSecond(1), Instant.ofEpochSecond(2)));
        try (NodeDatabase db = NodeDatabase.openChainDatabase(chainDir)) {
            db.update(batch -> batch.put(db.handle(NodeDatabase.Family.BANS),
                    RocksBanStore.encodeKey(subnet("1.2.3.4")), java.util.Arrays.copyOf(value, value.length - 1)));
            assertThatThrownBy(() -> new RocksBanStore(db))
                    .isInstanceOfSatisfying(StoreException.class,
                            e -> assertThat(e.kind()).isEqualTo(StoreException.Kind.CORRUPT))
                    .hasMessageContaining("(undecodable bans record: key 01010203042000, ");
        }
    }
}
