package org.btcnode.daemon;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

import org.btcnode.core.message.Address;
import org.btcnode.core.message.NetAddress;
import org.btcnode.core.message.ServiceFlags;
import org.btcnode.core.params.NetworkParameters;
import org.btcnode.core.store.MemoryBlockStore;
import org.btcnode.core.store.MemoryHeaderStore;
import org.btcnode.core.store.AddressBookStore;
import org.btcnode.core.types.Bytes;
import org.btcnode.daemon.config.ConfigException;
import org.btcnode.daemon.config.NodeOptions;
import org.btcnode.daemon.config.OptionsParser;
import org.btcnode.net.P2PNetwork;
import org.btcnode.net.addrman.AddrMan;
import org.btcnode.net.addrman.InMemoryAddressBookStore;
import org.btcnode.net.connman.ConnectionOptions;
import org.btcnode.net.connman.InMemoryBanStore;
import org.btcnode.net.discovery.Bootstrap;
import org.btcnode.net.transport.TransportOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The address book across a restart of the daemon's services: a node with its RocksDB database
 * learns addresses from a peer over loopback (the getaddr answer), stops, starts again with no
 * peer at all and holds exactly the same addresses.
 */
class AddressBookRestartTest {
    private static final ServiceFlags FULL = ServiceFlags.of(ServiceFlags.NODE_NETWORK, ServiceFlags.NODE_WITNESS);

    @TempDir
    Path home;

    private NodeOptions options(String... args) throws Exception {
        Path datadir = home.resolve("data");
        Files.createDirectories(datadir.resolve("regtest"));
        List<String> all = new ArrayList<>(List.of("-regtest", "-datadir=" + datadir, "-printtoconsole=0",
                "-listen=0"));
        all.addAll(List.of(args));
        return OptionsParser.parse(all, home);
    }

    /** A node-net peer on 127.0.0.1 whose book holds 100 routable addresses (a getaddr answers 23 %). */
    private static P2PNetwork peerWithAddresses() throws Exception {
        Instant now = Instant.ofEpochSecond(Instant.now().getEpochSecond());
        AddrMan book = AddrMan.load(new InMemoryAddressBookStore(), new Random(5), InstantSource.system());
        List<Address> addresses = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            addresses.add(new Address(now, FULL, NetAddress.ipv4(20 + i / 250, i % 250 + 1, 3, 4), 8333));
        }
        book.add(addresses, NetAddress.ipv4(9, 9, 9, 9), Duration.ZERO, now);
        ConnectionOptions connection = ConnectionOptions.defaults("0.1.0").withConnect(List.of());
        return P2PNetwork.start(new P2PNetwork.Setup(NetworkParameters.REGTEST, connection,
                TransportOptions.defaults().withIoThreads(1),
                List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)),
                new InMemoryBanStore(), book, null, InstantSource.system(), new MemoryHeaderStore(), new MemoryBlockStore(),
                Bootstrap.Options.disabled()));
    }

    private static Set<String> book(NetworkService net) {
        return net.network().query(m -> {
            Set<String> out = new HashSet<>();
            m.addrMan().getAddr(0, 0, java.util.Optional.empty(), false, Instant.now())
                    .forEach(a -> out.add(a.address() + ":" + a.port()));
            return out;
        });
    }

    @Test
    void everyLearnedAddressIsLoadedAgainAfterARestart() throws Exception {
        Set<String> learned;
        try (P2PNetwork peer = peerWithAddresses()) {
            InetSocketAddress peerAddress = peer.boundAddresses().get(0);
            NodeOptions first = options("-connect=127.0.0.1:" + peerAddress.getPort());
            DatabaseService database = new DatabaseService(first.chainDataDir(), NetworkParameters.REGTEST.magic());
            database.start();
            NetworkService net = new NetworkService(first, "0.1.0", database);
            try {
                net.start();
                // the getaddr answer comes in one addr message: all of it or nothing
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (net.network().query(m -> m.addrMan().size()) == 0 && System.nanoTime() < deadline) {
                    LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
                }
                learned = book(net);
            } finally {
                net.stop();
                database.stop();
            }
        }
        assertThat(learned).hasSizeGreaterThanOrEqualTo(20);   // 23 % of the peer's book, minus slot collisions

        NodeOptions second = options("-connect=0");
        DatabaseService database = new DatabaseService(second.chainDataDir(), NetworkParameters.REGTEST.magic());
        database.start();
        NetworkService net = new NetworkService(second, "0.1.0", database);
        try {
            net.start();
            assertThat(book(net)).isEqualTo(learned);
        } finally {
            net.stop();
            database.stop();
        }
    }

    @Test
    void aCorruptAddressBookStopsStartUpWithOneSentence() throws Exception {
        NodeOptions options = options("-connect=0");
        DatabaseService database = new DatabaseService(options.chainDataDir(), NetworkParameters.REGTEST.magic());
        database.start();
        try {
            // a 2-byte bucketing key: AddrMan.load refuses it as corrupt
            database.addressBookStore().apply(new AddressBookStore.Changes().setKey(Bytes.fromHex("0102")));
            NetworkService net = new NetworkService(options, "0.1.0", database);
            assertThatThrownBy(net::start)
                    .isInstanceOfSatisfying(ConfigException.class,
                            e -> assertThat(e.kind()).isEqualTo(ConfigException.Kind.DATABASE))
                    .hasMessageStartingWith("The address book is corrupt: the bucketing key is not 32 non-zero bytes.")
                    .hasMessageNotContaining("\n");
        } finally {
            database.stop();
        }
    }
}
