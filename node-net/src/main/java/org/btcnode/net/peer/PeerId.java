package org.btcnode.net.peer;

/**
 * A connection's number, Core's {@code NodeId}: given once per connection, in order, never reused
 * while the node runs. Printed bare so that log lines end in {@code peer=7} as Core's do. Immutable.
 */
public record PeerId(long value) implements Comparable<PeerId> {

    public PeerId {
        if (value < 0) {
            throw new IllegalArgumentException("peer id must not be negative: " + value);
        }
    }

    public static PeerId of(long value) {
        return new PeerId(value);
    }

    @Override
    public int compareTo(PeerId other) {
        return Long.compare(value, other.value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
