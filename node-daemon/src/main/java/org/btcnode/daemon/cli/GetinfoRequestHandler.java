package org.btcnode.daemon.cli;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code -getinfo}: a batch of getnetworkinfo, getblockchaininfo, getwalletinfo and getbalances
 * folded into one report, as bitcoin-cli's {@code GetinfoRequestHandler} and
 * {@code ParseGetInfoResult}. The wallet calls may fail (btcnoded has no wallet, like a Core
 * node built without one): their part of the report is then left out.
 */
final class GetinfoRequestHandler implements RequestHandler {
    static final int ID_NETWORKINFO = 0;
    static final int ID_BLOCKCHAININFO = 1;
    static final int ID_WALLETINFO = 2;
    static final int ID_BALANCES = 3;

    /** policy/feerate.h CURRENCY_UNIT. */
    private static final String CURRENCY_UNIT = "BTC";
    private static final String RESET = "\u001B[0m";
    private static final String GREEN = "\u001B[32m";
    private static final String BLUE = "\u001B[34m";
    private static final String YELLOW = "\u001B[33m";
    private static final String MAGENTA = "\u001B[35m";
    private static final String CYAN = "\u001B[36m";

    @Override
    public JsonValue prepareRequest(String method, List<String> args) throws CliException {
        if (!args.isEmpty()) {
            throw CliException.error("-getinfo takes no arguments");
        }
        // ids ID_NETWORKINFO, ID_BLOCKCHAININFO, ID_WALLETINFO, ID_BALANCES
        return RequestHandler.batchRequest("getnetworkinfo", "getblockchaininfo", "getwalletinfo", "getbalances");
    }

    @Override
    public JsonValue processReply(JsonValue batchIn) throws CliException {
        List<JsonValue> batch = RequestHandler.batch(batchIn);
        // errors in getnetworkinfo and getblockchaininfo are fatal; the wallet calls may fail
        Optional<JsonValue> error = RequestHandler.firstError(batch, ID_NETWORKINFO, ID_BLOCKCHAININFO);
        if (error.isPresent()) {
            return error.get();
        }
        JsonValue network = batch.get(ID_NETWORKINFO).get("result");
        JsonValue chain = batch.get(ID_BLOCKCHAININFO).get("result");
        JsonValue wallet = batch.get(ID_WALLETINFO).get("result");
        Map<String, JsonValue> result = new LinkedHashMap<>();
        result.put("version", network.get("version"));
        result.put("blocks", chain.get("blocks"));
        result.put("headers", chain.get("headers"));
        result.put("verificationprogress", chain.get("verificationprogress"));
        result.put("timeoffset", network.get("timeoffset"));
        Map<String, JsonValue> connections = new LinkedHashMap<>();
        connections.put("in", network.get("connections_in"));
        connections.put("out", network.get("connections_out"));
        connections.put("total", network.get("connections"));
        result.put("connections", new JsonValue.Obj(connections));
        result.put("networks", network.get("networks"));
        result.put("difficulty", chain.get("difficulty"));
        result.put("chain", chain.get("chain"));
        if (!wallet.isNull()) {
            result.put("has_wallet", new JsonValue.Bool(true));
            result.put("keypoolsize", wallet.get("keypoolsize"));
            result.put("walletname", wallet.get("walletname"));
            if (!wallet.get("unlocked_until").isNull()) {
                result.put("unlocked_until", wallet.get("unlocked_until"));
            }
        }
        JsonValue balances = batch.get(ID_BALANCES).get("result");
        if (!balances.isNull()) {
            result.put("balance", balances.get("mine").get("trusted"));
        }
        result.put("relayfee", network.get("relayfee"));
        result.put("warnings", network.get("warnings"));
        return RequestHandler.reply(new JsonValue.Obj(result));
    }

    /** bitcoin-cli.cpp ParseGetInfoResult: the human-readable report, ANSI colours if {@code colorize}. */
    static String format(JsonValue result, boolean colorize) {
        String reset = colorize ? RESET : "";
        StringBuilder out = new StringBuilder();
        out.append(colorize ? BLUE : "").append("Chain: ").append(result.get("chain").valStr()).append(reset).append('\n');
        out.append("Blocks: ").append(result.get("blocks").valStr()).append('\n');
        out.append("Headers: ").append(result.get("headers").valStr()).append('\n');
        double progress = result.get("verificationprogress").asDouble();
        String bar = "";
        if (progress < 0.99) {      // the bar only while below 99%
            bar = progressBar(progress) + " ";
        }
        out.append("Verification progress: ").append(bar)
                .append(new BigDecimal(progress * 100).setScale(4, RoundingMode.HALF_EVEN).toPlainString()).append("%\n");
        out.append("Difficulty: ").append(result.get("difficulty").valStr()).append("\n\n");
        JsonValue connections = result.get("connections");
        out.append(colorize ? GREEN : "").append("Network: in ").append(connections.get("in").valStr())
                .append(", out ").append(connections.get("out").valStr())
                .append(", total ").append(connections.get("total").valStr()).append(reset).append('\n');
        out.append("Version: ").append(result.get("version").valStr()).append('\n');
        out.append("Time offset (s): ").append(result.get("timeoffset").valStr()).append('\n');
        // proxies, each with the networks it serves, in the order first seen
        Map<String, List<String>> proxies = new LinkedHashMap<>();
        for (JsonValue network : result.get("networks").elements()) {
            String proxy = network.get("proxy").valStr();
            if (!proxy.isEmpty()) {
                proxies.computeIfAbsent(proxy, p -> new ArrayList<>()).add(network.get("name").valStr());
            }
        }
        List<String> formatted = new ArrayList<>();
        proxies.forEach((proxy, names) -> formatted.add(proxy + " (" + String.join(", ", names) + ")"));
        out.append("Proxies: ").append(formatted.isEmpty() ? "n/a" : String.join(", ", formatted)).append('\n');
        out.append("Min tx relay fee rate (").append(CURRENCY_UNIT).append("/kvB): ")
                .append(result.get("relayfee").valStr()).append("\n\n");
        if (!result.get("has_wallet").isNull()) {
            String walletName = result.get("walletname").valStr();
            out.append(colorize ? MAGENTA : "").append("Wallet: ").append(walletName.isEmpty() ? "\"\"" : walletName)
                    .append(reset).append('\n');
            out.append("Keypool size: ").append(result.get("keypoolsize").valStr()).append('\n');
            if (!result.get("unlocked_until").isNull()) {
                out.append("Unlocked until: ").append(result.get("unlocked_until").valStr()).append('\n');
            }
        }
        if (!result.get("balance").isNull()) {
            out.append(colorize ? CYAN : "").append("Balance:").append(reset).append(' ')
                    .append(result.get("balance").valStr()).append("\n\n");
        }
        out.append(colorize ? YELLOW : "").append("Warnings:").append(reset).append(' ').append(warnings(result.get("warnings")));
        return out.toString();
    }

    /**
     * The warnings line. Core reads it with getValStr(), which is "" for the array Core's
     * getnetworkinfo returns since v28, so bitcoin-cli prints "(none)" even when there are
     * warnings; we print an array's entries (one per line) instead, and "(none)" when there are none.
     */
    private static String warnings(JsonValue warnings) {
        List<String> lines = new ArrayList<>();
        if (warnings instanceof JsonValue.Array) {
            warnings.elements().forEach(w -> lines.add(w.valStr()));
        } else if (!warnings.valStr().isEmpty()) {
            lines.add(warnings.valStr());
        }
        return lines.isEmpty() ? "(none)" : String.join("\n", lines);
    }

    /** bitcoin-cli.cpp GetProgressBar: 5% steps, filled then empty blocks. */
    static String progressBar(double progress) {
        if (progress < 0 || progress > 1) {
            return "";
        }
        double increment = 0.05;
        StringBuilder bar = new StringBuilder();
        bar.append("\u2592".repeat(steps(progress / increment)));
        bar.append("\u2591".repeat(steps((1 - progress) / increment)));
        return bar.toString();
    }

    /** How many times {@code for (int i = 0; i < x; ++i)} runs. */
    private static int steps(double x) {
        return x <= 0 ? 0 : (int) Math.ceil(x);
    }
}
