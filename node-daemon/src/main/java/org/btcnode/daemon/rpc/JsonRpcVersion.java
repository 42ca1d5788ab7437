package org.btcnode.daemon.rpc;

/** rpc/request.h JSONRPCVersion: how a request asked to be answered. */
public enum JsonRpcVersion {
    /** JSON-RPC 1.0/1.1 (no "jsonrpc" key, or "1.0"): errors become HTTP errors, replies carry both result and error. */
    V1_LEGACY,
    /** JSON-RPC 2.0: errors inside HTTP 200, no reply to notifications, "jsonrpc": "2.0" in replies. */
    V2
}
