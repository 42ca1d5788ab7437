package org.btcnode.daemon;

/** The lifecycle of the node as a whole. Written only by {@link Node#moveTo}. */
enum NodeState {
    /** Built, nothing started. */
    NEW,
    /** Services are being started in order. */
    STARTING,
    /** Every service started; the daemon waits for a shutdown signal. */
    RUNNING,
    /** Services are being stopped in reverse order. */
    STOPPING,
    /** Everything stopped; terminal. */
    STOPPED;

    boolean canMoveTo(NodeState next) {
        return switch (this) {
            case NEW -> next == STARTING || next == STOPPED;
            case STARTING -> next == RUNNING || next == STOPPING;
            case RUNNING -> next == STOPPING;
            case STOPPING -> next == STOPPED;
            case STOPPED -> false;
        };
    }
}
