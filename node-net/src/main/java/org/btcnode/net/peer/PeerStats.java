package org.btcnode.net.peer;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Traffic counters of one peer for getpeerinfo (Core's {@code CNodeStats}: {@code m_connected},
 * {@code m_last_send}, {@code m_last_recv}, {@code mapSendBytesPerMsgType},
 * {@code mapRecvBytesPerMsgType}). Times are {@link Instant#EPOCH} until the first byte, as Core's
 * zero. Mutable; node-logic thread only.
 */
public final class PeerStats {
    /** net.h NET_MESSAGE_TYPE_OTHER: the key for commands this node does not know. */
    public static final String MESSAGE_TYPE_OTHER = "*other*";

    private final Instant connected;
    private Instant lastSend = Instant.EPOCH;
    private Instant lastRecv = Instant.EPOCH;
    private long bytesSent;
    private long bytesRecv;
    private final Map<String, Long> sentPerType = new TreeMap<>();
    private final Map<String, Long> recvPerType = new TreeMap<>();

    public PeerStats(Instant connected) {
        this.connected = connected;
    }

    /** A message went out (the transport's onSent). */
    public void recordSent(String command, int wireBytes, Instant now) {
        lastSend = now;
        bytesSent += wireBytes;
        sentPerType.merge(command, (long) wireBytes, Long::sum);
    }

    /** A message came in. */
    public void recordReceived(String command, int wireBytes, Instant now) {
        lastRecv = now;
        bytesRecv += wireBytes;
        recvPerType.merge(command, (long) wireBytes, Long::sum);
    }

    /** Bytes arrived that made no message (a refused frame): they count as activity, not per type. */
    public void recordActivity(Instant now) {
        lastRecv = now;
    }

    public Instant connected() {
        return connected;
    }

    public Instant lastSend() {
        return lastSend;
    }

    public Instant lastRecv() {
        return lastRecv;
    }

    public long bytesSent() {
        return bytesSent;
    }

    public long bytesRecv() {
        return bytesRecv;
    }

    /** Bytes sent per command, header included, sorted by command. */
    public Map<String, Long> bytesSentPerType() {
        return Collections.unmodifiableMap(sentPerType);
    }

    /** Bytes received per command ({@link #MESSAGE_TYPE_OTHER} for unknown ones), header included. */
    public Map<String, Long> bytesRecvPerType() {
        return Collections.unmodifiableMap(recvPerType);
    }
}
