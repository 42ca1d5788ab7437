package org.btcnode.daemon.rpc;

import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One parsed JSON-RPC call (Core's rpc/request.h {@code JSONRPCRequest}). Immutable.
 *
 * @param id       the request's id; empty when the key was absent (a 2.0 notification)
 * @param method   the method name
 * @param params   a JSON array (positional) or object (named)
 * @param version  how to answer
 * @param authUser the user that authenticated ("__cookie__" for the cookie)
 */
public record JsonRpcRequest(Optional<JsonNode> id, String method, JsonNode params, JsonRpcVersion version,
                             String authUser) {
    public JsonRpcRequest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(authUser, "authUser");
    }

    /** request.cpp IsNotification: a 2.0 request without an id gets no reply. */
    public boolean isNotification() {
        return id.isEmpty() && version == JsonRpcVersion.V2;
    }

    /**
     * The parts of a request that are read before anything can fail, so that an error reply
     * carries them (request.cpp reads the id first, then the version).
     */
    record Envelope(Optional<JsonNode> id, JsonRpcVersion version) {
        /** Before a request could be read at all: id null, 1.0 replies (Core's default JSONRPCRequest). */
        static final Envelope UNKNOWN = new Envelope(Optional.of(Json.nullNode()), JsonRpcVersion.V1_LEGACY);
    }

    /** The id and version of a request object; throws RPC_INVALID_REQUEST for a bad "jsonrpc" field. */
    static Envelope envelope(JsonNode request) {
        Optional<JsonNode> id = request.has("id") ? Optional.of(request.get("id")) : Optional.empty();
        JsonNode v = request.get("jsonrpc");
        if (v == null || v.isNull()) {
            return new Envelope(id, JsonRpcVersion.V1_LEGACY);
        }
        return new Envelope(id, switch (v.isTextual() ? v.textValue() : "") {
            // some old documentation put {"jsonrpc": "1.0"} in requests: Core accepts it as legacy
            case "1.0" -> JsonRpcVersion.V1_LEGACY;
            case "2.0" -> JsonRpcVersion.V2;
            default -> throw new RpcException(RpcErrorCode.RPC_INVALID_REQUEST,
                    v.isTextual() ? "JSON-RPC version not supported" : "jsonrpc field must be a string");
        });
    }

    /** request.cpp JSONRPCRequest::parse, after {@link #envelope}. */
    static JsonRpcRequest parse(JsonNode request, Envelope envelope, String authUser) {
        JsonNode method = request.get("method");
        if (method == null || method.isNull()) {
            throw new RpcException(RpcErrorCode.RPC_INVALID_REQUEST, "Missing method");
        }
        if (!method.isTextual()) {
            throw new RpcException(RpcErrorCode.RPC_INVALID_REQUEST, "Method must be a string");
        }
        JsonNode params = request.get("params");
        if (params == null || params.isNull()) {
            params = Json.array();
        } else if (!params.isArray() && !params.isObject()) {
            throw new RpcException(RpcErrorCode.RPC_INVALID_REQUEST, "Params must be an array or object");
        }
        return new JsonRpcRequest(envelope.id(), method.textValue(), params, envelope.version(), authUser);
    }
}
