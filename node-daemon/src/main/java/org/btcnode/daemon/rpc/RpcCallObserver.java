package org.btcnode.daemon.rpc;

import java.util.Optional;

/**
 * Told of every request the dispatcher ({@link RpcTable#execute}) answered, with its error code
 * when it failed: the metrics endpoint counts calls with it. Called on the RPC worker threads,
 * concurrently, after the call; must be quick and must not throw.
 */
@FunctionalInterface
public interface RpcCallObserver {
    /** Observes nothing (the metrics endpoint is off). */
    RpcCallObserver NONE = (method, error) -> { };

    /**
     * The name passed for a method the table does not have: what clients send is never a metric
     * label (it would let them create series without limit).
     */
    String UNKNOWN_METHOD = "unknown";

    /** {@code method} is a registered name or {@link #UNKNOWN_METHOD}; {@code error} is empty on success. */
    void called(String method, Optional<RpcErrorCode> error);
}
