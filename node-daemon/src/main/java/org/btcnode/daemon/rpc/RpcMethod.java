package org.btcnode.daemon.rpc;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One RPC command (Core's {@code CRPCCommand} plus its {@code RPCHelpMan}): name, help category,
 * description, arguments and the handler. Register it with {@link RpcTable#register}; the table
 * checks the argument count and types before the handler runs. Immutable.
 *
 * <pre>{@code
 * table.register(new RpcMethod("getblockcount", "blockchain",
 *         "Returns the height of the most-work fully-validated chain.", List.of(),
 *         params -> Json.number(chain.height())));
 * }</pre>
 */
public record RpcMethod(String name, String category, String description, List<RpcArg> args, Handler handler) {

    /** Runs the command on an RPC worker thread; returns the {@code result} (JSON null for none). */
    @FunctionalInterface
    public interface Handler {
        JsonNode call(RpcParams params);
    }

    public RpcMethod {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(description, "description");
        args = List.copyOf(args);
        Objects.requireNonNull(handler, "handler");
    }

    /** How many arguments are required (the first ones: optional arguments come last). */
    int requiredCount() {
        int n = 0;
        for (RpcArg a : args) {
            if (a.required()) {
                n++;
            }
        }
        return n;
    }

    /** The help list line: name and arguments, optional ones in parentheses, strings quoted. */
    String synopsis() {
        StringBuilder sb = new StringBuilder(name);
        boolean inOptional = false;
        for (RpcArg a : args) {
            if (!a.required() && !inOptional) {
                sb.append(" (");
                inOptional = true;
            }
            sb.append(' ');
            boolean quoted = a.type() == RpcArg.Type.STR || a.type() == RpcArg.Type.STR_HEX;
            sb.append(quoted ? "\"" + a.name() + "\"" : a.name());
        }
        if (inOptional) {
            sb.append(" )");
        }
        return sb.toString();
    }

    /** The text {@code help <name>} returns and a wrong argument count throws (RPCHelpMan::ToString). */
    String helpText() {
        StringBuilder sb = new StringBuilder(synopsis()).append("\n\n").append(description.strip()).append('\n');
        if (!args.isEmpty()) {
            sb.append("\nArguments:\n");
            for (int i = 0; i < args.size(); i++) {
                RpcArg a = args.get(i);
                sb.append(i + 1).append(". ").append(a.name()).append("    (").append(a.type().helpName())
                        .append(a.required() ? ", required" : ", optional").append(") ").append(a.description())
                        .append('\n');
            }
        }
        sb.append("\nExamples:\n> btcnode-cli ").append(name).append('\n');
        return sb.toString();
    }
}
