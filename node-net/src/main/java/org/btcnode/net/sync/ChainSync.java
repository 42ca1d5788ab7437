package org.btcnode.net.sync;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

import org.btcnode.core.chain.BlockCheck;
import org.btcnode.core.chain.BlockIndexEntry;
import org.btcnode.core.chain.BlockStatus;
import org.btcnode.core.chain.BlockValidationState;
import org.btcnode.core.chain.ChainWork;
import org.btcnode.core.chain.HeaderTree;
import org.btcnode.core.chain.HeaderValidator;
import org.btcnode.core.chain.HeadersSyncState;
import org.btcnode.core.log.LogCategory;
import org.btcnode.core.message.BlockMessage;
import org.btcnode.core.message.GetBlocks;
import org.btcnode.core.message.GetData;
import org.btcnode.core.message.GetHeaders;
import org.btcnode.core.message.Headers;
import org.btcnode.core.message.Inv;
import org.btcnode.core.message.Inventory;
import org.btcnode.core.message.InventoryType;
import org.btcnode.core.message.Message;
import org.btcnode.core.message.NotFound;
import org.btcnode.core.message.ProtocolVersion;
import org.btcnode.core.message.ServiceFlags;
import org.btcnode.core.params.ConsensusParams;
import org.btcnode.core.params.NetworkParameters;
import org.btcnode.core.store.BlockStore;
import org.btcnode.core.store.HeaderStore;
import org.btcnode.core.store.StoreException;
import org.btcnode.core.types.Block;
import org.btcnode.core.types.BlockHeader;
import org.btcnode.core.types.Bytes;
import org.btcnode.core.types.Hash256;
import org.btcnode.core.types.Transaction;
import org.btcnode.net.connman.ConnectionType;
import org.btcnode.net.connman.NetPermissionFlag;
import org.btcnode.net.peer.ChainHandler;
import org.btcnode.net.peer.Peer;
import org.btcnode.net.peer.PeerId;
import org.btcnode.net.peer.PeerLogic;
import org.btcnode.net.transport.Violation;
import org.slf4j.Logger;

/**
 * Chain sync (net_processing.cpp's headers and block logic): owns the header tree, restored from
 * the {@link HeaderStore} at start, and the active tip; syncs headers, downloads, checks and
 * stores blocks, serves headers and blocks, announces new blocks. Node-logic thread only.
 *
 * <p>The <b>active tip</b>: until full validation lands, the highest block on the best header's
 * chain whose block, and every ancestor's, is stored and passed {@link BlockCheck}. It stands in
 * for Core's {@code m_chain.Tip()}: the download window, serving, announcements and the start
 * height of our {@code version} messages are relative to it.
 */
public final class ChainSync implements ChainHandler {
    /** net_processing.cpp: MAX_BLOCKS_IN_TRANSIT_PER_PEER. */
    public static final int MAX_BLOCKS_IN_TRANSIT_PER_PEER = 16;
    /** net_processing.cpp: BLOCK_DOWNLOAD_WINDOW, how far past the last common block we fetch. */
    public static final int BLOCK_DOWNLOAD_WINDOW = 1024;
    /** net_processing.cpp: BLOCK_STALLING_TIMEOUT_DEFAULT. */
    public static final Duration BLOCK_STALLING_TIMEOUT_DEFAULT = Duration.ofSeconds(2);
    /** net_processing.cpp: BLOCK_STALLING_TIMEOUT_MAX. */
    public static final Duration BLOCK_STALLING_TIMEOUT_MAX = Duration.ofSeconds(64);
    /** net_processing.cpp: HEADERS_DOWNLOAD_TIMEOUT_BASE. */
    public static final Duration HEADERS_DOWNLOAD_TIMEOUT_BASE = Duration.ofMinutes(15);
    /** net_processing.cpp: HEADERS_DOWNLOAD_TIMEOUT_PER_HEADER. */
    public static final Duration HEADERS_DOWNLOAD_TIMEOUT_PER_HEADER = Duration.ofMillis(1);
    /** net_processing.cpp: HEADERS_RESPONSE_TIME, how long a getheaders may stay unanswered before another. */
    public static final Duration HEADERS_RESPONSE_TIME = Duration.ofMinutes(2);
    /** net_processing.cpp: BLOCK_DOWNLOAD_TIMEOUT_BASE, in target spacings. */
    static final double BLOCK_DOWNLOAD_TIMEOUT_BASE = 1.0;
    /** net_processing.cpp: BLOCK_DOWNLOAD_TIMEOUT_PER_PEER, in target spacings per other downloading peer. */
    static final double BLOCK_DOWNLOAD_TIMEOUT_PER_PEER = 0.5;
    /** net_processing.cpp: MAX_BLOCKS_TO_ANNOUNCE. */
    public static final int MAX_BLOCKS_TO_ANNOUNCE = 8;
    /** net_processing.cpp: the getblocks answer holds at most this many inv entries. */
    public static final int MAX_GETBLOCKS_RESULTS = 500;
    /** validation.h: DEFAULT_MAX_TIP_AGE, a tip older than this means initial block download. */
    public static final Duration DEFAULT_MAX_TIP_AGE = Duration.ofHours(24);
    /** net_processing.cpp GetAntiDoSWorkThreshold: headers near the tip need no pre-sync. */
    static final int ANTI_DOS_NEAR_TIP_BLOCKS = 144;
    /** net_processing.cpp: MAX_OUTBOUND_PEERS_TO_PROTECT_FROM_DISCONNECT. */
    static final int MAX_OUTBOUND_PEERS_TO_PROTECT_FROM_DISCONNECT = 4;
    /** net_processing.cpp: HISTORICAL_BLOCK_AGE, blocks older than this are not served past -maxuploadtarget. */
    static final Duration HISTORICAL_BLOCK_AGE = Duration.ofDays(7);
    /** net_processing.cpp TipMayBeStale: a tip unchanged for this many target spacings may be stale. */
    static final int STALE_TIP_SPACINGS = 3;

    private static final Logger log = LogCategory.NET.logger();
    private static final Logger validationLog = LogCategory.VALIDATION.logger();

    private final NetworkParameters params;
    private final ConsensusParams consensus;
    private final ChainWork minimumChainWork;
    private final HeaderTree tree;
    private final HeaderValidator validator;
    private final HeaderStore headerStore;
    private final BlockStore blockStore;
    private final InstantSource clock;
    private final RandomGenerator random;
    private final Map<PeerId, SyncPeer> peers = new LinkedHashMap<>();
    /** mapBlocksInFlight: every block requested, by whom. */
    private final Map<Hash256, SyncPeer> blocksInFlight = new HashMap<>();
    private BlockIndexEntry activeTip;
    private long storedBlocks;
    private int syncStarted;
    private int preferredDownloadPeers;
    private int peersDownloadingFrom;
    private Duration stallingTimeout = BLOCK_STALLING_TIMEOUT_DEFAULT;
    private boolean leftInitialBlockDownload;
    private Hash256 lastBlockInvTriggeringHeadersSync;
    /** m_last_tip_update: null until the first stale-tip check or tip change. */
    private Instant lastTipUpdate;
    /** m_outbound_peers_with_protect_from_disconnect. */
    private int protectedOutboundPeers;

    private ChainSync(NetworkParameters params, ChainWork minimumChainWork, HeaderTree tree, HeaderStore headerStore,
            BlockStore blockStore, InstantSource clock, RandomGenerator random) {
        this.params = params;
        this.consensus = params.consensus();
        this.minimumChainWork = minimumChainWork;
        this.tree = tree;
        this.validator = new HeaderValidator(consensus, clock);
        this.headerStore = headerStore;
        this.blockStore = blockStore;
        this.clock = clock;
        this.random = random;
    }

    /** As {@link #start(NetworkParameters, ChainWork, HeaderStore, BlockStore, InstantSource, RandomGenerator)} with the chain's minimum work. */
    public static ChainSync start(NetworkParameters params, HeaderStore headerStore, BlockStore blockStore,
            InstantSource clock, RandomGenerator random) {
        return start(params, new ChainWork(params.consensus().minimumChainWork()), headerStore, blockStore, clock,
                random);
    }

    /**
     * Rebuilds the header tree from the store (an empty store gets the genesis header and block),
     * checks which blocks of the best chain are really in the block store (the block store is the
     * truth after a crash) and finds the active tip.
     *
     * @param minimumChainWork Core's {@code -minimumchainwork}: chains below it are pre-synced first
     * @throws StoreException if the stores cannot be read or hold an inconsistent index
     */
    public static ChainSync start(NetworkParameters params, ChainWork minimumChainWork, HeaderStore headerStore,
            BlockStore blockStore, InstantSource clock, RandomGenerator random) {
        Objects.requireNonNull(params, "params");
        HeaderTree tree;
        try {
            tree = HeaderTree.restore(params.genesisBlock().header(), headerStore.loadAll(), headerStore.tip());
        } catch (IllegalArgumentException e) {
            throw new StoreException(StoreException.Kind.CORRUPT, "the header index is inconsistent ("
                    + e.getMessage() + "); restart with -reindex");
        }
        ChainSync sync = new ChainSync(params, minimumChainWork, tree, headerStore, blockStore, clock, random);
        sync.loadActiveTip();
        return sync;
    }

    /** Stores the genesis block if missing, then walks the best chain up while its blocks are stored. */
    private void loadActiveTip() {
        BlockIndexEntry genesis = tree.genesis();
        if (!blockStore.contains(genesis.hash())) {
            blockStore.put(genesis.hash(), Bytes.of(params.genesisBlock().toByteArray()));
        }
        List<BlockIndexEntry> changed = new ArrayList<>();
        markHaveData(genesis, changed);
        BlockIndexEntry best = tree.bestHeader();
        BlockIndexEntry tip = genesis;
        for (int h = 1; h <= best.height(); h++) {
            BlockIndexEntry next = best.getAncestor(h);
            if (next.hasFailed() || !blockStore.contains(next.hash())) {
                break;
            }
            markHaveData(next, changed);
            tip = next;
        }
        // a status that claims data the block store lost (e.g. an in-memory block store) is cleared
        for (int h = tip.height() + 1; h <= best.height(); h++) {
            BlockIndexEntry e = best.getAncestor(h);
            if ((e.status() & BlockStatus.BLOCK_HAVE_DATA) != 0 && !blockStore.contains(e.hash())) {
                tree.setStatus(e, e.status() & ~BlockStatus.BLOCK_HAVE_DATA);
                changed.add(e);
            }
        }
        persist(changed);
        for (BlockIndexEntry e : tree.entries()) {
            storedBlocks += (e.status() & BlockStatus.BLOCK_HAVE_DATA) != 0 ? 1 : 0;
        }
        activeTip = tip;
        leftInitialBlockDownload = false;
        log.info("Loaded best chain: hashBestChain={} height={}, best header height={}", tip.hash(), tip.height(),
                best.height());
    }

    private void markHaveData(BlockIndexEntry e, List<BlockIndexEntry> changed) {
        int status = BlockStatus.raiseValidity(e.status() | BlockStatus.BLOCK_HAVE_DATA,
                BlockStatus.BLOCK_VALID_TRANSACTIONS);
        if (status != e.status()) {
            tree.setStatus(e, status);
            changed.add(e);
        }
    }

    // ------------------------------------------------------------------ queries (node-logic thread)

    public HeaderTree tree() {
        return tree;
    }

    public BlockIndexEntry activeTip() {
        return activeTip;
    }

    public BlockIndexEntry bestHeader() {
        return tree.bestHeader();
    }

    @Override
    public int activeHeight() {
        return activeTip.height();
    }

    /** The block on the active chain at this height. */
    public Optional<BlockIndexEntry> activeAt(int height) {
        return height < 0 || height > activeTip.height() ? Optional.empty() : Optional.of(activeTip.getAncestor(height));
    }

    /** Whether the entry is on the active chain (Core's m_chain.Contains). */
    public boolean isActive(BlockIndexEntry e) {
        return e.height() <= activeTip.height() && activeTip.getAncestor(e.height()) == e;
    }

    /** A read-only snapshot for RPC (see {@link ChainSnapshot}). */
    public ChainSnapshot snapshot() {
        return ChainSnapshot.of(this);
    }

    /** getblockheader: the header with this hash. */
    public Optional<ChainSnapshot.HeaderInfo> headerInfo(Hash256 hash) {
        return tree.get(hash).map(e -> ChainSnapshot.HeaderInfo.of(e, this));
    }

    /** getblockhash: the hash at this height on the active chain. */
    public Optional<Hash256> hashAtHeight(int height) {
        return activeAt(height).map(BlockIndexEntry::hash);
    }

    /** getchaintips, highest first. */
    public List<ChainSnapshot.ChainTip> chainTips() {
        return ChainSnapshot.chainTips(this);
    }

    /** Blocks in the block store that the header index records (BLOCK_HAVE_DATA), on any branch. */
    public long storedBlocks() {
        return storedBlocks;
    }

    /** Blocks requested and not yet received, from every peer. */
    public int blocksInFlight() {
        return blocksInFlight.size();
    }

    public BlockStore blockStore() {
        return blockStore;
    }

    /** Current stalling timeout (2 s, doubled per stalling disconnect up to 64 s, decaying back). */
    public Duration stallingTimeout() {
        return stallingTimeout;
    }

    /**
     * validation.cpp IsInitialBlockDownload: the active tip has less than the minimum chain work or
     * is older than 24 hours; once false it stays false (latch).
     */
    public boolean isInitialBlockDownload() {
        if (leftInitialBlockDownload) {
            return false;
        }
        if (activeTip.chainWork().compareTo(minimumChainWork) < 0) {
            return true;
        }
        if (Instant.ofEpochSecond(activeTip.time()).isBefore(clock.instant().minus(DEFAULT_MAX_TIP_AGE))) {
            return true;
        }
        log.info("Leaving InitialBlockDownload (latching to false)");
        leftInitialBlockDownload = true;
        return false;
    }

    @Override
    public PeerSyncStats stats(Peer peer) {
        SyncPeer sp = peers.get(peer.id());
        if (sp == null) {
            return PeerSyncStats.NONE;
        }
        processBlockAvailability(sp);
        int presynced = sp.headersSync != null && sp.headersSync.state() == HeadersSyncState.State.PRESYNC
                ? (int) sp.headersSync.presyncHeight() : -1;
        int syncedHeaders = sp.bestKnownBlock == null ? -1 : sp.bestKnownBlock.height();
        int syncedBlocks = sp.lastCommonBlock == null ? -1 : sp.lastCommonBlock.height();
        return new PeerSyncStats(presynced, syncedHeaders, syncedBlocks,
                sp.inFlight.values().stream().map(BlockIndexEntry::height).toList());
    }

    // ------------------------------------------------------------------ ChainHandler

    @Override
    public void peerReady(Peer peer, PeerLogic logic) {
        boolean preferred = (!peer.inbound() || peer.hasPermission(NetPermissionFlag.NOBAN))
                && peer.connectionType() != ConnectionType.ADDR_FETCH && canServeBlocks(peer);
        SyncPeer sp = new SyncPeer(peer, preferred);
        peers.put(peer.id(), sp);
        if (preferred) {
            preferredDownloadPeers++;
        }
    }

    @Override
    public void peerDisconnected(Peer peer) {
        SyncPeer sp = peers.remove(peer.id());
        if (sp == null) {
            return;
        }
        for (Hash256 hash : sp.inFlight.keySet()) {
            blocksInFlight.remove(hash);
        }
        if (!sp.inFlight.isEmpty()) {
            peersDownloadingFrom--;
        }
        if (sp.syncStarted) {
            syncStarted--;
        }
        if (sp.preferredDownload) {
            preferredDownloadPeers--;
        }
        if (sp.protectFromEviction) {
            protectedOutboundPeers--;
        }
    }

    @Override
    public boolean tipMayBeStale() {
        Instant now = clock.instant();
        if (lastTipUpdate == null) {
            lastTipUpdate = now;
        }
        return lastTipUpdate.isBefore(now.minus(consensus.powTargetSpacing().multipliedBy(STALE_TIP_SPACINGS)))
                && blocksInFlight.isEmpty();
    }

    @Override
    public Instant lastTipUpdate() {
        return lastTipUpdate == null ? Instant.EPOCH : lastTipUpdate;
    }

    @Override
    public EvictionState evictionState(Peer peer) {
        SyncPeer sp = peers.get(peer.id());
        return sp == null ? EvictionState.NONE
                : new EvictionState(sp.lastBlockAnnouncement, sp.protectFromEviction, sp.inFlight.size());
    }

    @Override
    public void processMessage(Peer peer, Message message, PeerLogic logic) {
        SyncPeer sp = peers.get(peer.id());
        if (sp == null) {
            return;
        }
        switch (message.type()) {
            case HEADERS -> onHeaders(sp, ((Headers) message).headers(), logic);
            case GETHEADERS -> onGetHeaders(sp, (GetHeaders) message);
            case GETBLOCKS -> onGetBlocks(sp, (GetBlocks) message);
            case INV -> onInv(sp, (Inv) message);
            case GETDATA -> onGetData(sp, (GetData) message, logic);
            case NOTFOUND -> log.debug("notfound with {} entries ignored (blocks wait for their timeout), peer={}",
                    ((NotFound) message).inventory().size(), peer.id());
            case BLOCK -> onBlock(sp, ((BlockMessage) message).block(), logic);
            default -> throw new IllegalArgumentException("not a chain message: " + message.type());
        }
    }

    // ------------------------------------------------------------------ headers

    /** net_processing.cpp ProcessHeadersMessage. */
    private void onHeaders(SyncPeer sp, List<BlockHeader> received, PeerLogic logic) {
        Peer peer = sp.peer;
        if (received.isEmpty()) {
            sp.headersSync = null;                       // the peer has nothing more: stop any pre-sync
            sp.lastGetHeaders = null;
            return;
        }
        if (!HeaderValidator.checkHeadersPoW(received, consensus)) {
            logic.violation(peer, Violation.INVALID_HEADERS, "header with invalid proof of work or non-continuous "
                    + "headers sequence");
            return;
        }
        List<BlockHeader> headers = received;
        boolean alreadyValidatedWork = false;
        boolean haveHeadersSync = false;
        if (sp.headersSync != null) {
            HeadersSyncState.ProcessingResult result = continueLowWorkHeadersSync(sp, headers);
            headers = result.powValidatedHeaders();
            alreadyValidatedWork = result.success();
            if (headers.isEmpty()) {
                return;
            }
            haveHeadersSync = sp.headersSync != null;
        }
        Optional<BlockIndexEntry> chainStart = tree.get(headers.get(0).prevBlock());
        if (chainStart.isEmpty()) {
            handleUnconnectingHeaders(sp, headers);
            return;
        }
        sp.lastGetHeaders = null;
        Optional<BlockIndexEntry> lastReceived = tree.get(headers.get(headers.size() - 1).hash());
        if (lastReceived.isPresent() && isAncestorOfBestHeaderOrTip(lastReceived.get())) {
            alreadyValidatedWork = true;
        }
        if (peer.hasPermission(NetPermissionFlag.NOBAN)) {
            alreadyValidatedWork = true;
        }
        if (!alreadyValidatedWork && tryLowWorkHeadersSync(sp, chainStart.get(), headers)) {
            return;
        }
        HeaderValidator.Processed processed = validator.processNewBlockHeaders(tree, headers, true);
        persist(processed.added());
        if (!processed.state().isValid()) {
            punishForBlock(sp, processed.state(), logic, "invalid header received");
            return;
        }
        BlockIndexEntry last = processed.accepted().get(processed.accepted().size() - 1);
        if (!processed.added().isEmpty()) {
            log.debug("Saw new header hash={} height={} peer={}", last.hash(), last.height(), peer.id());
        }
        if (headers.size() == Headers.MAX_HEADERS_RESULTS && !haveHeadersSync) {
            if (maybeSendGetHeaders(sp, HeaderTree.locator(last))) {
                log.debug("more getheaders ({}) to end to peer={} (startheight:{})", last.height(), peer.id(),
                        peer.startingHeight());
            }
        }
        updateBlockAvailability(sp, last.hash());
        sp.addKnown(last.hash());
        updatePeerStateForReceivedHeaders(sp, last, !processed.added().isEmpty());
        updateActiveTip();                               // a new best header may make stored blocks active
    }

    /**
     * net_processing.cpp UpdatePeerStateForReceivedHeaders: a new header with more work than our
     * tip is a block announcement (the extra-outbound-peer eviction keeps the peers that announce
     * first); an outbound full-relay peer whose chain has at least our tip's work is protected
     * from that eviction, at most four of them.
     */
    private void updatePeerStateForReceivedHeaders(SyncPeer sp, BlockIndexEntry last, boolean receivedNewHeader) {
        if (receivedNewHeader && last.chainWork().compareTo(activeTip.chainWork()) > 0) {
            sp.lastBlockAnnouncement = clock.instant();
        }
        Peer peer = sp.peer;
        if (peer.state().isOpen() && peer.connectionType() == ConnectionType.OUTBOUND_FULL_RELAY
                && sp.bestKnownBlock != null && !sp.protectFromEviction
                && protectedOutboundPeers < MAX_OUTBOUND_PEERS_TO_PROTECT_FROM_DISCONNECT
                && sp.bestKnownBlock.chainWork().compareTo(activeTip.chainWork()) >= 0) {
            log.debug("Protecting outbound peer={} from eviction", peer.id());
            sp.protectFromEviction = true;
            protectedOutboundPeers++;
        }
    }

    /**
     * net_processing.cpp IsContinuationOfLowWorkHeadersSync: the peer's pre-sync takes the headers,
     * asks for more and ends when FINAL; the result's released headers are ready for validation.
     */
    private HeadersSyncState.ProcessingResult continueLowWorkHeadersSync(SyncPeer sp, List<BlockHeader> headers) {
        HeadersSyncState.ProcessingResult result = sp.headersSync.processNextHeaders(headers,
                headers.size() == Headers.MAX_HEADERS_RESULTS);
        if (result.success()) {
            sp.lastGetHeaders = null;
        }
        if (result.requestMore()) {
            List<Hash256> locator = sp.headersSync.nextHeadersRequestLocator();
            if (maybeSendGetHeaders(sp, locator)) {
                log.debug("more getheaders (from {}) to peer={}", locator.get(0), sp.peer.id());
            }
        }
        if (sp.headersSync.state() == HeadersSyncState.State.FINAL) {
            sp.headersSync = null;
        }
        return result;
    }

    /** HeadersSyncState for a chain below the anti-DoS threshold; true if the headers were consumed. */
    private boolean tryLowWorkHeadersSync(SyncPeer sp, BlockIndexEntry chainStart, List<BlockHeader> headers) {
        BigInteger claimed = chainStart.chainWork().value();
        for (BlockHeader h : headers) {
            claimed = claimed.add(ChainWork.ofBits(h.bits()).value());
        }
        ChainWork threshold = antiDosWorkThreshold();
        if (claimed.compareTo(threshold.value()) >= 0) {
            return false;
        }
        if (headers.size() == Headers.MAX_HEADERS_RESULTS) {
            sp.headersSync = new HeadersSyncState(sp.peer.id().value(), consensus, params.headersSyncParams(),
                    chainStart, threshold, clock, random);
            continueLowWorkHeadersSync(sp, headers);     // PRESYNC keeps nothing to process yet
        } else {
            log.debug("Ignoring low-work chain (height={}) from peer={}", chainStart.height() + headers.size(),
                    sp.peer.id());
        }
        return true;
    }

    /** net_processing.cpp GetAntiDoSWorkThreshold: the minimum chain work, or the tip's work less 144 blocks'. */
    ChainWork antiDosWorkThreshold() {
        BigInteger tipWork = activeTip.chainWork().value();
        BigInteger buffer = ChainWork.ofBits(activeTip.bits()).value().multiply(BigInteger.valueOf(ANTI_DOS_NEAR_TIP_BLOCKS));
        BigInteger nearTip = tipWork.subtract(buffer.min(tipWork));
        return nearTip.compareTo(minimumChainWork.value()) > 0 ? new ChainWork(nearTip) : minimumChainWork;
    }

    private boolean isAncestorOfBestHeaderOrTip(BlockIndexEntry e) {
        BlockIndexEntry best = tree.bestHeader();
        return (e.height() <= best.height() && best.getAncestor(e.height()) == e) || isActive(e);
    }

    /**
     * net_processing.cpp HandleUnconnectingHeaders: perhaps an announcement after blocks we missed;
     * ask for the headers from our best header and remember the announced block. Not punished (Core
     * dropped the unconnecting-headers penalty in release 28).
     */
    private void handleUnconnectingHeaders(SyncPeer sp, List<BlockHeader> headers) {
        BlockIndexEntry best = tree.bestHeader();
        BlockHeader first = headers.get(0);
        if (maybeSendGetHeaders(sp, HeaderTree.locator(best))) {
            log.debug("received header {}: missing prev block {}, sending getheaders ({}) to end (peer={})",
                    first.hash(), first.prevBlock(), best.height(), sp.peer.id());
        }
        updateBlockAvailability(sp, headers.get(headers.size() - 1).hash());
    }

    /** net_processing.cpp MaybeSendGetHeaders: at most one getheaders awaiting an answer, for 2 minutes. */
    private boolean maybeSendGetHeaders(SyncPeer sp, List<Hash256> locator) {
        Instant now = clock.instant();
        if (sp.lastGetHeaders != null && now.isBefore(sp.lastGetHeaders.plus(HEADERS_RESPONSE_TIME))) {
            return false;
        }
        sp.peer.send(new GetHeaders(ProtocolVersion.PROTOCOL_VERSION.value(), locator, Hash256.ZERO));
        sp.lastGetHeaders = now;
        return true;
    }

    /** net_processing.cpp ProcessBlockAvailability: resolve an announced hash once its header is known. */
    private void processBlockAvailability(SyncPeer sp) {
        if (sp.lastUnknownBlock == null) {
            return;
        }
        Optional<BlockIndexEntry> e = tree.get(sp.lastUnknownBlock);
        if (e.isPresent()) {
            raiseBestKnown(sp, e.get());
            sp.lastUnknownBlock = null;
        }
    }

    private static void raiseBestKnown(SyncPeer sp, BlockIndexEntry e) {
        if (sp.bestKnownBlock == null || e.chainWork().compareTo(sp.bestKnownBlock.chainWork()) >= 0) {
            sp.bestKnownBlock = e;
        }
    }

    /** net_processing.cpp UpdateBlockAvailability. */
    private void updateBlockAvailability(SyncPeer sp, Hash256 hash) {
        processBlockAvailability(sp);
        Optional<BlockIndexEntry> e = tree.get(hash);
        if (e.isPresent()) {
            raiseBestKnown(sp, e.get());
        } else {
            sp.lastUnknownBlock = hash;
        }
    }

    /** net_processing.cpp MaybePunishNodeForBlock, through peer logic's violation path. */
    private void punishForBlock(SyncPeer sp, BlockValidationState state, PeerLogic logic, String message) {
        if (state.result().discourages(sp.peer.inbound(), false)) {
            logic.violation(sp.peer, Violation.INVALID_BLOCK, message + ": " + state);
        } else {
            log.debug("{}: {} (not punished), peer={}", message, state, sp.peer.id());
        }
    }

    // ------------------------------------------------------------------ inv

    /** net_processing.cpp "inv" for blocks: note what the peer has; ask for headers of a new block. */
    private void onInv(SyncPeer sp, Inv inv) {
        Hash256 bestBlock = null;
        for (Inventory item : inv.inventory()) {
            if (!item.type().equals(InventoryType.MSG_BLOCK) && !item.type().equals(InventoryType.MSG_WITNESS_BLOCK)) {
                continue;                                // transactions: no mempool yet
            }
            boolean alreadyHave = tree.contains(item.hash());
            log.debug("got inv: block {}  {} peer={}", item.hash(), alreadyHave ? "have" : "new", sp.peer.id());
            updateBlockAvailability(sp, item.hash());
            sp.addKnown(item.hash());
            if (!alreadyHave && !blocksInFlight.containsKey(item.hash())) {
                bestBlock = item.hash();
            }
        }
        if (bestBlock != null && (sp.syncStarted || (!sp.invTriggeredGetHeadersBeforeSync
                && !bestBlock.equals(lastBlockInvTriggeringHeadersSync)))) {
            BlockIndexEntry best = tree.bestHeader();
            if (maybeSendGetHeaders(sp, HeaderTree.locator(best))) {
                log.debug("getheaders ({}) {} to peer={}", best.height(), bestBlock, sp.peer.id());
                if (!sp.syncStarted) {
                    sp.invTriggeredGetHeadersBeforeSync = true;
                    lastBlockInvTriggeringHeadersSync = bestBlock;
                }
            }
        }
    }

    // ------------------------------------------------------------------ blocks

    /**
     * net_processing.cpp "block": only blocks we requested from this peer are processed (an
     * unrequested block is dropped: Core would still process one with more work than our tip,
     * which needs full validation); a mutated block costs the peer its connection without marking
     * the header; a block failing CheckBlock marks its header failed.
     */
    private void onBlock(SyncPeer sp, Block block, PeerLogic logic) {
        Peer peer = sp.peer;
        Hash256 hash = block.hash();
        sp.addKnown(hash);
        if (blocksInFlight.get(hash) != sp) {
            log.debug("received unrequested block {}, ignored, peer={}", hash, peer.id());
            return;
        }
        BlockIndexEntry entry = sp.inFlight.get(hash);
        boolean segwit = entry.height() >= consensus.segwitHeight();
        removeBlockRequest(sp, hash);
        if (BlockCheck.isBlockMutated(block, segwit)) {
            logic.violation(peer, Violation.MUTATED_BLOCK, "mutated block " + hash);
            return;
        }
        if ((entry.status() & BlockStatus.BLOCK_HAVE_DATA) != 0) {
            return;
        }
        BlockValidationState state = BlockCheck.checkBlockNotMutated(block, consensus, segwit);
        if (!state.isValid()) {
            validationLog.debug("CheckBlock {} failed: {}", hash, state);
            persist(tree.markFailed(entry));
            punishForBlock(sp, state, logic, "invalid block received");
            updateActiveTip();
            return;
        }
        try {
            blockStore.put(hash, Bytes.of(block.toByteArray()));
        } catch (StoreException e) {
            log.error("Could not store block {}: {}", hash, e.getMessage());
            return;
        }
        List<BlockIndexEntry> changed = new ArrayList<>(1);
        markHaveData(entry, changed);
        persist(changed);
        storedBlocks++;
        if (stallingTimeout.compareTo(BLOCK_STALLING_TIMEOUT_DEFAULT) > 0) {
            Duration decayed = Duration.ofMillis((long) (stallingTimeout.toMillis() * 0.85));
            stallingTimeout = decayed.compareTo(BLOCK_STALLING_TIMEOUT_DEFAULT) > 0 ? decayed
                    : BLOCK_STALLING_TIMEOUT_DEFAULT;
            log.debug("Decreased stalling timeout to {} seconds", stallingTimeout.toMillis() / 1000.0);
        }
        BlockIndexEntry before = activeTip;
        updateActiveTip();
        if (activeTip != before && isActive(entry)) {
            peer.recordBlock(clock.instant());
        }
    }

    /**
     * A block made by this node (generatetoaddress, generateblock, submitblock; Core's
     * ProcessNewBlock with force_processing): its header is accepted into the tree (with every
     * header rule), the block checked (CheckBlock) and stored, the active tip moved and the peers
     * told. Returns the first failure, or VALID. Nothing from a peer comes this way.
     */
    public BlockValidationState processNewBlock(Block block) {
        HeaderValidator.Processed processed = validator.processNewBlockHeaders(tree, List.of(block.header()), true);
        persist(processed.added());
        if (!processed.state().isValid()) {
            return processed.state();
        }
        BlockIndexEntry entry = processed.accepted().get(0);
        boolean segwit = entry.height() >= consensus.segwitHeight();
        BlockValidationState state = BlockCheck.checkBlock(block, consensus, segwit);
        if (!state.isValid()) {
            persist(tree.markFailed(entry));
            updateActiveTip();
            return state;
        }
        if ((entry.status() & BlockStatus.BLOCK_HAVE_DATA) == 0) {
            blockStore.put(entry.hash(), Bytes.of(block.toByteArray()));   // StoreException: the caller's error
            List<BlockIndexEntry> changed = new ArrayList<>(1);
            markHaveData(entry, changed);
            persist(changed);
            storedBlocks++;
        }
        updateActiveTip();
        return BlockValidationState.VALID;
    }

    /** net_processing.cpp RemoveBlockRequest (for the peer that has it in flight). */
    private void removeBlockRequest(SyncPeer sp, Hash256 hash) {
        boolean wasFirst = !sp.inFlight.isEmpty() && sp.inFlight.keySet().iterator().next().equals(hash);
        if (sp.inFlight.remove(hash) == null) {
            return;
        }
        blocksInFlight.remove(hash);
        if (wasFirst) {
            Instant now = clock.instant();
            sp.downloadingSince = sp.downloadingSince.isAfter(now) ? sp.downloadingSince : now;
        }
        if (sp.inFlight.isEmpty()) {
            peersDownloadingFrom--;
        }
        sp.stallingSince = null;
    }

    /** net_processing.cpp BlockRequested. */
    private void blockRequested(SyncPeer sp, BlockIndexEntry e) {
        sp.inFlight.put(e.hash(), e);
        blocksInFlight.put(e.hash(), sp);
        if (sp.inFlight.size() == 1) {
            sp.downloadingSince = clock.instant();
            peersDownloadingFrom++;
        }
    }

    /**
     * Moves the active tip: back to the fork point if the best header left its chain, then up the
     * best header's chain while blocks are stored; announces what became active.
     */
    private void updateActiveTip() {
        BlockIndexEntry best = tree.bestHeader();
        BlockIndexEntry tip = activeTip;
        if (tip.hasFailed() || tip.height() > best.height() || best.getAncestor(tip.height()) != tip) {
            tip = BlockIndexEntry.lastCommonAncestor(tip, best);
            while (tip.hasFailed()) {
                tip = tip.prev();
            }
        }
        while (tip.height() < best.height()) {
            BlockIndexEntry next = best.getAncestor(tip.height() + 1);
            if ((next.status() & BlockStatus.BLOCK_HAVE_DATA) == 0 || next.hasFailed()) {
                break;
            }
            tip = next;
        }
        if (tip == activeTip) {
            return;
        }
        BlockIndexEntry old = activeTip;
        activeTip = tip;
        if (tip.height() > BlockIndexEntry.lastCommonAncestor(old, tip).height()) {
            lastTipUpdate = clock.instant();             // Core: BlockConnected
        }
        validationLog.debug("UpdateTip: new best={} height={} date={}", tip.hash(), tip.height(),
                Instant.ofEpochSecond(tip.time()));
        if (tip.chainWork().compareTo(old.chainWork()) > 0) {
            updatedBlockTip(old, tip);
        }
    }

    /** net_processing.cpp UpdatedBlockTip: queue up to 8 new blocks for announcement (not during IBD). */
    private void updatedBlockTip(BlockIndexEntry old, BlockIndexEntry tip) {
        if (isInitialBlockDownload()) {
            return;
        }
        BlockIndexEntry fork = BlockIndexEntry.lastCommonAncestor(old, tip);
        List<Hash256> hashes = new ArrayList<>();
        for (BlockIndexEntry e = tip; e != fork && hashes.size() < MAX_BLOCKS_TO_ANNOUNCE; e = e.prev()) {
            hashes.add(e.hash());
        }
        Collections.reverse(hashes);
        for (SyncPeer sp : peers.values()) {
            sp.blocksForHeadersRelay.addAll(hashes);
            sendAnnouncements(sp);
        }
    }

    /** The block announcement part of net_processing.cpp SendMessages. */
    private void sendAnnouncements(SyncPeer sp) {
        if (sp.blocksForHeadersRelay.isEmpty() || !sp.peer.state().isOpen()) {
            return;
        }
        processBlockAvailability(sp);
        boolean revertToInv = !sp.peer.preferHeaders() || sp.blocksForHeadersRelay.size() > MAX_BLOCKS_TO_ANNOUNCE;
        List<BlockHeader> headers = new ArrayList<>();
        BlockIndexEntry bestIndex = null;
        if (!revertToInv) {
            boolean foundStart = false;
            for (Hash256 hash : sp.blocksForHeadersRelay) {
                BlockIndexEntry e = tree.get(hash).orElseThrow();
                if (!isActive(e)) {
                    revertToInv = true;                  // reorganised away from it
                    break;
                }
                if (bestIndex != null && e.prev() != bestIndex) {
                    revertToInv = true;                  // the list does not connect
                    break;
                }
                bestIndex = e;
                if (foundStart) {
                    headers.add(e.header());
                } else if (sp.hasHeader(e) || sp.knows(e.hash())) {
                    continue;
                } else if (e.prev() == null || sp.hasHeader(e.prev()) || sp.knows(e.prev().hash())) {
                    foundStart = true;
                    headers.add(e.header());
                } else {
                    revertToInv = true;                  // nothing would connect
                    break;
                }
            }
        }
        if (!revertToInv && !headers.isEmpty()) {
            log.debug("SendMessages: {} headers, range ({}, {}), to peer={}", headers.size(),
                    headers.get(0).hash(), bestIndex.hash(), sp.peer.id());
            sp.peer.send(new Headers(headers));
            sp.bestHeaderSent = bestIndex;
            headers.forEach(h -> sp.addKnown(h.hash()));
        } else if (revertToInv) {
            Hash256 last = sp.blocksForHeadersRelay.get(sp.blocksForHeadersRelay.size() - 1);
            BlockIndexEntry e = tree.get(last).orElseThrow();
            if (!sp.hasHeader(e) && !sp.knows(last)) {
                log.debug("sending inv peer={} hash={}", sp.peer.id(), last);
                sp.peer.send(new Inv(List.of(new Inventory(InventoryType.MSG_BLOCK, last))));
                sp.addKnown(last);
            }
        }
        sp.blocksForHeadersRelay.clear();
    }

    // ------------------------------------------------------------------ SendMessages

    @Override
    public void sendQueueProgress(Peer peer, PeerLogic logic) {
        SyncPeer sp = peers.get(peer.id());
        if (sp != null) {                               // PeerLogic calls this for READY peers only
            serveGetData(sp, logic);
        }
    }

    @Override
    public void sendMessages(Peer peer, PeerLogic logic) {
        SyncPeer sp = peers.get(peer.id());
        if (sp == null) {
            return;
        }
        Instant now = clock.instant();
        serveGetData(sp, logic);
        maybeStartHeadersSync(sp, now);
        sendAnnouncements(sp);
        if (sp.stallingSince != null && now.isAfter(sp.stallingSince.plus(stallingTimeout))) {
            log.info("Peer is stalling block download, disconnecting peer={}", peer.id());
            logic.violation(peer, Violation.BLOCK_DOWNLOAD_STALLING, "Peer is stalling block download");
            Duration doubled = stallingTimeout.multipliedBy(2);
            Duration next = doubled.compareTo(BLOCK_STALLING_TIMEOUT_MAX) < 0 ? doubled : BLOCK_STALLING_TIMEOUT_MAX;
            if (!next.equals(stallingTimeout)) {
                stallingTimeout = next;
                log.debug("Increased stalling timeout temporarily to {} seconds", next.toSeconds());
            }
            return;
        }
        if (!sp.inFlight.isEmpty()) {
            int otherPeers = peersDownloadingFrom - 1;
            long timeoutMillis = (long) (consensus.powTargetSpacing().toMillis()
                    * (BLOCK_DOWNLOAD_TIMEOUT_BASE + BLOCK_DOWNLOAD_TIMEOUT_PER_PEER * otherPeers));
            if (now.isAfter(sp.downloadingSince.plusMillis(timeoutMillis))) {
                Hash256 first = sp.inFlight.keySet().iterator().next();
                log.info("Timeout downloading block {}, disconnecting peer={}", first, peer.id());
                logic.violation(peer, Violation.BLOCK_DOWNLOAD_TIMEOUT, "Timeout downloading block " + first);
                return;
            }
        }
        if (checkHeadersSyncTimeout(sp, now, logic)) {
            return;
        }
        requestBlocks(sp, now);
    }

    /** SendMessages: start headers sync with one peer, or with every peer once our best header is recent. */
    private void maybeStartHeadersSync(SyncPeer sp, Instant now) {
        if (sp.syncStarted || !canServeBlocks(sp.peer)) {
            return;
        }
        BlockIndexEntry best = tree.bestHeader();
        boolean recent = Instant.ofEpochSecond(best.time()).isAfter(now.minus(DEFAULT_MAX_TIP_AGE));
        if (!((syncStarted == 0 && syncBlocksAndHeadersFrom(sp)) || recent)) {
            return;
        }
        sp.syncStarted = true;
        syncStarted++;
        long behindSpacings = Math.max(0, Duration.between(Instant.ofEpochSecond(best.time()), now).toSeconds())
                / consensus.powTargetSpacing().toSeconds();
        sp.headersSyncTimeout = now.plus(HEADERS_DOWNLOAD_TIMEOUT_BASE)
                .plus(HEADERS_DOWNLOAD_TIMEOUT_PER_HEADER.multipliedBy(behindSpacings));
        // Core starts one block back so that the answer holds at least one header
        BlockIndexEntry start = best.prev() != null ? best.prev() : best;
        if (maybeSendGetHeaders(sp, HeaderTree.locator(start))) {
            log.debug("initial getheaders ({}) to peer={} (startheight:{})", start.height(), sp.peer.id(),
                    sp.peer.startingHeight());
        }
    }

    /** SendMessages: the only sync peer that has not delivered our headers in time goes, if others could. */
    private boolean checkHeadersSyncTimeout(SyncPeer sp, Instant now, PeerLogic logic) {
        if (!sp.syncStarted || sp.headersSyncTimeout == null) {
            return false;
        }
        BlockIndexEntry best = tree.bestHeader();
        if (Instant.ofEpochSecond(best.time()).isAfter(now.minus(DEFAULT_MAX_TIP_AGE))) {
            sp.headersSyncTimeout = null;               // caught up once: never again
            return false;
        }
        int othersPreferred = preferredDownloadPeers - (sp.preferredDownload ? 1 : 0);
        if (now.isAfter(sp.headersSyncTimeout) && syncStarted == 1 && othersPreferred >= 1) {
            if (!sp.peer.hasPermission(NetPermissionFlag.NOBAN)) {
                log.info("Timeout downloading headers, disconnecting peer={}", sp.peer.id());
                logic.violation(sp.peer, Violation.HEADERS_DOWNLOAD_TIMEOUT, "Timeout downloading headers");
                return true;
            }
            log.info("Timeout downloading headers from noban peer, not disconnecting peer={}", sp.peer.id());
            sp.syncStarted = false;
            syncStarted--;
            sp.headersSyncTimeout = null;
        }
        return false;
    }

    /** Core's sync_blocks_and_headers_from_peer. */
    private boolean syncBlocksAndHeadersFrom(SyncPeer sp) {
        if (sp.preferredDownload) {
            return true;
        }
        return canServeBlocks(sp.peer) && sp.peer.connectionType() != ConnectionType.ADDR_FETCH
                && (preferredDownloadPeers == 0 || blocksInFlight.isEmpty());
    }

    /** Core's CanServeBlocks: NODE_NETWORK or NODE_NETWORK_LIMITED. */
    private static boolean canServeBlocks(Peer peer) {
        return peer.services().has(ServiceFlags.NODE_NETWORK) || peer.services().has(ServiceFlags.NODE_NETWORK_LIMITED);
    }

    /** Block download of SendMessages: up to 16 in flight, then mark a staller if the window is stuck. */
    private void requestBlocks(SyncPeer sp, Instant now) {
        boolean limited = !sp.peer.services().has(ServiceFlags.NODE_NETWORK);
        if (limited || sp.inFlight.size() >= MAX_BLOCKS_IN_TRANSIT_PER_PEER
                || !(syncBlocksAndHeadersFrom(sp) || !isInitialBlockDownload())) {
            return;
        }
        List<BlockIndexEntry> toDownload = new ArrayList<>();
        SyncPeer[] staller = new SyncPeer[1];
        findNextBlocksToDownload(sp, MAX_BLOCKS_IN_TRANSIT_PER_PEER - sp.inFlight.size(), toDownload, staller);
        if (!toDownload.isEmpty()) {
            List<Inventory> items = new ArrayList<>(toDownload.size());
            for (BlockIndexEntry e : toDownload) {
                items.add(new Inventory(InventoryType.MSG_WITNESS_BLOCK, e.hash()));
                blockRequested(sp, e);
                log.debug("Requesting block {} ({}) peer={}", e.hash(), e.height(), sp.peer.id());
            }
            sp.peer.send(new GetData(items));
        }
        if (sp.inFlight.isEmpty() && staller[0] != null && staller[0].stallingSince == null) {
            staller[0].stallingSince = now;
            log.debug("Stall started peer={}", staller[0].peer.id());
        }
    }

    /** net_processing.cpp FindNextBlocksToDownload and FindNextBlocks. */
    private void findNextBlocksToDownload(SyncPeer sp, int count, List<BlockIndexEntry> blocks, SyncPeer[] staller) {
        if (count == 0) {
            return;
        }
        processBlockAvailability(sp);
        BlockIndexEntry bestKnown = sp.bestKnownBlock;
        if (bestKnown == null || bestKnown.chainWork().compareTo(activeTip.chainWork()) < 0
                || bestKnown.chainWork().compareTo(minimumChainWork) < 0) {
            return;                                      // nothing better than our tip to fetch from it
        }
        if (sp.lastCommonBlock == null) {
            sp.lastCommonBlock = bestKnown.getAncestor(Math.min(bestKnown.height(), activeTip.height()));
        }
        sp.lastCommonBlock = BlockIndexEntry.lastCommonAncestor(sp.lastCommonBlock, bestKnown);
        if (sp.lastCommonBlock == bestKnown) {
            return;
        }
        int windowEnd = sp.lastCommonBlock.height() + BLOCK_DOWNLOAD_WINDOW;
        int maxHeight = Math.min(bestKnown.height(), windowEnd + 1);
        SyncPeer waitingFor = null;
        for (int h = sp.lastCommonBlock.height() + 1; h <= maxHeight; h++) {
            BlockIndexEntry e = bestKnown.getAncestor(h);
            if (e.hasFailed()) {
                return;                                  // the peer's chain is invalid
            }
            if ((e.status() & BlockStatus.BLOCK_HAVE_DATA) != 0 || isActive(e)) {
                if (isActive(e)) {
                    sp.lastCommonBlock = e;
                }
                continue;
            }
            SyncPeer holder = blocksInFlight.get(e.hash());
            if (holder != null) {
                if (waitingFor == null) {
                    waitingFor = holder;
                }
                continue;
            }
            if (e.height() > windowEnd) {
                if (blocks.isEmpty() && waitingFor != sp) {
                    staller[0] = waitingFor;
                }
                return;
            }
            blocks.add(e);
            if (blocks.size() == count) {
                return;
            }
        }
    }

    // ------------------------------------------------------------------ serving

    /** net_processing.cpp "getheaders": up to 2,000 headers of the active chain after the fork point. */
    private void onGetHeaders(SyncPeer sp, GetHeaders request) {
        Peer peer = sp.peer;
        if (isInitialBlockDownload() && !peer.hasPermission(NetPermissionFlag.DOWNLOAD)) {
            log.debug("Ignoring getheaders from peer={} because node is in initial block download", peer.id());
            return;
        }
        BlockIndexEntry start;
        if (request.locator().isEmpty()) {
            Optional<BlockIndexEntry> stop = tree.get(request.hashStop());
            if (stop.isEmpty()) {
                return;
            }
            if (!isActive(stop.get())) {
                log.debug("ignoring request from peer={} for old block header that isn't in the main chain",
                        peer.id());
                return;
            }
            start = stop.get();
        } else {
            BlockIndexEntry fork = tree.findFork(request.locator(), activeTip);
            start = activeAt(fork.height() + 1).orElse(null);
        }
        List<BlockHeader> headers = new ArrayList<>();
        log.debug("getheaders {} to {} from peer={}", start == null ? -1 : start.height(),
                request.hashStop().equals(Hash256.ZERO) ? "end" : request.hashStop(), peer.id());
        BlockIndexEntry last = null;
        for (BlockIndexEntry e = start; e != null; e = activeAt(e.height() + 1).orElse(null)) {
            headers.add(e.header());
            last = e;
            if (headers.size() >= Headers.MAX_HEADERS_RESULTS || e.hash().equals(request.hashStop())) {
                break;
            }
        }
        sp.bestHeaderSent = last != null ? last : activeTip;
        peer.send(new Headers(headers));
    }

    /** net_processing.cpp "getblocks": an inv of up to 500 active-chain blocks after the fork point. */
    private void onGetBlocks(SyncPeer sp, GetBlocks request) {
        BlockIndexEntry fork = tree.findFork(request.locator(), activeTip);
        List<Inventory> items = new ArrayList<>();
        log.debug("getblocks {} to {} limit {} from peer={}", fork.height() + 1,
                request.hashStop().equals(Hash256.ZERO) ? "end" : request.hashStop(), MAX_GETBLOCKS_RESULTS,
                sp.peer.id());
        for (int h = fork.height() + 1; h <= activeTip.height(); h++) {
            BlockIndexEntry e = activeTip.getAncestor(h);
            if (e.hash().equals(request.hashStop())) {
                log.debug("  getblocks stopping at {} {}", e.height(), e.hash());
                break;
            }
            items.add(new Inventory(InventoryType.MSG_BLOCK, e.hash()));
            if (items.size() >= MAX_GETBLOCKS_RESULTS) {
                log.debug("  getblocks stopping at limit {} {}", e.height(), e.hash());
                sp.continuationBlock = e.hash();
                break;
            }
        }
        if (!items.isEmpty()) {
            sp.peer.send(new Inv(items));
        }
    }

    /**
     * net_processing.cpp ProcessGetData for blocks: every block we hold (stored and checked) is
     * sent, without witnesses when asked by MSG_BLOCK; anything else (unknown blocks, and
     * transactions, as we have no mempool) is answered with one notfound. Core sends notfound only
     * for transactions and ignores unknown blocks; the issue asks for notfound. Past the
     * -maxuploadtarget limit, a peer without the download permission asking for a block more
     * than a week older than our best header is disconnected (ProcessGetBlockData).
     */
    private void onGetData(SyncPeer sp, GetData request, PeerLogic logic) {
        int room = Inv.MAX_INV_SZ - sp.getDataQueue.size();
        List<Inventory> items = request.inventory();
        if (items.size() > room) {
            // Core stops reading a peer's messages while its getdata queue is non-empty; we read on,
            // so the queue is capped at one getdata's worth and the excess is not answered
            log.debug("getdata queue full ({} waiting), {} items ignored, peer={}", sp.getDataQueue.size(),
                    items.size() - room, sp.peer.id());
            items = items.subList(0, Math.max(0, room));
        }
        sp.getDataQueue.addAll(items);
        serveGetData(sp, logic);
    }

    /**
     * net_processing.cpp ProcessGetData, resumable: answers queued items in order; a block goes out
     * only while the connection's send queue is not paused (Core's fPauseSend: over -maxsendbuffer,
     * or a send still on its way to the socket queue, so in practice one block at a time). Resumed
     * when a block has been encoded ({@code onSent}), when the queue drains ({@code onSendDrained}),
     * and from SendMessages (after every message and each second).
     */
    private void serveGetData(SyncPeer sp, PeerLogic logic) {
        List<Inventory> notFound = new ArrayList<>();
        while (!sp.getDataQueue.isEmpty()) {
            Inventory item = sp.getDataQueue.peek();
            boolean witness = item.type().equals(InventoryType.MSG_WITNESS_BLOCK);
            if (!witness && !item.type().equals(InventoryType.MSG_BLOCK)) {
                notFound.add(sp.getDataQueue.poll());
                continue;
            }
            if (sp.peer.connection().sendPaused()) {
                break;
            }
            sp.getDataQueue.poll();
            Optional<BlockIndexEntry> e = tree.get(item.hash());
            if (e.isPresent() && isHistorical(e.get()) && !sp.peer.hasPermission(NetPermissionFlag.DOWNLOAD)
                    && logic.outboundTargetReached(true)) {
                sp.getDataQueue.clear();
                logic.disconnect(sp.peer, "historical block serving limit reached");
                return;                                  // Core: fDisconnect ends the getdata processing
            }
            Optional<Bytes> raw = e.isPresent() && !e.get().hasFailed()
                    && (e.get().status() & BlockStatus.BLOCK_HAVE_DATA) != 0 ? blockStore.get(item.hash())
                    : Optional.empty();
            if (raw.isEmpty()) {
                notFound.add(item);
                continue;
            }
            Block block = Block.CODEC.decodeExactly(raw.get().toByteArray());
            if (!witness) {
                block = new Block(block.header(), block.transactions().stream().map(Transaction::withoutWitness)
                        .toList());
            }
            sp.peer.send(new BlockMessage(block));
            sp.addKnown(item.hash());
            if (item.hash().equals(sp.continuationBlock)) {
                // the peer reached the end of our last getblocks answer: tell it our tip to ask for more
                sp.peer.send(new Inv(List.of(new Inventory(InventoryType.MSG_BLOCK, activeTip.hash()))));
                sp.continuationBlock = null;
            }
        }
        if (!notFound.isEmpty()) {
            sp.peer.send(new NotFound(notFound));
        }
    }

    /** ProcessGetBlockData: the block is more than HISTORICAL_BLOCK_AGE older than our best header. */
    private boolean isHistorical(BlockIndexEntry e) {
        return tree.bestHeader().time() - e.time() > HISTORICAL_BLOCK_AGE.toSeconds();
    }

    // ------------------------------------------------------------------ storage

    /** Writes these entries and the best header in one batch; a failed write is logged (Core would stop). */
    private void persist(List<BlockIndexEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        try {
            headerStore.append(entries.stream().map(BlockIndexEntry::toStored).toList(), tree.bestHeader().hash());
        } catch (StoreException e) {
            log.error("Could not write the header index: {}", e.getMessage());
        }
    }

    /** The state of one peer, for tests in this package. */
    Optional<SyncPeer> syncPeer(PeerId id) {
        return Optional.ofNullable(peers.get(id));
    }
}
