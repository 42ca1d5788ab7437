/**
 * Every P2P message as an immutable value with its codec: one record per command (named for the
 * command in Java case, its {@code CODEC} in the same file; only {@code block} is {@link
 * org.btcnode.core.message.BlockMessage}, so as not to clash with {@code core.types.Block}), the
 * closed {@link
 * org.btcnode.core.message.Message} type, {@link org.btcnode.core.message.MessageType} (command
 * strings, BIP 324 short ids, codecs) and {@link org.btcnode.core.message.Messages}, the
 * command-plus-payload entry point. Also the small value types the messages carry: {@link
 * org.btcnode.core.message.ServiceFlags}, {@link org.btcnode.core.message.ProtocolVersion}, {@link
 * org.btcnode.core.message.Inventory}, BIP 155 addresses ({@link org.btcnode.core.message.NetAddress},
 * {@link org.btcnode.core.message.NetworkId}, {@link org.btcnode.core.message.Address}). The
 * transaction, header and block values the messages carry live in {@code core.types}.
 *
 * <p>Thread: none of its own. Values are immutable and codecs stateless, so any thread may use them;
 * in the node they are decoded on a Netty event loop and handled on the node-logic executor.
 *
 * <p>Decoding a payload never throws anything but {@link org.btcnode.core.wire.WireFormatException}:
 * counts and lengths are checked against Core's limits before anything is allocated.
 *
 * <p>Must not import: Netty, RocksDB, dnsjava, Logback, {@code java.net} sockets or anything doing
 * I/O; nothing from node-net, node-store or node-daemon. May import {@code core.wire} and {@code
 * core.types} (never the other way round).
 */
package org.btcnode.core.message;
