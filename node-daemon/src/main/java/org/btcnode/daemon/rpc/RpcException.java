package org.btcnode.daemon.rpc;

import java.util.Objects;

/**
 * A JSON-RPC error (Core's {@code JSONRPCError(code, message)} thrown as a UniValue): the one
 * exception type of this package; its {@link RpcErrorCode} decides the reply's {@code code} and,
 * for JSON-RPC 1.0, the HTTP status. Without a stack trace: bad requests make it cheap to throw.
 */
public final class RpcException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final RpcErrorCode code;

    public RpcException(RpcErrorCode code, String message) {
        super(message, null, false, false);
        this.code = Objects.requireNonNull(code, "code");
    }

    public RpcErrorCode code() {
        return code;
    }
}
