package org.btcnode.net.peer;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Locale;
import java.util.Objects;
import java.util.function.IntSupplier;
import java.util.random.RandomGenerator;

import org.btcnode.core.message.Addr;
import org.btcnode.core.message.AddrV2;
import org.btcnode.core.message.FeeFilter;
import org.btcnode.core.message.Message;
import org.btcnode.core.message.MessageType;
import org.btcnode.core.message.NetAddress;
import org.btcnode.core.message.Ping;
import org.btcnode.core.message.Pong;
import org.btcnode.core.message.ProtocolVersion;
import org.btcnode.core.message.SendAddrV2;
import org.btcnode.core.message.SendCmpct;
import org.btcnode.core.message.SendHeaders;
import org.btcnode.core.message.ServiceFlags;
import org.btcnode.core.message.UnknownMessage;
import org.btcnode.core.message.Verack;
import org.btcnode.core.message.Version;
import org.btcnode.core.message.WtxidRelay;
import org.btcnode.core.types.Amount;
import org.btcnode.net.connman.ConnectionOptions;
import org.btcnode.net.connman.ConnectionType;
import org.btcnode.net.connman.NetGroup;
import org.btcnode.net.connman.NetPermissionFlag;
import org.btcnode.net.transport.Outcome;
import org.btcnode.net.transport.Violation;
import org.slf4j.Logger;
import org.btcnode.core.log.LogCategory;

/**
 * The per-peer protocol of net_processing.cpp that keeps a connection alive: the version
 * handshake with feature negotiation ({@code PushNodeVersion}, {@code ProcessMessage} "version",
 * "verack", "wtxidrelay", "sendaddrv2", "sendheaders"), ping/pong ({@code MaybeSendPing}),
 * inactivity and handshake timeouts (net.cpp {@code InactivityCheck}) and what a protocol
 * violation costs a peer ({@code MaybeDiscourageAndDisconnect}); address gossip goes to
 * {@link AddrRelay}; the chain messages (headers, getheaders, getblocks, inv, getdata, notfound,
 * block) go to a {@link ChainHandler}. Messages of later issues (tx, compact blocks, filters) pass
 * the same ordering rules and are then dropped with a debug line.
 * Node-logic thread only.
 *
 * <p>Choices: {@code sendheaders} goes out right after verack, as the issue asks and as Core did
 * in older releases; current Core delays it (MaybeSendSendHeaders) until the peer's best known block
 * has the minimum chain work, which needs the header-sync issue. No {@code sendcmpct} is sent (no
 * compact blocks yet); {@code feefilter} is sent only
 * with -blocksonly, as Core's MAX_MONEY "send me no transactions" filter (Core rounds it with
 * its FeeFilterRounder; here it is MAX_MONEY exactly), because without a mempool we have no
 * minimum fee rate to announce. Timeouts are checked once a second ({@link #checkTimeouts}), as
 * Core's loops check several times a second.
 */
public final class PeerLogic {
    /** net_processing.cpp: PING_INTERVAL, time between pings. */
    public static final Duration PING_INTERVAL = Duration.ofMinutes(2);
    /** net.h: TIMEOUT_INTERVAL, no pong, or no bytes sent or received, for this long disconnects. */
    public static final Duration TIMEOUT_INTERVAL = Duration.ofMinutes(20);
    /**
     * protocol.h: the services an outbound full-relay or block-relay peer must offer (Core's
     * SeenLocal-free {@code GetDesirableServiceFlags}: NODE_NETWORK | NODE_WITNESS; Core accepts
     * NODE_NETWORK_LIMITED instead of NODE_NETWORK once its tip is recent, which needs the chain
     * issue).
     */
    public static final ServiceFlags DESIRABLE_SERVICES = ServiceFlags.of(ServiceFlags.NODE_NETWORK,
            ServiceFlags.NODE_WITNESS);

    /** net_processing.cpp: an addr-fetch connection lasts at most 10 × AVG_ADDRESS_BROADCAST_INTERVAL. */
    public static final Duration ADDR_FETCH_TIMEOUT = AddrRelay.AVG_ADDRESS_BROADCAST_INTERVAL.multipliedBy(10);

    private static final Logger log = LogCategory.NET.logger();

    /** What the connection manager does for node logic. Called on the node-logic thread. */
    public interface Host {
        /**
         * Core's CheckIncomingNonce, negated: whether {@code nonce} is ours on an outbound
         * connection that has not finished its handshake (so we reached ourselves).
         */
        boolean isOwnNonce(long nonce);

        /** An outbound peer's version was accepted (Core calls AddrMan::Good here). */
        void versionAccepted(Peer peer);

        /** Discourage the peer's address and disconnect every peer on it (BanMan::Discourage, DisconnectNode). */
        void discourage(Peer peer);

        /** CConnman::OutboundTargetReached for -maxuploadtarget (see {@code connman.UploadTarget}). */
        boolean outboundTargetReached(boolean historicalBlockServingLimit);
    }

    private final ConnectionOptions options;
    private final InstantSource clock;
    private final RandomGenerator random;
    private final IntSupplier startHeight;
    private final Host host;
    private final AddrRelay addrRelay;
    private final ChainHandler chain;

    /**
     * @param startHeight our best height for version's start height (0 until the chain issue)
     * @param random      nonces for version and ping
     * @param addrRelay   address gossip (addr, addrv2, getaddr)
     */
    public PeerLogic(ConnectionOptions options, InstantSource clock, RandomGenerator random, IntSupplier startHeight,
            Host host, AddrRelay addrRelay) {
        this(options, clock, random, startHeight, host, addrRelay, ChainHandler.NONE);
    }

    /** With chain sync: the chain messages go to {@code chain}. */
    public PeerLogic(ConnectionOptions options, InstantSource clock, RandomGenerator random, IntSupplier startHeight,
            Host host, AddrRelay addrRelay, ChainHandler chain) {
        this.chain = Objects.requireNonNull(chain, "chain");
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.startHeight = Objects.requireNonNull(startHeight, "startHeight");
        this.host = Objects.requireNonNull(host, "host");
        this.addrRelay = Objects.requireNonNull(addrRelay, "addrRelay");
    }

    public AddrRelay addrRelay() {
        return addrRelay;
    }

    /**
     * A new connection is ready (Core's InitializeNode): draw our version nonce; an outbound peer
     * gets our version at once, an inbound one after theirs.
     */
    public void initializeNode(Peer peer) {
        long nonce;
        do {
            nonce = random.nextLong();
        } while (nonce == 0 || host.isOwnNonce(nonce));
        peer.localNonce = nonce;
        if (!peer.inbound()) {
            pushNodeVersion(peer);
        }
    }

    /** Whether the peer asks us for transactions (Core's !RejectIncomingTxs). */
    private boolean txRelay(Peer peer) {
        if (peer.connectionType() == ConnectionType.BLOCK_RELAY) {
            return false;
        }
        return peer.hasPermission(NetPermissionFlag.RELAY) || !options.blocksOnly();
    }

    /** net_processing.cpp PushNodeVersion. */
    private void pushNodeVersion(Peer peer) {
        NetAddress address = peer.address();
        int port = peer.remoteAddress().getPort();
        // Core: the address we see them at, if it is routable and fits the legacy field
        Version.Endpoint addrYou = NetGroup.isRoutable(address) && address.network().isAddrV1Compatible()
                ? new Version.Endpoint(ServiceFlags.NODE_NONE, address, port) : Version.Endpoint.NONE;
        Version.Endpoint addrMe = new Version.Endpoint(options.localServices(), NetAddress.IPV6_ANY, 0);
        int height = startHeight.getAsInt();
        boolean txRelay = txRelay(peer);
        peer.send(new Version(ProtocolVersion.PROTOCOL_VERSION, options.localServices(),
                clock.instant().getEpochSecond(), addrYou, addrMe, peer.localNonce, options.userAgent(), height,
                txRelay));
        log.debug("send version message: version {}, blocks={}, them={}, txrelay={}, peer={}",
                ProtocolVersion.PROTOCOL_VERSION, height, options.logIps() ? addrYou.address() + ":" + addrYou.port()
                        : "[hidden]", txRelay, peer.id());
    }

    /**
     * One message from the peer (Core's ProcessMessage): version first, handshake messages until
     * verack, everything else after it; a disconnecting peer's messages are ignored.
     */
    public void processMessage(Peer peer, Message message) {
        if (!peer.state().isOpen()) {
            return;                                      // Core: fDisconnect peers are not processed
        }
        MessageType type = message.type();
        if (type != MessageType.VERSION && peer.state() == PeerState.AWAIT_VERSION) {
            drop(peer, Violation.MESSAGE_BEFORE_VERSION, "non-version message before version handshake. Message \""
                    + command(message) + "\" from");
            return;
        }
        if (!isHandshakeMessage(type) && peer.state() != PeerState.READY) {
            drop(peer, Violation.MESSAGE_BEFORE_VERACK, "Unsupported message \"" + command(message)
                    + "\" prior to verack from");
            return;
        }
        switch (type) {
            case VERSION -> onVersion(peer, (Version) message);
            case VERACK -> onVerack(peer);
            case SENDHEADERS -> onSendHeaders(peer);
            case SENDCMPCT -> onSendCmpct(peer, (SendCmpct) message);
            case WTXIDRELAY -> onWtxidRelay(peer);
            case SENDADDRV2 -> onSendAddrV2(peer);
            case PING -> onPing(peer, (Ping) message);
            case PONG -> onPong(peer, (Pong) message);
            case FEEFILTER -> onFeeFilter(peer, (FeeFilter) message);
            case ADDR -> addrRelay.onAddr(peer, "addr", ((Addr) message).addresses(), this);
            case ADDRV2 -> addrRelay.onAddr(peer, "addrv2", ((AddrV2) message).addresses(), this);
            case GETADDR -> addrRelay.onGetAddr(peer);
            case INV, GETDATA, NOTFOUND, GETBLOCKS, GETHEADERS, HEADERS, BLOCK -> chain.processMessage(peer, message,
                    this);
            case TX, MEMPOOL, MERKLEBLOCK, FILTERLOAD, FILTERADD, FILTERCLEAR, CMPCTBLOCK, GETBLOCKTXN, BLOCKTXN, GETCFILTERS,
                    CFILTER, GETCFHEADERS, CFHEADERS, GETCFCHECKPT, CFCHECKPT -> onNotYetHandled(peer, message);
            case UNKNOWN -> onUnknown(peer, (UnknownMessage) message);
        }
        sendMessages(peer);                              // Core's loop: ProcessMessages, then SendMessages
    }

    /** The messages Core processes before verack (they come before its fSuccessfullyConnected check). */
    private static boolean isHandshakeMessage(MessageType type) {
        return switch (type) {
            case VERSION, VERACK, SENDHEADERS, SENDCMPCT, WTXIDRELAY, SENDADDRV2 -> true;
            case ADDR, ADDRV2, GETADDR, INV, GETDATA, NOTFOUND, GETBLOCKS, GETHEADERS, TX, HEADERS, BLOCK, MEMPOOL,
                    MERKLEBLOCK, PING, PONG, FILTERLOAD, FILTERADD, FILTERCLEAR, FEEFILTER, CMPCTBLOCK, GETBLOCKTXN,
                    BLOCKTXN, GETCFILTERS, CFILTER, GETCFHEADERS, CFHEADERS, GETCFCHECKPT, CFCHECKPT, UNKNOWN -> false;
        };
    }

    private void onVersion(Peer peer, Version version) {
        if (peer.state() != PeerState.AWAIT_VERSION) {
            drop(peer, Violation.DUPLICATE_VERSION, "redundant version message from");
            return;
        }
        ServiceFlags services = version.services();
        if (expectServicesFromConn(peer.connectionType()) && !services.has(DESIRABLE_SERVICES)) {
            violation(peer, Violation.MISSING_SERVICES, String.format(Locale.ROOT,
                    "does not offer the expected services (%08x offered, %08x expected)", services.bits(),
                    DESIRABLE_SERVICES.bits()));
            return;
        }
        if (version.version().compareTo(ProtocolVersion.MIN_PEER_PROTO_VERSION) < 0) {
            violation(peer, Violation.OBSOLETE_VERSION, "using obsolete version " + version.version());
            return;
        }
        if (peer.inbound() && host.isOwnNonce(version.nonce())) {
            log.info("connected to self at {}, disconnecting peer={}",
                    options.logIps() ? peer.remoteAddress() : "[hidden]", peer.id());
            violation(peer, Violation.SELF_CONNECTION, "connected to self");
            return;
        }
        if (peer.inbound()) {
            pushNodeVersion(peer);                       // inbound: ours answers theirs
        }
        ProtocolVersion common = version.version().compareTo(ProtocolVersion.PROTOCOL_VERSION) < 0
                ? version.version() : ProtocolVersion.PROTOCOL_VERSION;
        if (common.isAtLeast(ProtocolVersion.WTXID_RELAY_VERSION)) {
            peer.send(new WtxidRelay());                 // BIP 339: between version and verack
        }
        if (common.isAtLeast(ProtocolVersion.WTXID_RELAY_VERSION)) {
            // BIP 155 allows sendaddrv2 at any version, but Core sends it only from 70016 on, as
            // older software may reject a message it does not know
            peer.send(new SendAddrV2());
        }
        peer.send(new Verack());
        boolean relay = peer.connectionType() != ConnectionType.BLOCK_RELAY && version.relay();
        peer.setVersionFields(version.version(), services, version.userAgent(), version.startingHeight(), relay,
                common, Duration.ofSeconds(version.timestampSeconds() - clock.instant().getEpochSecond()));
        peer.moveTo(PeerState.AWAIT_VERACK);
        log.debug("receive version message: {}: version {}, blocks={}, us={}, txrelay={}, peer={}",
                sanitize(version.userAgent()), version.version(), version.startingHeight(),
                options.logIps() ? version.addrTo().address() + ":" + version.addrTo().port() : "[hidden]",
                version.relay(), peer.id());
        if (!peer.inbound()) {
            host.versionAccepted(peer);
            addrRelay.onOutboundVersion(peer);           // Core: self-advertisement and getaddr
        }
        if (peer.connectionType() == ConnectionType.FEELER) {
            disconnect(peer, "feeler connection completed");
        }
    }

    /** net.h CNode::ExpectServicesFromConn: automatic outbound kinds must offer what we need. */
    static boolean expectServicesFromConn(ConnectionType type) {
        return switch (type) {
            case INBOUND, MANUAL, FEELER -> false;
            case OUTBOUND_FULL_RELAY, BLOCK_RELAY, ADDR_FETCH -> true;
        };
    }

    private void onVerack(Peer peer) {
        if (peer.state() == PeerState.READY) {
            log.debug("ignoring redundant verack message from peer={}", peer.id());
            return;
        }
        if (peer.inbound()) {
            log.debug("New {} v1 peer connected: version: {}, blocks={}, peer={}", typeName(peer.connectionType()),
                    peer.version().orElseThrow(), peer.startingHeight(), peer.id());
        } else {
            log.info("New {} v1 peer connected: version: {}, blocks={}, peer={}", typeName(peer.connectionType()),
                    peer.version().orElseThrow(), peer.startingHeight(), peer.id());
        }
        if (peer.commonVersion().isAtLeast(ProtocolVersion.SENDHEADERS_VERSION)) {
            peer.send(new SendHeaders());                // BIP 130: announce blocks with headers
        }
        peer.moveTo(PeerState.READY);
        chain.peerReady(peer, this);
    }

    private void onSendHeaders(Peer peer) {
        peer.preferHeaders = true;
    }

    private void onSendCmpct(Peer peer, SendCmpct message) {
        log.debug("ignoring sendcmpct (high bandwidth {}, version {}): no compact blocks yet, peer={}",
                message.highBandwidth(), message.version(), peer.id());
    }

    private void onWtxidRelay(Peer peer) {
        if (peer.state() == PeerState.READY) {
            violation(peer, Violation.FEATURE_NEGOTIATION_AFTER_VERACK, "wtxidrelay received after verack");
            return;
        }
        if (!peer.commonVersion().isAtLeast(ProtocolVersion.WTXID_RELAY_VERSION)) {
            log.debug("ignoring wtxidrelay due to old common version={} from peer={}", peer.commonVersion(), peer.id());
        } else if (peer.wtxidRelay) {
            log.debug("ignoring duplicate wtxidrelay from peer={}", peer.id());
        } else {
            peer.wtxidRelay = true;
        }
    }

    private void onSendAddrV2(Peer peer) {
        if (peer.state() == PeerState.READY) {
            violation(peer, Violation.FEATURE_NEGOTIATION_AFTER_VERACK, "sendaddrv2 received after verack");
            return;
        }
        peer.wantsAddrV2 = true;
    }

    private void onPing(Peer peer, Ping ping) {
        if (peer.commonVersion().compareTo(ProtocolVersion.BIP0031_VERSION) > 0) {
            peer.send(new Pong(ping.nonce()));           // BIP 31: echo the nonce
        }
    }

    /** net_processing.cpp "pong": only the nonce in flight finishes a ping; zero cancels it. */
    private void onPong(Peer peer, Pong pong) {
        Instant now = clock.instant();
        String problem = "";
        boolean finished = false;
        if (peer.pingNonceSent != 0) {
            if (pong.nonce() == peer.pingNonceSent) {
                finished = true;
                Duration pingTime = Duration.between(peer.pingStart, now);
                if (!pingTime.isNegative()) {
                    peer.pongReceived(pingTime);
                } else {
                    problem = "Timing mishap";
                }
            } else {
                problem = "Nonce mismatch";
                if (pong.nonce() == 0) {
                    finished = true;                     // a zero nonce cancels the ping
                    problem = "Nonce zero";
                }
            }
        } else {
            problem = "Unsolicited pong without ping";
        }
        if (!problem.isEmpty()) {
            log.debug("pong: {}, {} expected, {} received, peer={}", problem,
                    Long.toHexString(peer.pingNonceSent), Long.toHexString(pong.nonce()), peer.id());
        }
        if (finished) {
            peer.pingNonceSent = 0;
        }
    }

    private void onFeeFilter(Peer peer, FeeFilter message) {
        long rate = message.minFeeRateSatPerKvB();
        if (rate >= 0 && rate <= Amount.MAX_MONEY.sats()) {     // Core: MoneyRange, else ignored
            peer.feeFilterReceived = rate;
            log.debug("received: feefilter of {} sat/kvB from peer={}", rate, peer.id());
        }
    }

    private void onNotYetHandled(Peer peer, Message message) {
        ignore(peer, message);
    }

    /** A message of a later issue, dropped with a debug line. */
    static void ignore(Peer peer, Message message) {
        log.debug("ignoring {} (not handled yet), peer={}", message.type().command(), peer.id());
    }

    /** The chain side (getpeerinfo's sync fields). */
    public ChainHandler chain() {
        return chain;
    }

    /**
     * Whether -maxuploadtarget is reached (Core's OutboundTargetReached): with {@code
     * historicalBlockServingLimit}, whether blocks older than a week may no longer be served.
     */
    public boolean outboundTargetReached(boolean historicalBlockServingLimit) {
        return host.outboundTargetReached(historicalBlockServingLimit);
    }

    /** The peer is gone: chain sync forgets it (Core's FinalizeNode). */
    public void peerDisconnected(Peer peer) {
        chain.peerDisconnected(peer);
    }

    private void onUnknown(Peer peer, UnknownMessage message) {
        log.debug("Unknown command \"{}\" from peer={}", sanitize(message.command()), peer.id());
    }

    /**
     * Core's SendMessages for what this issue owns: nothing before the handshake is done, then
     * MaybeSendPing, MaybeSendAddr and (with -blocksonly) the one feefilter.
     */
    public void sendMessages(Peer peer) {
        if (peer.state() != PeerState.READY) {
            return;
        }
        maybeSendPing(peer);
        if (peer.state() == PeerState.READY) {
            addrRelay.maybeSendAddr(peer);
            maybeSendFeeFilter(peer);
        }
        if (peer.state() == PeerState.READY) {
            chain.sendMessages(peer, this);
        }
    }

    /** The peer's send queue moved on: chain sync resumes serving blocks it held back. */
    public void sendQueueProgress(Peer peer) {
        if (peer.state() == PeerState.READY) {
            chain.sendQueueProgress(peer, this);
        }
    }

    /** Asks for a ping at the next chance (the ping RPC; Core's m_ping_queued). */
    public void queuePing(Peer peer) {
        if (!peer.state().isOpen()) {
            return;
        }
        peer.pingQueued = true;
        sendMessages(peer);
    }

    /** net_processing.cpp MaybeSendPing: a ping every PING_INTERVAL, a pong due within TIMEOUT_INTERVAL. */
    private void maybeSendPing(Peer peer) {
        Instant now = clock.instant();
        if (shouldRunInactivityChecks(peer, now) && peer.pingNonceSent != 0
                && now.isAfter(peer.pingStart.plus(TIMEOUT_INTERVAL))) {
            violation(peer, Violation.PING_TIMEOUT, String.format(Locale.ROOT, "ping timeout: %.6fs",
                    Duration.between(peer.pingStart, now).toNanos() / 1e9));
            return;
        }
        boolean send = peer.pingQueued
                || (peer.pingNonceSent == 0 && now.isAfter(peer.pingStart.plus(PING_INTERVAL)));
        if (!send) {
            return;
        }
        long nonce;
        do {
            nonce = random.nextLong();
        } while (nonce == 0);
        peer.pingQueued = false;
        peer.pingStart = now;
        if (peer.commonVersion().compareTo(ProtocolVersion.BIP0031_VERSION) > 0) {
            peer.pingNonceSent = nonce;
            peer.send(new Ping(nonce));
        } else {
            // Core sends an empty ping to pre-BIP31 peers; our Ping always carries 8 bytes, so a
            // zero nonce stands in for "no nonce" and no pong is awaited.
            peer.pingNonceSent = 0;
            peer.send(new Ping(0));
        }
    }

    private void maybeSendFeeFilter(Peer peer) {
        if (peer.feeFilterSent || !options.blocksOnly() || peer.connectionType() == ConnectionType.BLOCK_RELAY
                || peer.hasPermission(NetPermissionFlag.FORCERELAY)
                || !peer.commonVersion().isAtLeast(ProtocolVersion.FEEFILTER_VERSION)) {
            return;
        }
        peer.feeFilterSent = true;
        peer.send(new FeeFilter(Amount.MAX_MONEY.sats()));
    }

    /** net.cpp ShouldRunInactivityChecks: only once -peertimeout has passed since connecting. */
    private boolean shouldRunInactivityChecks(Peer peer, Instant now) {
        return peer.stats().connected().plus(options.peerTimeout()).isBefore(now);
    }

    /**
     * net.cpp InactivityCheck plus MaybeSendPing, run once a second for every peer: silence in
     * the first -peertimeout, no send or receive for TIMEOUT_INTERVAL, or no completed handshake
     * after -peertimeout disconnects.
     */
    public void checkTimeouts(Peer peer) {
        if (!peer.state().isOpen()) {
            return;
        }
        Instant now = clock.instant();
        if (shouldRunInactivityChecks(peer, now)) {
            PeerStats stats = peer.stats();
            // net.cpp: m_last_recv moves with any bytes, not only whole messages
            Instant transportRecv = peer.connection().lastReceived();
            Instant lastRecv = transportRecv.isAfter(stats.lastRecv()) ? transportRecv : stats.lastRecv();
            // and m_last_send with any bytes sent, a v2 handshake included
            Instant transportSend = peer.connection().lastSent();
            Instant lastSend = transportSend.isAfter(stats.lastSend()) ? transportSend : stats.lastSend();
            boolean received = !lastRecv.equals(Instant.EPOCH);
            boolean sent = !lastSend.equals(Instant.EPOCH);
            long timeoutSeconds = options.peerTimeout().toSeconds();
            if (!received || !sent) {
                violation(peer, Violation.HANDSHAKE_TIMEOUT, "socket no message in first " + timeoutSeconds
                        + " seconds" + (received ? "" : ", never received from peer")
                        + (sent ? "" : ", never sent to peer"));
                return;
            }
            if (now.isAfter(lastSend.plus(TIMEOUT_INTERVAL))) {
                violation(peer, Violation.INACTIVITY_TIMEOUT, "socket sending timeout: "
                        + Duration.between(lastSend, now).toSeconds() + "s");
                return;
            }
            if (now.isAfter(lastRecv.plus(TIMEOUT_INTERVAL))) {
                violation(peer, Violation.INACTIVITY_TIMEOUT, "socket receive timeout: "
                        + Duration.between(lastRecv, now).toSeconds() + "s");
                return;
            }
            if (peer.state() != PeerState.READY) {
                // net.cpp InactivityCheck: a v2 handshake that never finished has its own line
                violation(peer, Violation.HANDSHAKE_TIMEOUT,
                        peer.connection().transport() == TransportProtocol.DETECTING ? "V2 handshake timeout"
                                : "version handshake timeout");
                return;
            }
        }
        // net_processing.cpp SendMessages: an addr-fetch peer that has not answered in time is dropped
        if (peer.connectionType() == ConnectionType.ADDR_FETCH
                && now.isAfter(peer.stats().connected().plus(ADDR_FETCH_TIMEOUT))) {
            log.debug("addrfetch connection timeout, peer={}", peer.id());
            disconnect(peer, "addrfetch connection timeout");
            return;
        }
        sendMessages(peer);
    }

    /**
     * A violation reported by the transport or found here, handled by its {@link Outcome}: drop →
     * debug line; disconnect → close and a line; discourage → Core's MaybeDiscourageAndDisconnect.
     */
    public void violation(Peer peer, Violation violation, String detail) {
        switch (violation.outcome()) {
            case DROP -> log.debug("{}: {}, dropped, peer={}", violation, detail, peer.id());
            case DISCONNECT -> disconnect(peer, detail);
            case DISCOURAGE -> maybeDiscourageAndDisconnect(peer, violation, detail);
        }
    }

    /**
     * net_processing.cpp MaybeDiscourageAndDisconnect: noban and manual peers are not punished at
     * all (not even disconnected); a local address (e.g. every inbound onion peer, arriving from
     * 127.0.0.1) is disconnected but not discouraged, since that would discourage everyone on
     * it; anyone else is discouraged and every connection from that address dropped.
     */
    private void maybeDiscourageAndDisconnect(Peer peer, Violation violation, String detail) {
        log.debug("Misbehaving: {}: {}, peer={}", violation, detail, peer.id());
        if (peer.hasPermission(NetPermissionFlag.NOBAN)) {
            log.debug("Warning: not punishing noban peer, peer={}", peer.id());
            return;
        }
        if (peer.connectionType() == ConnectionType.MANUAL) {
            log.debug("Warning: not punishing manually connected peer, peer={}", peer.id());
            return;
        }
        if (NetGroup.isLocal(peer.address())) {
            log.debug("Warning: disconnecting but not discouraging local peer, peer={}", peer.id());
            disconnect(peer, violation + ": " + detail);
            return;
        }
        disconnect(peer, "Disconnecting and discouraging: " + violation + ": " + detail);
        host.discourage(peer);
    }

    /**
     * Closes the connection with a reason (Core's {@code fDisconnect = true} with its log line
     * "{reason}, disconnecting peer=N"); a peer already disconnecting is left alone.
     */
    public void disconnect(Peer peer, String reason) {
        if (!peer.state().isOpen()) {
            return;
        }
        peer.setDisconnectReason(reason);
        peer.moveTo(PeerState.DISCONNECTING);
        if (options.logIps()) {
            log.debug("{}, disconnecting peeraddr={} peer={}", reason, peer.remoteAddress(), peer.id());
        } else {
            log.debug("{}, disconnecting peer={}", reason, peer.id());
        }
        peer.connection().close();
    }

    /**
     * A {@link Outcome#DROP} found here: the message is ignored with Core's debug text, which
     * ends in "from" so that the line ends in {@code peer=N} as Core's does.
     */
    private void drop(Peer peer, Violation violation, String coreText) {
        if (violation.outcome() != Outcome.DROP) {
            throw new IllegalArgumentException(violation + " is not dropped but " + violation.outcome());
        }
        log.debug("{} peer={}", coreText, peer.id());
    }

    /** Core's ConnectionTypeAsString. */
    public static String typeName(ConnectionType type) {
        return switch (type) {
            case INBOUND -> "inbound";
            case OUTBOUND_FULL_RELAY -> "outbound-full-relay";
            case MANUAL -> "manual";
            case FEELER -> "feeler";
            case BLOCK_RELAY -> "block-relay-only";
            case ADDR_FETCH -> "addr-fetch";
        };
    }

    private static String command(Message message) {
        return message instanceof UnknownMessage u ? sanitize(u.command()) : message.type().command();
    }

    /** Core's SanitizeString: only letters, digits and {@code  .,;-_/:?@()} survive (peer text in logs). */
    static String sanitize(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || " .,;-_/:?@()".indexOf(c) >= 0) {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
