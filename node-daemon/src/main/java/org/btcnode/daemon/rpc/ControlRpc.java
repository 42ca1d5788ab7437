package org.btcnode.daemon.rpc;

import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.btcnode.core.log.LogCategory;
import org.btcnode.daemon.LoggingSetup;

import static org.btcnode.daemon.rpc.RpcArg.Type.ARR;
import static org.btcnode.daemon.rpc.RpcArg.Type.STR;

/**
 * The control RPCs (Core's rpc/server.cpp help/stop/uptime/getrpcinfo and rpc/node.cpp logging).
 * {@code stop} answers first and then runs the shutdown request the daemon gave, on its own
 * thread, so the reply is written before the server closes.
 */
final class ControlRpc {
    private static final String CATEGORY = "control";

    private final RpcTable table;
    private final Instant startTime;
    private final InstantSource clock;
    private final Optional<Path> debugLog;
    private final Runnable requestShutdown;

    ControlRpc(RpcTable table, Instant startTime, InstantSource clock, Optional<Path> debugLog,
               Runnable requestShutdown) {
        this.table = table;
        this.startTime = startTime;
        this.clock = clock;
        this.debugLog = debugLog;
        this.requestShutdown = requestShutdown;
    }

    void registerAll() {
        table.register(new RpcMethod("help", CATEGORY, "List all commands, or get help for a specified command.",
                List.of(RpcArg.optional("command", STR, "The command to get help on")), this::help));
        table.register(new RpcMethod("stop", CATEGORY, "Request a graceful shutdown of btcnode.", List.of(), p -> {
            Thread t = new Thread(requestShutdown, "rpc-stop");
            t.setDaemon(false);
            t.start();
            return Json.text("btcnode stopping");
        }));
        table.register(new RpcMethod("uptime", CATEGORY, "Returns the total uptime of the server.", List.of(),
                p -> Json.number(clock.instant().getEpochSecond() - startTime.getEpochSecond())));
        table.register(new RpcMethod("getrpcinfo", CATEGORY, "Returns details of the RPC server.", List.of(),
                p -> rpcInfo()));
        table.register(new RpcMethod("logging", CATEGORY,
                "Gets and sets the logging configuration.\n"
                        + "When called without an argument, returns the list of categories with status that are currently being debug logged or not.\n"
                        + "When called with arguments, adds or removes categories from debug logging and return the lists above.\n"
                        + "The arguments are evaluated in order \"include\", \"exclude\".\n"
                        + "If an item is both included and excluded, it will thus end up being excluded.\n"
                        + "The valid logging categories are: " + LogCategory.idList() + "\n"
                        + "In addition, the following are available as category names with special meanings:\n"
                        + "  - \"all\",  \"1\" : represent all logging categories.",
                List.of(RpcArg.optional("include", ARR, "The categories to add to debug logging"),
                        RpcArg.optional("exclude", ARR, "The categories to remove from debug logging")),
                this::logging));
    }

    /** server.cpp CRPCTable::help: the list by category, or one command's text. */
    private JsonNode help(RpcParams p) {
        if (!p.isNull(0)) {
            String name = p.string(0);
            return Json.text(table.method(name).map(RpcMethod::helpText)
                    .orElse("help: unknown command: " + name));
        }
        StringBuilder sb = new StringBuilder();
        String category = null;
        for (RpcMethod m : table.methods()) {
            if (!m.category().equals(category)) {
                if (category != null) {
                    sb.append('\n');
                }
                category = m.category();
                sb.append("== ").append(category.substring(0, 1).toUpperCase(Locale.ROOT))
                        .append(category.substring(1)).append(" ==\n");
            }
            sb.append(m.synopsis()).append('\n');
        }
        return Json.text(sb.toString().stripTrailing());
    }

    private JsonNode rpcInfo() {
        ObjectNode o = Json.object();
        ArrayNode active = Json.array();
        long now = System.nanoTime();
        for (RpcTable.ActiveCommand c : table.activeCommandList()) {
            ObjectNode entry = Json.object();
            entry.put("method", c.method());
            entry.put("duration", TimeUnit.NANOSECONDS.toMicros(now - c.startNanos()));
            active.add(entry);
        }
        o.set("active_commands", active);
        o.put("logpath", debugLog.map(Path::toString).orElse(""));
        return o;
    }

    /** rpc/node.cpp logging: include, then exclude; an unknown name is RPC_INVALID_PARAMETER. */
    private JsonNode logging(RpcParams p) {
        Set<LogCategory> include = categories(p.get(0));
        Set<LogCategory> exclude = categories(p.get(1));
        include.forEach(c -> LoggingSetup.setCategoryEnabled(c, true));
        exclude.forEach(c -> LoggingSetup.setCategoryEnabled(c, false));
        ObjectNode o = Json.object();
        Arrays.stream(LogCategory.values()).sorted(Comparator.comparing(LogCategory::id))
                .forEach(c -> o.put(c.id(), LoggingSetup.isCategoryEnabled(c)));
        return o;
    }

    private static Set<LogCategory> categories(JsonNode list) {
        Set<LogCategory> out = new TreeSet<>();
        if (list.isNull()) {
            return out;
        }
        for (JsonNode item : list) {
            if (!item.isTextual()) {
                throw new RpcException(RpcErrorCode.RPC_TYPE_ERROR,
                        "JSON value of type " + Json.typeName(item) + " is not of expected type string");
            }
            String name = item.textValue();
            if (name.equals("all") || name.equals("1")) {
                out.addAll(List.of(LogCategory.values()));
            } else {
                out.add(LogCategory.fromId(name).orElseThrow(() -> new RpcException(
                        RpcErrorCode.RPC_INVALID_PARAMETER, "unknown logging category " + name)));
            }
        }
        return out;
    }
}
