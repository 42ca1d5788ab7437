package org.btcnode.daemon.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a command line into a JSON-RPC request and the server's reply into the reply to print,
 * as bitcoin-cli's {@code BaseRequestHandler}: one method call, or a batch for {@code -getinfo}
 * and {@code -netinfo}. One per invocation, on the main thread.
 */
sealed interface RequestHandler permits DefaultRequestHandler, GetinfoRequestHandler, NetinfoRequestHandler {
    JsonValue prepareRequest(String method, List<String> args) throws CliException;

    /** The reply to print: an object with {@code result} and {@code error}. */
    JsonValue processReply(JsonValue reply) throws CliException;

    /** rpc/request.cpp JSONRPCRequestObj. */
    static JsonValue request(String method, JsonValue params, int id) {
        Map<String, JsonValue> members = new LinkedHashMap<>();
        members.put("method", new JsonValue.Str(method));
        members.put("params", params);
        members.put("id", new JsonValue.Number(Integer.toString(id)));
        members.put("jsonrpc", new JsonValue.Str("2.0"));
        return new JsonValue.Obj(members);
    }

    /** A batch calling {@code methods} without parameters, with ids 0, 1, … in that order. */
    static JsonValue batchRequest(String... methods) {
        List<JsonValue> batch = new ArrayList<>();
        for (int id = 0; id < methods.length; id++) {
            batch.add(request(methods[id], JsonValue.Null.INSTANCE, id));
        }
        return new JsonValue.Array(batch);
    }

    /** rpc/request.cpp JSONRPCReplyObj: a reply made on the client side. */
    static JsonValue reply(JsonValue result) {
        Map<String, JsonValue> members = new LinkedHashMap<>();
        members.put("result", result);
        members.put("error", JsonValue.Null.INSTANCE);
        members.put("id", new JsonValue.Number("1"));
        return new JsonValue.Obj(members);
    }

    /** The first reply among {@code ids} that carries an error: bitcoin-cli passes it on as the whole reply. */
    static Optional<JsonValue> firstError(List<JsonValue> batch, int... ids) {
        for (int id : ids) {
            if (!batch.get(id).get("error").isNull()) {
                return Optional.of(batch.get(id));
            }
        }
        return Optional.empty();
    }

    /** rpc/request.cpp JSONRPCProcessBatchReply: the batch's replies ordered by their integer ids. */
    static List<JsonValue> batch(JsonValue in) throws CliException {
        if (!(in instanceof JsonValue.Array)) {
            throw CliException.error("Batch must be an array");
        }
        int num = in.elements().size();
        List<JsonValue> batch = new ArrayList<>();
        for (int i = 0; i < num; i++) {
            batch.add(JsonValue.Null.INSTANCE);
        }
        for (JsonValue rec : in.elements()) {
            if (!(rec instanceof JsonValue.Obj)) {
                throw CliException.error("Batch member must be an object");
            }
            long id;
            try {
                id = rec.get("id").asLong();
            } catch (IllegalStateException | ArithmeticException | NumberFormatException e) {
                throw CliException.error("Batch member id must be an integer");
            }
            if (id < 0 || id >= num) {
                throw CliException.error("Batch member id is larger than batch size");
            }
            batch.set((int) id, rec);
        }
        return batch;
    }
}
