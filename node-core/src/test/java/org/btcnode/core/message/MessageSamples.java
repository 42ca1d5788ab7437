package org.btcnode.core.message;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.btcnode.core.types.Amount;
import org.btcnode.core.types.Block;
import org.btcnode.core.types.BlockHeader;
import org.btcnode.core.types.Bytes;
import org.btcnode.core.types.Hash256;
import org.btcnode.core.types.OutPoint;
import org.btcnode.core.types.Transaction;
import org.btcnode.core.types.TxIn;
import org.btcnode.core.types.TxOut;

/** One hand-made message of every type, and jqwik generators of every type, for the codec tests. */
final class MessageSamples {
    private MessageSamples() {
    }

    static Hash256 hash(int seed) {
        byte[] b = new byte[32];
        for (int i = 0; i < 32; i++) {
            b[i] = (byte) (seed * 31 + i);
        }
        return Hash256.wrap(b);
    }

    static Address address(NetAddress a, int port) {
        return new Address(Instant.ofEpochSecond(1_700_000_000L), ServiceFlags.of(ServiceFlags.NODE_NETWORK,
                ServiceFlags.NODE_WITNESS), a, port);
    }

    static BlockHeader header(int seed) {
        return new BlockHeader(0x20000000, hash(seed), hash(seed + 1), 1_700_000_000L + seed, 0x1d00ffffL,
                seed * 7919L);
    }

    /** A segwit transaction: one input with a two-item witness, two outputs. */
    static Transaction transaction(int seed) {
        TxIn in = new TxIn(new OutPoint(hash(seed), seed), Bytes.EMPTY, 0xfffffffdL,
                List.of(Bytes.fromHex("3044" + "ab".repeat(68)), Bytes.fromHex("02" + "cd".repeat(32))));
        return new Transaction(2, List.of(in), List.of(new TxOut(Amount.ofSats(50_000L + seed),
                Bytes.fromHex("0014" + "ef".repeat(20))), new TxOut(Amount.ofSats(1), Bytes.fromHex("6a"))), 0);
    }

    /** A legacy transaction (no witness). */
    static Transaction legacyTransaction(int seed) {
        TxIn in = new TxIn(new OutPoint(hash(seed), 0), Bytes.fromHex("47" + "30".repeat(71)), 0xffffffffL);
        return new Transaction(1, List.of(in), List.of(new TxOut(Amount.ofSats(seed), Bytes.fromHex("76a914"
                + "11".repeat(20) + "88ac"))), 0);
    }

    /** A sample of every type but UNKNOWN, each with every list non-empty so truncation bites everywhere. */
    static Map<MessageType, Message> samples() {
        Map<MessageType, Message> m = new EnumMap<>(MessageType.class);
        NetAddress v4 = NetAddress.ipv4(192, 0, 2, 51);
        NetAddress v6 = NetAddress.of(NetworkId.IPV6, TestVectors.hex("20010db8000000000000000000000001"));
        m.put(MessageType.VERSION, new Version(ProtocolVersion.PROTOCOL_VERSION, ServiceFlags.NODE_NETWORK,
                1_700_000_000L,
                new Version.Endpoint(ServiceFlags.NODE_NONE, v4, 8333), Version.Endpoint.NONE, 0x1122334455667788L,
                "/btcnode:0.1.0/", 870_000, true));
        m.put(MessageType.VERACK, new Verack());
        m.put(MessageType.ADDR, new Addr(List.of(address(v4, 8333), address(v6, 18333))));
        m.put(MessageType.ADDRV2, new AddrV2(List.of(address(v4, 8333),
                address(NetAddress.of(NetworkId.TORV3, hash(7).toByteArray()), 8333),
                address(NetAddress.of(NetworkId.I2P, hash(8).toByteArray()), 0),
                address(NetAddress.of(NetworkId.CJDNS, TestVectors.hex("fc000001000200030004000500060007")), 8333))));
        m.put(MessageType.SENDADDRV2, new SendAddrV2());
        List<Inventory> inv = List.of(new Inventory(InventoryType.MSG_WITNESS_TX, hash(1)),
                new Inventory(InventoryType.MSG_BLOCK, hash(2)));
        m.put(MessageType.INV, new Inv(inv));
        m.put(MessageType.GETDATA, new GetData(inv));
        m.put(MessageType.NOTFOUND, new NotFound(inv));
        m.put(MessageType.GETBLOCKS, new GetBlocks(70016, List.of(hash(3), hash(4)), Hash256.ZERO));
        m.put(MessageType.GETHEADERS, new GetHeaders(70016, List.of(hash(5)), hash(6)));
        m.put(MessageType.GETADDR, new GetAddr());
        m.put(MessageType.MEMPOOL, new Mempool());
        m.put(MessageType.PING, new Ping(0x4dafe211211094L));
        m.put(MessageType.PONG, new Pong(-1L));
        m.put(MessageType.FILTERLOAD, new FilterLoad(Bytes.fromHex("b50f"), 11, 0, FilterLoad.BLOOM_UPDATE_NONE));
        m.put(MessageType.FILTERADD, new FilterAdd(Bytes.of(hash(9).toByteArray())));
        m.put(MessageType.FILTERCLEAR, new FilterClear());
        m.put(MessageType.SENDHEADERS, new SendHeaders());
        m.put(MessageType.FEEFILTER, new FeeFilter(48_508));
        m.put(MessageType.SENDCMPCT, new SendCmpct(true, SendCmpct.CMPCTBLOCKS_VERSION));
        m.put(MessageType.GETBLOCKTXN, new GetBlockTxn(hash(10), List.of(0, 1, 2, 5, 10, 20, 50, 100, 300, 65535)));
        m.put(MessageType.GETCFILTERS, new GetCFilters(BlockFilterType.BASIC, 800_000, hash(11)));
        m.put(MessageType.CFILTER, new CFilter(BlockFilterType.BASIC, hash(12), Bytes.fromHex("0104a1c3e2")));
        m.put(MessageType.GETCFHEADERS, new GetCFHeaders(BlockFilterType.BASIC, 0xffffffffL, hash(13)));
        m.put(MessageType.CFHEADERS, new CFHeaders(BlockFilterType.BASIC, hash(14), hash(15), List.of(hash(16),
                hash(17))));
        m.put(MessageType.GETCFCHECKPT, new GetCFCheckpt(BlockFilterType.BASIC, hash(18)));
        m.put(MessageType.CFCHECKPT, new CFCheckpt(BlockFilterType.BASIC, hash(19), List.of(hash(20))));
        m.put(MessageType.WTXIDRELAY, new WtxidRelay());
        m.put(MessageType.TX, new Tx(transaction(21)));
        m.put(MessageType.HEADERS, new Headers(List.of(header(1), header(2))));
        m.put(MessageType.BLOCK, new BlockMessage(new Block(header(3), List.of(legacyTransaction(1), transaction(2)))));
        m.put(MessageType.CMPCTBLOCK, new CmpctBlock(header(4), 0x0102030405060708L, List.of(0L, 0xffffffffffffL,
                0x123456789abcL),
                List.of(new CmpctBlock.PrefilledTransaction(0, legacyTransaction(3)),
                        new CmpctBlock.PrefilledTransaction(2, transaction(4)))));
        m.put(MessageType.BLOCKTXN, new BlockTxn(hash(22), List.of(transaction(5), legacyTransaction(6))));
        m.put(MessageType.MERKLEBLOCK, new MerkleBlock(header(5), 7, List.of(hash(23), hash(24)), Bytes.fromHex("1d")));
        return m;
    }

    // ---- generators ----

    static Arbitrary<Hash256> hashes() {
        return Arbitraries.bytes().array(byte[].class).ofSize(32).map(Hash256::wrap);
    }

    static Arbitrary<Bytes> bytes(int maxLength) {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(maxLength).map(Bytes::of);
    }

    static Arbitrary<ServiceFlags> services() {
        return Arbitraries.longs().map(ServiceFlags::new);
    }

    static Arbitrary<NetAddress> netAddresses(boolean v1Only) {
        Arbitrary<NetworkId> networks = v1Only
                ? Arbitraries.of(NetworkId.IPV4, NetworkId.IPV6)
                : Arbitraries.of(NetworkId.class);
        return networks.flatMap(n -> Arbitraries.bytes().array(byte[].class).ofSize(n.addressLength())
                .filter(b -> n != NetworkId.IPV6 || !(Bytes.of(b).startsWith(NetAddress.IPV4_IN_IPV6_PREFIX)
                        || Bytes.of(b).startsWith(NetAddress.TORV2_IN_IPV6_PREFIX)))
                .map(b -> NetAddress.of(n, b)));
    }

    static Arbitrary<Integer> ports() {
        return Arbitraries.integers().between(0, 0xffff);
    }

    static Arbitrary<Address> addresses(boolean v1Only) {
        return Combinators.combine(Arbitraries.longs().between(0, 0xffffffffL).map(Instant::ofEpochSecond), services(),
                netAddresses(v1Only), ports()).as(Address::new);
    }

    static Arbitrary<Inventory> inventories() {
        return Combinators.combine(Arbitraries.integers().map(InventoryType::new), hashes()).as(Inventory::new);
    }

    static Arbitrary<String> userAgents() {
        return Arbitraries.strings().ofMaxLength(100)
                .filter(s -> StandardCharsets.UTF_8.newEncoder().canEncode(s)
                        && s.getBytes(StandardCharsets.UTF_8).length <= Version.MAX_SUBVERSION_LENGTH);
    }

    static Arbitrary<Version.Endpoint> endpoints() {
        return Combinators.combine(services(), netAddresses(true), ports()).as(Version.Endpoint::new);
    }

    static Arbitrary<List<Integer>> blockTxIndexes() {
        return Arbitraries.integers().between(0, 0xffff).set().ofMaxSize(30)
                .map(s -> new ArrayList<>(new TreeSet<>(s)));
    }

    static Arbitrary<Integer> filterTypes() {
        return Arbitraries.integers().between(0, 0xff);
    }

    static Arbitrary<Long> uint32() {
        return Arbitraries.longs().between(0, 0xffffffffL);
    }

    static Arbitrary<BlockHeader> headers() {
        return Combinators.combine(Arbitraries.integers(), hashes(), hashes(), uint32(), uint32(), uint32())
                .as(BlockHeader::new);
    }

    /** At least one input: with none, the empty input list reads as BIP 144's marker (as in Core). */
    static Arbitrary<Transaction> transactions() {
        Arbitrary<TxIn> inputs = Combinators.combine(hashes(), uint32(), bytes(60), uint32(),
                bytes(40).list().ofMaxSize(3))
                .as((txid, index, script, sequence, witness) -> new TxIn(new OutPoint(txid, index), script,
                        sequence, witness));
        Arbitrary<TxOut> outputs = Combinators.combine(Arbitraries.longs(), bytes(40))
                .as((value, script) -> new TxOut(Amount.ofSats(value), script));
        return Combinators.combine(Arbitraries.integers(), inputs.list().ofMinSize(1).ofMaxSize(3),
                outputs.list().ofMaxSize(3), uint32()).as(Transaction::new);
    }

    static Arbitrary<List<CmpctBlock.PrefilledTransaction>> prefilled() {
        return Combinators.combine(blockTxIndexes().map(l -> l.subList(0, Math.min(l.size(), 4))), transactions())
                .as((indexes, tx) -> indexes.stream().map(i -> new CmpctBlock.PrefilledTransaction(i, tx)).toList());
    }

    /** Messages of one type, lists kept short (the limits have tests of their own). */
    static Arbitrary<? extends Message> arbitrary(MessageType type) {
        return switch (type) {
            case VERSION -> Combinators.combine(Arbitraries.integers().map(ProtocolVersion::new), services(),
                    Arbitraries.longs(), endpoints(), endpoints(), Arbitraries.longs(), userAgents(),
                    Arbitraries.integers()).flatAs((v, s, t, to, from, n, ua, h) ->
                    Arbitraries.of(true, false).map(r -> new Version(v, s, t, to, from, n, ua, h, r)));
            case VERACK -> Arbitraries.just(new Verack());
            case ADDR -> addresses(true).list().ofMaxSize(20).map(Addr::new);
            case ADDRV2 -> addresses(false).list().ofMaxSize(20).map(AddrV2::new);
            case SENDADDRV2 -> Arbitraries.just(new SendAddrV2());
            case INV -> inventories().list().ofMaxSize(20).map(Inv::new);
            case GETDATA -> inventories().list().ofMaxSize(20).map(GetData::new);
            case NOTFOUND -> inventories().list().ofMaxSize(20).map(NotFound::new);
            case GETBLOCKS -> Combinators.combine(Arbitraries.integers(),
                    hashes().list().ofMaxSize(GetBlocks.MAX_LOCATOR_SZ),
                    hashes()).as(GetBlocks::new);
            case GETHEADERS -> Combinators.combine(Arbitraries.integers(),
                    hashes().list().ofMaxSize(GetHeaders.MAX_LOCATOR_SZ),
                    hashes()).as(GetHeaders::new);
            case GETADDR -> Arbitraries.just(new GetAddr());
            case MEMPOOL -> Arbitraries.just(new Mempool());
            case PING -> Arbitraries.longs().map(Ping::new);
            case PONG -> Arbitraries.longs().map(Pong::new);
            case FILTERLOAD -> Combinators.combine(bytes(200),
                    Arbitraries.integers().between(0, FilterLoad.MAX_HASH_FUNCS),
                    Arbitraries.integers(), Arbitraries.integers().between(0, 0xff)).as(FilterLoad::new);
            case FILTERADD -> bytes(FilterAdd.MAX_SCRIPT_ELEMENT_SIZE).map(FilterAdd::new);
            case FILTERCLEAR -> Arbitraries.just(new FilterClear());
            case SENDHEADERS -> Arbitraries.just(new SendHeaders());
            case FEEFILTER -> Arbitraries.longs().map(FeeFilter::new);
            case SENDCMPCT -> Combinators.combine(Arbitraries.of(true, false), Arbitraries.longs()).as(SendCmpct::new);
            case GETBLOCKTXN -> Combinators.combine(hashes(), blockTxIndexes()).as(GetBlockTxn::new);
            case GETCFILTERS -> Combinators.combine(filterTypes(), Arbitraries.longs().between(0, 0xffffffffL),
                    hashes())
                    .as(GetCFilters::new);
            case CFILTER -> Combinators.combine(filterTypes(), hashes(), bytes(300)).as(CFilter::new);
            case GETCFHEADERS -> Combinators.combine(filterTypes(), Arbitraries.longs().between(0, 0xffffffffL),
                    hashes())
                    .as(GetCFHeaders::new);
            case CFHEADERS -> Combinators.combine(filterTypes(), hashes(), hashes(), hashes().list().ofMaxSize(20))
                    .as(CFHeaders::new);
            case GETCFCHECKPT -> Combinators.combine(filterTypes(), hashes()).as(GetCFCheckpt::new);
            case CFCHECKPT -> Combinators.combine(filterTypes(), hashes(),
                    hashes().list().ofMaxSize(20)).as(CFCheckpt::new);
            case WTXIDRELAY -> Arbitraries.just(new WtxidRelay());
            case TX -> transactions().map(Tx::new);
            case HEADERS -> headers().list().ofMaxSize(10).map(Headers::new);
            case BLOCK -> Combinators.combine(headers(), transactions().list().ofMaxSize(4))
                    .as((h, txs) -> new BlockMessage(new Block(h, txs)));
            case CMPCTBLOCK -> Combinators.combine(headers(), Arbitraries.longs(),
                    Arbitraries.longs().between(0, (1L << 48) - 1).list().ofMaxSize(20),
                            prefilled()).as(CmpctBlock::new);
            case BLOCKTXN -> Combinators.combine(hashes(), transactions().list().ofMaxSize(4)).as(BlockTxn::new);
            case MERKLEBLOCK -> Combinators.combine(headers(), uint32(), hashes().list().ofMaxSize(10), bytes(5))
                    .as(MerkleBlock::new);
            case UNKNOWN -> Combinators.combine(
                    Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(12)
                    .filter(c -> MessageType.fromCommand(c).isEmpty()), bytes(100)).as(UnknownMessage::new);
        };
    }

    /** Messages of every type, UNKNOWN included. */
    static Arbitrary<Message> anyMessage() {
        return Arbitraries.of(MessageType.class).flatMap(t -> arbitrary(t).map(m -> (Message) m));
    }
}
