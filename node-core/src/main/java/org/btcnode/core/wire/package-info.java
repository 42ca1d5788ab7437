/**
 * Bitcoin's wire encoding primitives: {@link org.btcnode.core.wire.WireReader} and
 * {@link org.btcnode.core.wire.WireWriter} (little-endian integers, canonical CompactSize,
 * bounded vectors), {@link org.btcnode.core.wire.WireCodec} and the single decode error
 * {@link org.btcnode.core.wire.WireFormatException}.
 *
 * <p>Thread: any (readers and writers are per call). Must not import Netty, RocksDB or do I/O:
 * codecs work on whole payloads held in memory.
 */
package org.btcnode.core.wire;
