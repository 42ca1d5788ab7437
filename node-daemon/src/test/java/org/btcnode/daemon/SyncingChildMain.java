package org.btcnode.daemon;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.btcnode.core.params.NetworkParameters;
import org.btcnode.net.P2PNetwork;
import org.btcnode.net.addrman.AddrMan;
import org.btcnode.net.addrman.InMemoryAddressBookStore;
import org.btcnode.net.connman.ConnectionOptions;
import org.btcnode.net.connman.InMemoryBanStore;
import org.btcnode.net.discovery.Bootstrap;
import org.btcnode.net.transport.TransportOptions;
import org.btcnode.store.rocksdb.NodeDatabase;
import org.btcnode.store.rocksdb.RocksBlockStore;
import org.btcnode.store.rocksdb.RocksHeaderStore;
import org.slf4j.LoggerFactory;

/**
 * The child JVM of {@link KillDuringSyncScenarioTest}: a regtest node on the RocksDB header index
 * and block store of the chain directory given as its first argument, wired as the daemon wires
 * them, that syncs from the node on 127.0.0.1 at the port given second ({@code -connect}, no
 * listening). It prints "committed H" for each height H its active tip reaches (block stored and
 * indexed), counting up by one, until it is killed. Logging is off: stdout carries the reports only.
 */
public final class SyncingChildMain {
    private static final long POLL_NANOS = 1_000_000;

    private SyncingChildMain() {
    }

    public static void main(String[] args) throws Exception {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.OFF);
        Path chainDir = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        NetworkParameters params = NetworkParameters.REGTEST;
        NodeDatabase db = NodeDatabase.openChainDatabase(chainDir);           // never closed: we get killed
        RocksHeaderStore headers = new RocksHeaderStore(db);
        RocksBlockStore blocks = RocksBlockStore.openInChainDir(db, chainDir, params.magic());
        InstantSource clock = InstantSource.system();
        ConnectionOptions connection = ConnectionOptions.defaults("0.1.0")
                .withConnect(List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)));
        P2PNetwork network = P2PNetwork.start(new P2PNetwork.Setup(params, connection,
                TransportOptions.defaults().withIoThreads(1), List.of(), new InMemoryBanStore(),
                AddrMan.load(new InMemoryAddressBookStore(), new Random(1), clock), null, clock, headers, blocks,
                Bootstrap.Options.disabled()));
        int reported = network.queryChain(c -> c.activeTip().height());
        while (true) {
            int height = network.queryChain(c -> c.activeTip().height());
            while (reported < height) {
                reported++;
                System.out.println("committed " + reported);
            }
            System.out.flush();
            LockSupport.parkNanos(POLL_NANOS);
        }
    }
}
