package org.btcnode.core.message;

/**
 * One P2P message, decoded: a closed set of immutable records, one per command, so that a
 * {@code switch (message.type())} without default covers them all. A message this node does not
 * know is an {@link UnknownMessage}.
 */
public sealed interface Message permits Version, Verack, Ping, Pong, Addr, AddrV2, SendAddrV2, GetAddr, Inv, GetData,
        NotFound, GetHeaders, GetBlocks, Headers, BlockMessage, Tx, SendHeaders, FeeFilter, SendCmpct, CmpctBlock,
        GetBlockTxn, BlockTxn, WtxidRelay, Mempool, GetCFilters, CFilter, GetCFHeaders, CFHeaders, GetCFCheckpt,
        CFCheckpt, MerkleBlock, FilterLoad, FilterAdd, FilterClear, UnknownMessage {
    MessageType type();
}
