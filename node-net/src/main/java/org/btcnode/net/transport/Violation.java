package org.btcnode.net.transport;

/**
 * Every way a peer can break the protocol, each mapped to the {@link Outcome} Core chooses. Each
 * constant cites the Core rule it copies. Immutable.
 */
public enum Violation {
    /** net.cpp V1Transport::readHeader: "Wrong MessageStart" returns -1, ReceiveMsgBytes fails, disconnect. */
    BAD_MAGIC(Outcome.DISCONNECT),
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
    INVALID_COMMAND(Outcome.DROP);

    private final Outcome outcome;

    Violation(Outcome outcome) {
        this.outcome = outcome;
    }

    public Outcome outcome() {
        return outcome;
    }
}
