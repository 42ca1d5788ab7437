package org.btcnode.net.transport;

/**
 * Every way a peer can break the protocol, each mapped to the {@link Outcome} Core chooses. Each
 * constant cites the Core rule it copies. Immutable.
 */
public enum Violation {
    /** net.cpp V1Transport::readHeader: "Wrong MessageStart" returns -1, ReceiveMsgBytes fails, disconnect. */
    BAD_MAGIC(Outcome.DISCONNECT),
    /**
     * net.cpp V2Transport::ReceivedBytes returns false ("V2 transport error: ..."): a v1 peer of
     * another network, no garbage terminator within 4,095 + 16 bytes, a packet over the size limit
     * or one whose tag fails. CNode::ReceiveMsgBytes fails and the peer is disconnected.
     */
    V2_TRANSPORT_ERROR(Outcome.DISCONNECT),
    /**
     * net.cpp V1Transport::readHeader: nMessageSize &gt; MAX_PROTOCOL_MESSAGE_LENGTH ("Size too
     * large") returns -1 before any payload byte is buffered; disconnect.
     */
    OVERSIZED_MESSAGE(Outcome.DISCONNECT),
    /**
     * net.cpp V1Transport::GetReceivedMessage: "Wrong checksum" sets reject_message; CNode::ReceiveMsgBytes
     * drops the message ("don't disconnect the peer") and keeps reading.
     */
    BAD_CHECKSUM(Outcome.DROP),
    /**
     * net.cpp V1Transport::GetReceivedMessage: !CMessageHeader::IsCommandValid() ("Invalid message
     * type") sets reject_message: dropped like a bad checksum, connection kept. Checked only when
     * the checksum matched, as Core does.
     */
    INVALID_COMMAND(Outcome.DROP),
    /**
     * net_processing.cpp ProcessMessages: a payload that fails to deserialise throws, the exception
     * is caught and logged ("Exception '%s' (%s) caught"), the message is dropped, the peer kept.
     */
    MALFORMED_PAYLOAD(Outcome.DROP),
    /**
     * net_processing.cpp: a count over the protocol limit in inv/getdata ("inv message size"),
     * addr/addrv2 ("addr message size"), headers ("headers message size") is Misbehaving: discourage.
     */
    OVERSIZED_COUNT(Outcome.DISCOURAGE),
    /**
     * Our choice (issue: "a peer whose send queue exceeds -maxsendbuffer is disconnected"). Core
     * instead stops processing the peer's messages (fPauseSend) until its queue drains; a peer that
     * never reads would then idle until the inactivity timeout. Disconnecting bounds memory sooner.
     */
    SEND_BUFFER_FULL(Outcome.DISCONNECT),
    /** net_processing.cpp: "non-version message before version handshake" is ignored. */
    MESSAGE_BEFORE_VERSION(Outcome.DROP),
    /** net_processing.cpp: "redundant version message from peer" is ignored. */
    DUPLICATE_VERSION(Outcome.DROP),
    /** net_processing.cpp: "unsupported message prior to verack" is ignored. */
    MESSAGE_BEFORE_VERACK(Outcome.DROP),
    /** net_processing.cpp: wtxidrelay or sendaddrv2 "received after verack, disconnecting". */
    FEATURE_NEGOTIATION_AFTER_VERACK(Outcome.DISCONNECT),
    /** net_processing.cpp: "peer using obsolete version %i; disconnecting" (below MIN_PEER_PROTO_VERSION). */
    OBSOLETE_VERSION(Outcome.DISCONNECT),
    /** net_processing.cpp: "connected to self at %s, disconnecting" (our own version nonce came back). */
    SELF_CONNECTION(Outcome.DISCONNECT),
    /** net_processing.cpp: "does not offer the expected services" on an outbound connection. */
    MISSING_SERVICES(Outcome.DISCONNECT),
    /** net.cpp InactivityCheck: no version/verack within -peertimeout ("version handshake timeout"). */
    HANDSHAKE_TIMEOUT(Outcome.DISCONNECT),
    /** net_processing.cpp MaybeSendPing: "ping timeout: %fs" after TIMEOUT_INTERVAL. */
    PING_TIMEOUT(Outcome.DISCONNECT),
    /** net.cpp InactivityCheck: no send or no receive for TIMEOUT_INTERVAL ("socket receive timeout"). */
    INACTIVITY_TIMEOUT(Outcome.DISCONNECT),
    /**
     * net_processing.cpp CheckHeadersPoW: "header with invalid proof of work" or "non-continuous
     * headers sequence" is Misbehaving: discourage.
     */
    INVALID_HEADERS(Outcome.DISCOURAGE),
    /**
     * net_processing.cpp MaybePunishNodeForBlock: an invalid header or block whose
     * BlockValidationResult discourages (the caller asks BlockValidationResult.discourages first).
     */
    INVALID_BLOCK(Outcome.DISCOURAGE),
    /** net_processing.cpp "block": IsBlockMutated is Misbehaving ("mutated block"); the header is not marked. */
    MUTATED_BLOCK(Outcome.DISCOURAGE),
    /** net_processing.cpp SendMessages: "Peer is stalling block download" disconnects. */
    BLOCK_DOWNLOAD_STALLING(Outcome.DISCONNECT),
    /** net_processing.cpp SendMessages: "Timeout downloading block" disconnects. */
    BLOCK_DOWNLOAD_TIMEOUT(Outcome.DISCONNECT),
    /** net_processing.cpp SendMessages: "Timeout downloading headers" disconnects the only sync peer. */
    HEADERS_DOWNLOAD_TIMEOUT(Outcome.DISCONNECT),
    /**
     * Our addition (net.health.MessageBudget): a peer that keeps sending far over its per-message
     * budget after being throttled is treated as Core treats Misbehaving (MaybeDiscourageAndDisconnect):
     * discouraged and disconnected; a noban or manual peer not at all, a local one only disconnected.
     */
    MESSAGE_FLOOD(Outcome.DISCOURAGE);

    private final Outcome outcome;

    Violation(Outcome outcome) {
        this.outcome = outcome;
    }

    public Outcome outcome() {
        return outcome;
    }
}
