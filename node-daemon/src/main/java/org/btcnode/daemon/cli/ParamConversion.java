package org.btcnode.daemon.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns command-line parameters into JSON-RPC params as bitcoin-cli does ({@code rpc/client.cpp}
 * {@code RPCConvertValues}/{@code RPCConvertNamedValues}): a parameter listed in
 * {@code vRPCConvertParams} is parsed as JSON (numbers, booleans, arrays, objects), every other
 * one is sent as a string. The table holds Core's rows for the methods btcnoded serves. Stateless.
 */
final class ParamConversion {
    /** One row of vRPCConvertParams: method, 0-based position, name. */
    private record Row(String method, int index, String name) {
    }

    // rpc/client.cpp vRPCConvertParams, the rows of btcnoded's methods (the others take strings only)
    private static final List<Row> TABLE = List.of(
            new Row("addnode", 2, "v2transport"),
            new Row("disconnectnode", 1, "nodeid"),
            new Row("generateblock", 1, "transactions"),
            new Row("generateblock", 2, "submit"),
            new Row("generatetoaddress", 0, "nblocks"),
            new Row("generatetoaddress", 2, "maxtries"),
            new Row("getblock", 1, "verbosity"),
            new Row("getblock", 1, "verbose"),
            new Row("getblockhash", 0, "height"),
            new Row("getblockheader", 1, "verbose"),
            new Row("getnodeaddresses", 0, "count"),
            new Row("logging", 0, "include"),
            new Row("logging", 1, "exclude"),
            new Row("setban", 2, "bantime"),
            new Row("setban", 3, "absolute"),
            new Row("setnetworkactive", 0, "state"),
            new Row("stop", 0, "wait"));

    private static final Set<String> BY_INDEX = keys(true);
    private static final Set<String> BY_NAME = keys(false);

    private ParamConversion() {
    }

    private static Set<String> keys(boolean byIndex) {
        List<String> out = new ArrayList<>();
        for (Row row : TABLE) {
            out.add(row.method() + (byIndex ? "#" + row.index() : "=" + row.name()));
        }
        return Set.copyOf(out);
    }

    /** {@code RPCConvertValues}: positional parameters as a JSON array. */
    static JsonValue positional(String method, List<String> args) throws CliException {
        List<JsonValue> params = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            params.add(convert(args.get(i), BY_INDEX.contains(method + "#" + i)));
        }
        return new JsonValue.Array(params);
    }

    /**
     * {@code RPCConvertNamedValues}: {@code name=value} pairs as a JSON object, a later value for a
     * name replacing an earlier one; tokens without '=' are positional and go, converted by their
     * position, into an {@code "args"} member (unless one was given by name).
     */
    static JsonValue named(String method, List<String> args) throws CliException {
        Map<String, JsonValue> params = new LinkedHashMap<>();
        List<JsonValue> positional = new ArrayList<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 0) {
                positional.add(convert(arg, BY_INDEX.contains(method + "#" + positional.size())));
                continue;
            }
            String name = arg.substring(0, eq);
            params.put(name, convert(arg.substring(eq + 1), BY_NAME.contains(method + "=" + name)));
        }
        if (!positional.isEmpty()) {
            params.putIfAbsent("args", new JsonValue.Array(positional));
        }
        return new JsonValue.Obj(params);
    }

    /** {@code ParseNonRFCJSONValue} for listed parameters, a JSON string otherwise. */
    private static JsonValue convert(String value, boolean asJson) throws CliException {
        if (!asJson) {
            return new JsonValue.Str(value);
        }
        return JsonValue.parse(value).orElseThrow(() -> CliException.error("Error parsing JSON: " + value));
    }
}
