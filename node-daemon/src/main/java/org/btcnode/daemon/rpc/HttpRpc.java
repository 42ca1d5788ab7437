package org.btcnode.daemon.rpc;

import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An authenticated request body in, the HTTP status and body out (Core's httprpc.cpp
 * {@code ExecuteHTTPRPC} and {@code JSONErrorReply}): single requests and batches, 1.0 and 2.0
 * replies, notifications, and the HTTP status of a 1.0 error (400 invalid request, 404 method
 * not found, 500 otherwise). No I/O: the HTTP server calls it on a worker thread. Thread-safe.
 */
public final class HttpRpc {
    public static final int HTTP_OK = 200;
    public static final int HTTP_NO_CONTENT = 204;
    public static final int HTTP_BAD_REQUEST = 400;
    public static final int HTTP_NOT_FOUND = 404;
    public static final int HTTP_INTERNAL_SERVER_ERROR = 500;

    private final RpcTable table;

    /** The HTTP answer: a status and, unless empty, a JSON body (written with a trailing newline). */
    public record Reply(int status, Optional<JsonNode> body) {}

    public HttpRpc(RpcTable table) {
        this.table = table;
    }

    public Reply execute(String body, String authUser) {
        JsonNode request;
        try {
            request = Json.parse(body);
        } catch (JsonProcessingException e) {
            return errorReply(new RpcException(RpcErrorCode.RPC_PARSE_ERROR, "Parse error"),
                    JsonRpcRequest.Envelope.UNKNOWN);
        }
        if (request.isObject()) {
            return single(request, authUser);
        }
        if (request.isArray()) {
            return batch((ArrayNode) request, authUser);
        }
        return errorReply(new RpcException(RpcErrorCode.RPC_PARSE_ERROR, "Top-level object parse error"),
                JsonRpcRequest.Envelope.UNKNOWN);
    }

    private Reply single(JsonNode request, String authUser) {
        JsonRpcRequest.Envelope envelope = JsonRpcRequest.Envelope.UNKNOWN;
        JsonRpcRequest parsed;
        try {
            envelope = JsonRpcRequest.envelope(request);
            parsed = JsonRpcRequest.parse(request, envelope, authUser);
        } catch (RpcException e) {
            return errorReply(e, envelope);
        }
        ObjectNode reply;
        if (parsed.version() == JsonRpcVersion.V2) {
            // 2.0: errors go inside an HTTP 200 reply (httprpc.cpp catch_errors)
            reply = exec(parsed);
        } else {
            try {
                reply = replyObject(table.execute(parsed), null, envelope);
            } catch (RpcException e) {
                return errorReply(e, envelope);
            }
        }
        if (parsed.isNotification()) {
            return new Reply(HTTP_NO_CONTENT, Optional.empty());   // executed, never answered
        }
        return new Reply(HTTP_OK, Optional.of(reply));
    }

    /** Batches never produce HTTP errors; notifications get no entry; an all-notification batch gets 204. */
    private Reply batch(ArrayNode requests, String authUser) {
        ArrayNode replies = Json.array();
        for (JsonNode request : requests) {
            JsonRpcRequest.Envelope envelope = JsonRpcRequest.Envelope.UNKNOWN;
            ObjectNode reply;
            boolean notification;
            try {
                if (!request.isObject()) {
                    throw new RpcException(RpcErrorCode.RPC_INVALID_REQUEST, "Invalid Request object");
                }
                envelope = JsonRpcRequest.envelope(request);
                JsonRpcRequest parsed = JsonRpcRequest.parse(request, envelope, authUser);
                notification = parsed.isNotification();
                reply = exec(parsed);
            } catch (RpcException e) {
                notification = envelope.id().isEmpty() && envelope.version() == JsonRpcVersion.V2;
                reply = replyObject(null, e, envelope);
            }
            if (!notification) {
                replies.add(reply);
            }
        }
        // Core answers an empty batch with [] (old clients) but an all-notification batch with nothing
        if (replies.isEmpty() && !requests.isEmpty()) {
            return new Reply(HTTP_NO_CONTENT, Optional.empty());
        }
        return new Reply(HTTP_OK, Optional.of(replies));
    }

    /** request.cpp JSONRPCExec with catch_errors: the result or the error, in a reply object. */
    private ObjectNode exec(JsonRpcRequest request) {
        JsonRpcRequest.Envelope envelope = new JsonRpcRequest.Envelope(request.id(), request.version());
        try {
            return replyObject(table.execute(request), null, envelope);
        } catch (RpcException e) {
            return replyObject(null, e, envelope);
        }
    }

    /** httprpc.cpp JSONErrorReply: a 1.0 (or unparsed) request's error as an HTTP error status. */
    private static Reply errorReply(RpcException error, JsonRpcRequest.Envelope envelope) {
        int status = switch (error.code()) {
            case RPC_INVALID_REQUEST -> HTTP_BAD_REQUEST;
            case RPC_METHOD_NOT_FOUND -> HTTP_NOT_FOUND;
            default -> HTTP_INTERNAL_SERVER_ERROR;
        };
        return new Reply(status, Optional.of(replyObject(null, error, envelope)));
    }

    /**
     * request.cpp JSONRPCReplyObj: 2.0 replies carry "jsonrpc" and only one of result/error; 1.0
     * replies carry both, one null; the id is echoed when the request had one.
     */
    static ObjectNode replyObject(JsonNode result, RpcException error, JsonRpcRequest.Envelope envelope) {
        ObjectNode reply = Json.object();
        boolean v2 = envelope.version() == JsonRpcVersion.V2;
        if (v2) {
            reply.put("jsonrpc", "2.0");
        }
        if (error == null) {
            reply.set("result", result);
            if (!v2) {
                reply.putNull("error");
            }
        } else {
            if (!v2) {
                reply.putNull("result");
            }
            ObjectNode e = Json.object();
            e.put("code", error.code().code());
            e.put("message", error.getMessage());
            reply.set("error", e);
        }
        envelope.id().ifPresent(id -> reply.set("id", id));
        return reply;
    }
}
