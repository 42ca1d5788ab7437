package org.btcnode.daemon.rpc;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.btcnode.core.address.AddressException;
import org.btcnode.core.address.KeyIO;
import org.btcnode.core.chain.BlockAssembler;
import org.btcnode.core.chain.BlockValidationState;
import org.btcnode.core.params.NetworkParameters;
import org.btcnode.core.types.Block;
import org.btcnode.core.types.Bytes;
import org.btcnode.core.types.Transaction;
import org.btcnode.core.wire.WireFormatException;
import org.btcnode.net.P2PNetwork;

import static org.btcnode.daemon.rpc.RpcArg.Type.ARR;
import static org.btcnode.daemon.rpc.RpcArg.Type.BOOL;
import static org.btcnode.daemon.rpc.RpcArg.Type.NUM;
import static org.btcnode.daemon.rpc.RpcArg.Type.STR;

/**
 * Core's regtest mining RPCs (rpc/mining.cpp): {@code generatetoaddress} and {@code generateblock}
 * build blocks on the active tip with {@link BlockAssembler}, grind the nonce and hand each block
 * to the chain on the node-logic thread ({@code ChainSync.processNewBlock}), which stores it and
 * announces it to peers. Registered on regtest only (a deliberate difference: Core lists them on
 * every chain, where they cannot find a block in practice). There is no mempool and no wallet, so
 * blocks hold the coinbase and, for generateblock, the raw transactions given, unchecked beyond
 * their encoding (no UTXO or script validation yet).
 */
final class MiningRpc {
    private static final String CATEGORY = "generating";

    private final NetworkParameters params;
    private final Supplier<P2PNetwork> network;
    private final InstantSource clock;

    MiningRpc(NetworkParameters params, Supplier<P2PNetwork> network, InstantSource clock) {
        this.params = params;
        this.network = network;
        this.clock = clock;
    }

    void registerAll(RpcTable table) {
        table.register(new RpcMethod("generatetoaddress", CATEGORY,
                "Mine to a specified address and return the block hashes.",
                List.of(RpcArg.required("nblocks", NUM, "How many blocks are generated."),
                        RpcArg.required("address", STR, "The address to send the newly generated bitcoin to."),
                        RpcArg.optional("maxtries", NUM, "How many iterations to try (default 1000000).")),
                this::generateToAddress));
        table.register(new RpcMethod("generateblock", CATEGORY,
                "Mine a set of ordered transactions to a specified address and return the block hash.",
                List.of(RpcArg.required("output", STR, "The address to send the newly generated bitcoin to."),
                        RpcArg.required("transactions", ARR, "An array of hex strings of raw transactions (txids "
                                + "need a mempool, which this node does not have yet)."),
                        RpcArg.optional("submit", BOOL, "Whether to submit the block before returning (default true).")),
                this::generateBlock));
    }

    private JsonNode generateToAddress(RpcParams p) {
        int blocks = (int) p.integer(0, Integer.MIN_VALUE, Integer.MAX_VALUE);
        Bytes script = script(p.string(1));
        long maxTries = p.isNull(2) ? BlockAssembler.DEFAULT_MAX_TRIES : p.integer(2, 1, Long.MAX_VALUE);
        ArrayNode hashes = Json.array();
        long triesLeft = maxTries;
        for (int i = 0; i < blocks && triesLeft > 0; i++) {
            Block template = template(script, List.of());
            BlockAssembler.Solution solution = BlockAssembler.solve(template, triesLeft, params.consensus());
            triesLeft = solution.triesLeft();
            if (solution.block().isEmpty()) {
                break;                                   // rpc/mining.cpp: out of tries, return what we have
            }
            hashes.add(submit(solution.block().get()));
        }
        return hashes;
    }

    private JsonNode generateBlock(RpcParams p) {
        Bytes script = script(p.string(0));
        List<Transaction> transactions = new ArrayList<>();
        for (JsonNode tx : p.get(1)) {
            try {
                transactions.add(Transaction.CODEC.decodeExactly(HexFormat.of().parseHex(tx.asText())));
            } catch (WireFormatException | IllegalArgumentException e) {
                throw new RpcException(RpcErrorCode.RPC_DESERIALIZATION_ERROR,
                        "Transaction decode failed for " + tx.asText());
            }
        }
        boolean submit = p.bool(2, true);
        Block template = template(script, transactions);
        Optional<Block> solved = BlockAssembler.solve(template, BlockAssembler.DEFAULT_MAX_TRIES, params.consensus())
                .block();
        if (solved.isEmpty()) {
            throw new RpcException(RpcErrorCode.RPC_MISC_ERROR, "Failed to make block.");
        }
        ObjectNode out = Json.object();
        if (submit) {
            out.put("hash", submit(solved.get()));
        } else {
            out.put("hash", solved.get().hash().toString());
            out.put("hex", HexFormat.of().formatHex(solved.get().toByteArray()));
        }
        return out;
    }

    private Bytes script(String address) {
        try {
            return KeyIO.decodeScriptPubKey(address, params);
        } catch (AddressException e) {
            throw new RpcException(RpcErrorCode.RPC_INVALID_ADDRESS_OR_KEY, "Error: Invalid address");
        }
    }

    private Block template(Bytes script, List<Transaction> transactions) {
        long now = clock.instant().getEpochSecond();
        return running().queryChain(c -> BlockAssembler.createNewBlock(c.activeTip(), script, transactions, now,
                params.consensus()));
    }

    private String submit(Block block) {
        BlockValidationState state = running().queryChain(c -> c.processNewBlock(block));
        if (!state.isValid()) {
            throw new RpcException(RpcErrorCode.RPC_VERIFY_ERROR, "ProcessNewBlock, block not accepted: " + state);
        }
        return block.hash().toString();
    }

    private P2PNetwork running() {
        P2PNetwork n = network.get();
        if (n == null) {
            throw new RpcException(RpcErrorCode.RPC_CLIENT_P2P_DISABLED, "Error: Peer-to-peer functionality missing or disabled");
        }
        return n;
    }
}
