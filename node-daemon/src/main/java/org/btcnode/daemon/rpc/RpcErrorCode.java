package org.btcnode.daemon.rpc;

/**
 * JSON-RPC error codes, Core's {@code rpc/protocol.h} {@code RPCErrorCode} (the ones btcnode can
 * return). The numbers are part of the interface: bitcoin-cli and libraries switch on them.
 */
public enum RpcErrorCode {
    /** Standard JSON-RPC 2.0: the request object is not a valid request. */
    RPC_INVALID_REQUEST(-32600),
    /** Standard JSON-RPC 2.0: no such method. */
    RPC_METHOD_NOT_FOUND(-32601),
    /** Standard JSON-RPC 2.0: invalid method parameters (e.g. both address and nodeid). */
    RPC_INVALID_PARAMS(-32602),
    /** Standard JSON-RPC 2.0: internal error (not used by Core, kept for completeness). */
    RPC_INTERNAL_ERROR(-32603),
    /** Standard JSON-RPC 2.0: the body is not JSON. */
    RPC_PARSE_ERROR(-32700),
    /** std::exception thrown in command handling (wrong argument count, out-of-range integer). */
    RPC_MISC_ERROR(-1),
    /** Unexpected type was passed as parameter. */
    RPC_TYPE_ERROR(-3),
    /** Invalid address or key (an unknown block hash). */
    RPC_INVALID_ADDRESS_OR_KEY(-5),
    /** Invalid, missing or duplicate parameter. */
    RPC_INVALID_PARAMETER(-8),
    /** Error parsing or validating structure in raw format. */
    RPC_DESERIALIZATION_ERROR(-22),
    /** General error during transaction or block submission. */
    RPC_VERIFY_ERROR(-25),
    /** Database error. */
    RPC_DATABASE_ERROR(-20),
    /** Client still warming up. */
    RPC_IN_WARMUP(-28),
    /** Node is already added (addnode add, setban add). */
    RPC_CLIENT_NODE_ALREADY_ADDED(-23),
    /** Node has not been added before (addnode remove, getaddednodeinfo). */
    RPC_CLIENT_NODE_NOT_ADDED(-24),
    /** Node to disconnect not found in connected nodes. */
    RPC_CLIENT_NODE_NOT_CONNECTED(-29),
    /** Invalid IP/Subnet (setban). */
    RPC_CLIENT_INVALID_IP_OR_SUBNET(-30),
    /** No valid connection manager instance found. */
    RPC_CLIENT_P2P_DISABLED(-31);

    private final int code;

    RpcErrorCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
