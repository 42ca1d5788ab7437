package org.btcnode.net.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.btcnode.core.chain.ChainWork;
import org.btcnode.core.message.Address;
import org.btcnode.core.message.GetData;
import org.btcnode.core.message.Inventory;
import org.btcnode.core.message.Message;
import org.btcnode.core.message.BlockMessage;
import org.btcnode.core.message.Verack;
import org.btcnode.core.params.NetworkParameters;
import org.btcnode.core.store.HeaderStore;
import org.btcnode.core.store.MemoryBlockStore;
import org.btcnode.core.store.MemoryHeaderStore;
import org.btcnode.core.types.Block;
import org.btcnode.core.types.Hash256;
import org.btcnode.net.addrman.AddrMan;
import org.btcnode.net.addrman.InMemoryAddressBookStore;
import org.btcnode.net.connman.BanMan;
import org.btcnode.net.connman.ConnectionManager;
import org.btcnode.net.connman.ConnectionOptions;
import org.btcnode.net.connman.InMemoryBanStore;
import org.btcnode.net.connman.StaticAddressSource;
import org.btcnode.net.logic.ManualNodeLoop;
import org.btcnode.net.testing.ChainStores;
import org.btcnode.net.testing.FakeTransport;
import org.btcnode.net.testing.FakeTransport.FakeConnection;
import org.btcnode.net.testing.NodeHarness;

/**
 * A connection manager with chain sync on a {@link FakeTransport}, a manual clock and in-memory
 * stores, plus regtest chains to feed it: the node-logic side of chain sync without sockets.
 */
final class SyncHarness {
    static final NetworkParameters PARAMS = NetworkParameters.REGTEST;
    static final Instant T0 = NodeHarness.T0;

    final ManualNodeLoop loop = new ManualNodeLoop(T0);
    final FakeTransport transport = new FakeTransport(loop);
    final MemoryHeaderStore headerStore;
    final MemoryBlockStore blockStore;
    final BanMan banMan = new BanMan(new InMemoryBanStore(), loop.clock(), Duration.ofHours(24));
    final ChainSync chain;
    final ConnectionManager manager;
    private int nextIp = 1;

    SyncHarness() {
        this(new MemoryHeaderStore(), new MemoryBlockStore(), new ChainWork(PARAMS.consensus().minimumChainWork()));
    }

    SyncHarness(MemoryHeaderStore headers, MemoryBlockStore blocks, ChainWork minimumChainWork) {
        this(headers, blocks, minimumChainWork, null, ConnectionOptions.defaults("0.1.0"));
    }

    /** With the chain already in the stores, dialling outbound peers from {@code outbound}. */
    SyncHarness(MemoryHeaderStore headers, MemoryBlockStore blocks, List<Address> outbound) {
        this(headers, blocks, new ChainWork(PARAMS.consensus().minimumChainWork()), outbound,
                ConnectionOptions.defaults("0.1.0"));
    }

    /** With the chain already in the stores and these connection options (no outbound peers). */
    SyncHarness(MemoryHeaderStore headers, MemoryBlockStore blocks, ConnectionOptions options) {
        this(headers, blocks, new ChainWork(PARAMS.consensus().minimumChainWork()), null, options);
    }

    private SyncHarness(MemoryHeaderStore headers, MemoryBlockStore blocks, ChainWork minimumChainWork,
            List<Address> outbound, ConnectionOptions options) {
        headerStore = headers;
        blockStore = blocks;
        chain = ChainSync.start(PARAMS, minimumChainWork, headers, blocks, loop.clock(), new Random(3));
        AddrMan addrMan = AddrMan.load(new InMemoryAddressBookStore(), new Random(4), loop.clock());
        manager = outbound == null
                ? new ConnectionManager(options, loop, transport, addrMan, banMan, new Random(5), null, chain)
                : new ConnectionManager(options, loop, transport, addrMan,
                        new StaticAddressSource(outbound, new Random(6)), banMan, new Random(5), null, chain);
        transport.setEvents(manager);
        manager.start();
    }

    /** {@code count} coinbase-only blocks on genesis, one a minute, the last an hour before T0 (a recent tip). */
    static List<Block> recentChain(int count) {
        return ChainStores.recentChain(count, T0, 0);
    }

    static void preload(HeaderStore headers, MemoryBlockStore blocks, List<Block> chain) {
        ChainStores.preload(headers, blocks, chain);
    }

    /** An inbound peer from a routable address (so it can be discouraged) that finished its handshake. */
    FakeConnection inboundPeer() {
        FakeConnection c = transport.inbound(FakeTransport.socket("203.0.113." + nextIp++, 18444));
        c.receive(NodeHarness.version(0x1234 + nextIp));
        c.receive(new Verack());
        return c;
    }

    /** The hashes of every block the node asked this peer for, in order. */
    static List<Hash256> requested(FakeConnection c) {
        List<Hash256> out = new ArrayList<>();
        for (GetData g : c.sent(GetData.class)) {
            g.inventory().stream().map(Inventory::hash).forEach(out::add);
        }
        return out;
    }

    /**
     * Plays a peer that has {@code blocks}: answers every getdata it was sent (and those its
     * answers trigger) until no request is left; returns how many blocks it sent.
     */
    static int serve(FakeConnection c, List<Block> blocks) {
        Map<Hash256, Block> byHash = new HashMap<>();
        blocks.forEach(b -> byHash.put(b.hash(), b));
        int served = 0;
        int answered = 0;
        while (true) {
            List<Hash256> asked = requested(c);
            if (answered == asked.size() || c.isClosed()) {
                return served;
            }
            List<Hash256> batch = asked.subList(answered, asked.size());
            answered = asked.size();
            for (Hash256 h : List.copyOf(batch)) {
                Block b = byHash.get(h);
                if (b != null) {
                    c.receive(new BlockMessage(b));
                    served++;
                }
            }
        }
    }

    static <T extends Message> T last(FakeConnection c, Class<T> type) {
        List<T> all = c.sent(type);
        if (all.isEmpty()) {
            throw new AssertionError("no " + type.getSimpleName() + " sent: " + c.sentTypes());
        }
        return all.get(all.size() - 1);
    }
}
