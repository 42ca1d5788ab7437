package org.btcnode.daemon.rpc;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.btcnode.core.types.Amount;
import org.btcnode.core.types.Block;
import org.btcnode.core.types.BlockHeader;
import org.btcnode.core.types.CompactTarget;
import org.btcnode.core.types.Hash256;
import org.btcnode.core.types.Transaction;
import org.btcnode.core.wire.WireWriter;

import static org.btcnode.daemon.rpc.RpcArg.Type.ANY;
import static org.btcnode.daemon.rpc.RpcArg.Type.BOOL;
import static org.btcnode.daemon.rpc.RpcArg.Type.NUM;
import static org.btcnode.daemon.rpc.RpcArg.Type.STR_HEX;

/**
 * The blockchain RPCs (Core's rpc/blockchain.cpp and, for getmempoolinfo, rpc/mempool.cpp) over a
 * {@link ChainView}, with Core's field names, types and errors. getmempoolinfo reports the empty
 * mempool btcnode has, with Core 30's default limits. Stateless apart from the view.
 */
final class BlockchainRpc {
    private static final String CATEGORY = "blockchain";
    /** kernel/mempool_options.h DEFAULT_MAX_MEMPOOL_SIZE_MB, in bytes as getmempoolinfo prints it. */
    static final long DEFAULT_MAX_MEMPOOL_BYTES = 300L * 1_000_000;
    /** policy.h DEFAULT_MIN_RELAY_TX_FEE (Core 30: 100 sat/kvB). */
    static final Amount DEFAULT_MIN_RELAY_TX_FEE = Amount.ofSats(100);
    /** policy.h DEFAULT_INCREMENTAL_RELAY_FEE (Core 30: 100 sat/kvB). */
    static final Amount DEFAULT_INCREMENTAL_RELAY_FEE = Amount.ofSats(100);
    /** policy.h MAX_OP_RETURN_RELAY (Core 30's -datacarriersize default). */
    static final int MAX_OP_RETURN_RELAY = 100_000;

    private final ChainView chain;

    BlockchainRpc(ChainView chain) {
        this.chain = chain;
    }

    void registerAll(RpcTable table) {
        table.register(new RpcMethod("getblockchaininfo", CATEGORY,
                "Returns an object containing various state info regarding blockchain processing.", List.of(),
                p -> blockchainInfo()));
        table.register(new RpcMethod("getblockcount", CATEGORY,
                "Returns the height of the most-work fully-validated chain.\nThe genesis block has height 0.",
                List.of(), p -> Json.number(chain.height())));
        table.register(new RpcMethod("getbestblockhash", CATEGORY,
                "Returns the hash of the best (tip) block in the most-work fully-validated chain.", List.of(),
                p -> Json.text(chain.tip().header().hash().toString())));
        table.register(new RpcMethod("getblockhash", CATEGORY,
                "Returns hash of block in best-block-chain at height provided.",
                List.of(RpcArg.required("height", NUM, "The height index")), this::blockHash));
        table.register(new RpcMethod("getblockheader", CATEGORY,
                "If verbose is false, returns a string that is serialized, hex-encoded data for blockheader 'hash'.\n"
                        + "If verbose is true, returns an Object with information about blockheader <hash>.",
                List.of(RpcArg.required("blockhash", STR_HEX, "The block hash"),
                        RpcArg.optional("verbose", BOOL, "true for a json object, false for the hex-encoded data")),
                this::blockHeader));
        table.register(new RpcMethod("getblock", CATEGORY,
                "If verbosity is 0, returns a string that is serialized, hex-encoded data for block 'hash'.\n"
                        + "If verbosity is 1, returns an Object with information about block <hash>.",
                List.of(RpcArg.required("blockhash", STR_HEX, "The block hash"),
                        RpcArg.optional("verbosity", ANY, "0 for hex-encoded data, 1 for a JSON object (default 1)")),
                this::block));
        table.register(new RpcMethod("getchaintips", CATEGORY,
                "Return information about all known tips in the block tree, including the main chain as well as orphaned branches.",
                List.of(), p -> chainTips()));
        table.register(new RpcMethod("getmempoolinfo", CATEGORY,
                "Returns details on the active state of the TX memory pool.", List.of(), p -> mempoolInfo()));
    }

    private JsonNode blockchainInfo() {
        ChainView.IndexedHeader tip = chain.tip();
        ObjectNode o = Json.object();
        o.put("chain", chain.params().chain().id());
        o.put("blocks", chain.height());
        o.put("headers", chain.headerHeight());
        o.put("bestblockhash", tip.header().hash().toString());
        o.put("bits", bits(tip.header()));
        o.put("target", target(tip.header()));
        o.set("difficulty", Json.real(difficulty(tip.header().bits())));
        o.put("time", tip.header().time());
        o.put("mediantime", tip.medianTimePast());
        o.set("verificationprogress", Json.real(chain.verificationProgress()));
        o.put("initialblockdownload", chain.initialBlockDownload());
        o.put("chainwork", hex256(tip.chainWork()));
        o.put("size_on_disk", chain.sizeOnDisk());
        o.put("pruned", false);
        o.set("warnings", Json.array(chain.warnings()));
        return o;
    }

    private JsonNode blockHash(RpcParams p) {
        int height = p.int32(0);
        return Json.text(chain.blockHash(height)
                .orElseThrow(() -> new RpcException(RpcErrorCode.RPC_INVALID_PARAMETER, "Block height out of range"))
                .toString());
    }

    private JsonNode blockHeader(RpcParams p) {
        Hash256 hash = parseHash(p.string(0), "blockhash");
        boolean verbose = p.bool(1, true);
        ChainView.IndexedHeader index = chain.header(hash)
                .orElseThrow(() -> new RpcException(RpcErrorCode.RPC_INVALID_ADDRESS_OR_KEY, "Block not found"));
        if (!verbose) {
            WireWriter out = new WireWriter();
            index.header().write(out);
            return Json.text(HexFormat.of().formatHex(out.toByteArray()));
        }
        ObjectNode o = Json.object();
        headerFields(o, index);
        return o;
    }

    private JsonNode block(RpcParams p) {
        Hash256 hash = parseHash(p.string(0), "blockhash");
        int verbosity = verbosity(p.get(1));
        ChainView.IndexedHeader index = chain.header(hash)
                .orElseThrow(() -> new RpcException(RpcErrorCode.RPC_INVALID_ADDRESS_OR_KEY, "Block not found"));
        Block block = chain.block(hash)
                .orElseThrow(() -> new RpcException(RpcErrorCode.RPC_MISC_ERROR, "Block not available (not fully downloaded)"));
        if (verbosity <= 0) {
            return Json.text(HexFormat.of().formatHex(block.toByteArray()));
        }
        if (verbosity > 1) {
            throw new RpcException(RpcErrorCode.RPC_INVALID_PARAMETER,
                    "Verbosity " + verbosity + " is not supported yet: transaction details need the chain state");
        }
        ObjectNode o = Json.object();
        headerFields(o, index);
        o.put("size", block.size());
        o.put("strippedsize", block.strippedSize());
        o.put("weight", block.weight());
        ArrayNode txs = Json.array();
        for (Transaction tx : block.transactions()) {
            txs.add(tx.txid().toString());
        }
        o.set("tx", txs);
        return o;
    }

    /** rpc/util.cpp ParseVerbosity: a number, or a bool meaning 1/0; null means 1. */
    private static int verbosity(JsonNode v) {
        if (v.isNull()) {
            return 1;
        }
        if (v.isBoolean()) {
            return v.booleanValue() ? 1 : 0;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new RpcException(RpcErrorCode.RPC_TYPE_ERROR,
                    "JSON value of type " + Json.typeName(v) + " is not of expected type number");
        }
        return v.intValue();
    }

    /** blockheaderToJSON, also the header part of blockToJSON (JSON objects are unordered; Core's order kept where cheap). */
    private void headerFields(ObjectNode o, ChainView.IndexedHeader index) {
        BlockHeader h = index.header();
        o.put("hash", h.hash().toString());
        o.put("confirmations", index.inActiveChain() ? chain.height() - index.height() + 1 : -1);
        o.put("height", index.height());
        o.put("version", h.version());
        o.put("versionHex", String.format("%08x", h.version()));
        o.put("merkleroot", h.merkleRoot().toString());
        o.put("time", h.time());
        o.put("mediantime", index.medianTimePast());
        o.put("nonce", h.nonce());
        o.put("bits", bits(h));
        o.put("target", target(h));
        o.set("difficulty", Json.real(difficulty(h.bits())));
        o.put("chainwork", hex256(index.chainWork()));
        o.put("nTx", index.txCount());
        if (!h.prevBlock().isZero()) {
            o.put("previousblockhash", h.prevBlock().toString());
        }
        index.nextHash().ifPresent(n -> o.put("nextblockhash", n.toString()));
    }

    private JsonNode chainTips() {
        ArrayNode a = Json.array();
        for (ChainView.ChainTip t : chain.chainTips()) {
            ObjectNode o = Json.object();
            o.put("height", t.height());
            o.put("hash", t.hash().toString());
            o.put("branchlen", t.branchLength());
            o.put("status", t.status());
            a.add(o);
        }
        return a;
    }

    /** rpc/mempool.cpp MempoolInfoToJSON for an empty mempool with Core 30's defaults. */
    private static JsonNode mempoolInfo() {
        ObjectNode o = Json.object();
        o.put("loaded", true);
        o.put("size", 0);
        o.put("bytes", 0);
        o.put("usage", 0);
        o.set("total_fee", Json.amount(Amount.ofSats(0)));
        o.put("maxmempool", DEFAULT_MAX_MEMPOOL_BYTES);
        o.set("mempoolminfee", Json.amount(DEFAULT_MIN_RELAY_TX_FEE));
        o.set("minrelaytxfee", Json.amount(DEFAULT_MIN_RELAY_TX_FEE));
        o.set("incrementalrelayfee", Json.amount(DEFAULT_INCREMENTAL_RELAY_FEE));
        o.put("unbroadcastcount", 0);
        o.put("fullrbf", true);
        o.put("permitbaremultisig", true);
        o.put("maxdatacarriersize", MAX_OP_RETURN_RELAY);
        return o;
    }

    /** rpc/util.cpp ParseHashV: 64 hex digits, else RPC_INVALID_PARAMETER with Core's text. */
    static Hash256 parseHash(String hex, String name) {
        if (hex.length() != 64) {
            throw new RpcException(RpcErrorCode.RPC_INVALID_PARAMETER,
                    name + " must be of length 64 (not " + hex.length() + ", for '" + hex + "')");
        }
        if (!hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new RpcException(RpcErrorCode.RPC_INVALID_PARAMETER,
                    name + " must be hexadecimal string (not '" + hex + "')");
        }
        return Hash256.fromHex(hex.toLowerCase(java.util.Locale.ROOT));
    }

    /** rpc/blockchain.cpp GetDifficulty: 0x0000ffff over the mantissa, scaled by the exponent. */
    static double difficulty(long bits) {
        int shift = (int) ((bits >>> 24) & 0xff);
        double diff = (double) 0x0000ffff / (double) (bits & 0x00ffffff);
        while (shift < 29) {
            diff *= 256.0;
            shift++;
        }
        while (shift > 29) {
            diff /= 256.0;
            shift--;
        }
        return diff;
    }

    private static String bits(BlockHeader h) {
        return String.format("%08x", h.bits());
    }

    private static String target(BlockHeader h) {
        return hex256(CompactTarget.decode(h.bits()).value());
    }

    /** uint256::GetHex of a non-negative number: 64 lower-case hex digits. */
    static String hex256(BigInteger n) {
        String hex = n.toString(16);
        return "0".repeat(Math.max(0, 64 - hex.length())) + hex;
    }
}
