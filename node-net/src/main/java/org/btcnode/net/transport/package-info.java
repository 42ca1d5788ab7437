/**
 * Byte-level transports of one connection: v1 framing ({@link org.btcnode.net.transport.V1FrameCodec}
 * turning bytes into {@link org.btcnode.net.transport.RawMessage}s and back), later BIP 324. Also
 * the node-net error type {@link org.btcnode.net.transport.ProtocolViolationException} with its
 * {@link org.btcnode.net.transport.Violation} to {@link org.btcnode.net.transport.Outcome} table.
 *
 * <p>Thread: handlers are made per channel and run on that channel's event loop; they never touch
 * shared node state. Must not import node-store, RocksDB or Logback. {@code RawMessage} payloads
 * are opaque bytes here; turning them into messages is the next handler's job.
 */
package org.btcnode.net.transport;
