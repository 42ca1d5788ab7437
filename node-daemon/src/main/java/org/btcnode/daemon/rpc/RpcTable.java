package org.btcnode.daemon.rpc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.btcnode.core.log.LogCategory;
import org.btcnode.core.log.LogText;
import org.slf4j.Logger;

/**
 * The RPC commands by name (Core's rpc/server.cpp {@code CRPCTable}) and how one is run: the
 * warm-up check, named parameters put in position, the argument count and JSON types checked
 * as RPCHelpMan does, then the handler, with Core's error codes for what goes wrong.
 * Registration happens before the server starts; execution runs on the RPC worker threads
 * concurrently (the table is read-only then; the active-command list is concurrent).
 */
public final class RpcTable {
    private static final Logger log = LogCategory.RPC.logger();

    private final Map<String, RpcMethod> methods = new ConcurrentHashMap<>();
    private final Map<Long, ActiveCommand> active = new ConcurrentHashMap<>();
    private final AtomicLong executions = new AtomicLong();
    private final RpcCallObserver observer;
    private volatile Optional<String> warmup = Optional.of("Starting...");

    /** A table whose calls nobody observes. */
    public RpcTable() {
        this(RpcCallObserver.NONE);
    }

    /** A table that tells {@code observer} of every call it answers (the metrics endpoint's counters). */
    public RpcTable(RpcCallObserver observer) {
        this.observer = Objects.requireNonNull(observer, "observer");
    }

    /** getrpcinfo's active_commands entry. */
    public record ActiveCommand(String method, long startNanos) {}

    /** Adds a command; a second one of the same name is a programming error. */
    public void register(RpcMethod method) {
        if (methods.putIfAbsent(method.name(), method) != null) {
            throw new IllegalArgumentException("RPC method registered twice: " + method.name());
        }
    }

    public Optional<RpcMethod> method(String name) {
        return Optional.ofNullable(methods.get(name));
    }

    /** Every command, by category then name (the order of {@code help}). */
    public List<RpcMethod> methods() {
        List<RpcMethod> all = new ArrayList<>(methods.values());
        all.sort(Comparator.comparing(RpcMethod::category).thenComparing(RpcMethod::name));
        return all;
    }

    /** server.cpp SetRPCWarmupStatus: calls fail with RPC_IN_WARMUP and this text until finished. */
    public void setWarmupStatus(String status) {
        warmup = Optional.of(status);
    }

    /** server.cpp SetRPCWarmupFinished. */
    public void setWarmupFinished() {
        warmup = Optional.empty();
    }

    /** getrpcinfo: every running command (a method may run more than once at a time). */
    public List<ActiveCommand> activeCommandList() {
        List<ActiveCommand> out = new ArrayList<>(active.values());
        out.sort(Comparator.comparingLong(ActiveCommand::startNanos));
        return out;
    }

    /** CRPCTable::execute: the result, or an {@link RpcException} with Core's code; the observer is told either way. */
    public JsonNode execute(JsonRpcRequest request) {
        String name = methods.containsKey(request.method()) ? request.method() : RpcCallObserver.UNKNOWN_METHOD;
        JsonNode result;
        try {
            result = dispatch(request);
        } catch (RpcException e) {
            observer.called(name, Optional.of(e.code()));
            throw e;
        }
        observer.called(name, Optional.empty());
        return result;
    }

    private JsonNode dispatch(JsonRpcRequest request) {
        Optional<String> warming = warmup;
        if (warming.isPresent()) {
            throw new RpcException(RpcErrorCode.RPC_IN_WARMUP, warming.get());
        }
        RpcMethod method = methods.get(request.method());
        if (method == null) {
            throw new RpcException(RpcErrorCode.RPC_METHOD_NOT_FOUND, "Method not found");
        }
        log.debug("ThreadRPCServer method={} user={}", LogText.sanitize(request.method()),
                LogText.sanitize(request.authUser()));
        ArrayNode params = request.params().isObject()
                ? transformNamedArguments(request.params(), method.args()) : (ArrayNode) request.params();
        checkArguments(method, params);
        long executionId = executions.incrementAndGet();
        active.put(executionId, new ActiveCommand(method.name(), System.nanoTime()));
        try {
            JsonNode result = method.handler().call(new RpcParams(params));
            return result == null ? Json.nullNode() : result;
        } catch (RpcException e) {
            throw e;
        } catch (RuntimeException e) {
            // server.cpp ExecuteCommand: any other std::exception is RPC_MISC_ERROR with its text
            log.debug("RPC {} failed: {}", method.name(), e.toString());
            throw new RpcException(RpcErrorCode.RPC_MISC_ERROR, e.getMessage() == null ? e.toString() : e.getMessage());
        } finally {
            active.remove(executionId);
        }
    }

    /** RPCHelpMan::HandleRequest: count first (the help text as RPC_MISC_ERROR), then the JSON types. */
    private static void checkArguments(RpcMethod method, ArrayNode params) {
        if (params.size() < method.requiredCount() || params.size() > method.args().size()) {
            throw new RpcException(RpcErrorCode.RPC_MISC_ERROR, method.helpText());
        }
        Map<String, String> mismatch = new LinkedHashMap<>();
        for (int i = 0; i < method.args().size(); i++) {
            RpcArg arg = method.args().get(i);
            JsonNode value = i < params.size() ? params.get(i) : Json.nullNode();
            if (!arg.matches(value)) {
                mismatch.put("Position " + (i + 1) + " (" + arg.name() + ")", "JSON value of type "
                        + Json.typeName(value) + " is not of expected type " + arg.type().jsonName());
            }
        }
        if (!mismatch.isEmpty()) {
            StringBuilder sb = new StringBuilder("Wrong type passed:\n{\n");
            Iterator<Map.Entry<String, String>> it = mismatch.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<String, String> e = it.next();
                sb.append("    ").append(Json.write(Json.text(e.getKey()))).append(": ")
                        .append(Json.write(Json.text(e.getValue()))).append(it.hasNext() ? ",\n" : "\n");
            }
            throw new RpcException(RpcErrorCode.RPC_TYPE_ERROR, sb.append('}').toString());
        }
    }

    /**
     * server.cpp transformNamedArguments: named values to their positions, JSON null in the holes
     * before a given one; an "args" array supplies leading positional values; an unknown name is
     * RPC_INVALID_PARAMETER.
     */
    static ArrayNode transformNamedArguments(JsonNode named, List<RpcArg> args) {
        Map<String, JsonNode> in = new TreeMap<>();
        named.fields().forEachRemaining(e -> in.put(e.getKey(), e.getValue()));
        ArrayNode out = Json.array();
        int hole = 0;
        int initialHole = 0;
        Optional<String> initialParam = Optional.empty();
        for (RpcArg arg : args) {
            JsonNode value = in.remove(arg.name());
            if (value != null) {
                if (initialParam.isEmpty()) {
                    initialParam = Optional.of(arg.name());
                    initialHole = hole;
                }
                for (; hole > 0; hole--) {
                    out.addNull();
                }
                out.add(value);
            } else {
                hole++;
            }
        }
        JsonNode positional = in.remove("args");
        if (positional != null && positional.isArray()) {
            if (initialParam.isPresent() && initialHole < positional.size()) {
                throw new RpcException(RpcErrorCode.RPC_INVALID_PARAMETER, "Parameter " + initialParam.get()
                        + " specified twice both as positional and named argument");
            }
            ArrayNode merged = ((ArrayNode) positional).deepCopy();
            for (int i = merged.size(); i < out.size(); i++) {
                merged.add(out.get(i));
            }
            out = merged;
        } else if (positional != null) {
            in.put("args", positional);
        }
        if (!in.isEmpty()) {
            throw new RpcException(RpcErrorCode.RPC_INVALID_PARAMETER,
                    "Unknown named parameter " + in.keySet().iterator().next());
        }
        return out;
    }
}
