package org.btcnode.core.wire;

import static org.btcnode.core.wire.WireFormatException.Kind.INVALID_VALUE;

/**
 * Encodes and decodes one wire type from whole payloads; composed from {@link WireReader} and
 * {@link WireWriter} primitives, no I/O. Immutable and thread-safe.
 */
public interface WireCodec<T> {
    T read(WireReader in);

    void write(T value, WireWriter out);

    static <T> WireCodec<T> of(WireReader.Decoder<T> reader, WireWriter.Encoder<T> writer) {
        return new WireCodec<>() {
            @Override
            public T read(WireReader in) {
                return reader.read(in);
            }

            @Override
            public void write(T value, WireWriter out) {
                writer.write(value, out);
            }
        };
    }

    /**
     * Decodes a whole payload. Extra bytes after the value are ignored, as Core ignores them in
     * messages (it only reads optional trailing fields when present).
     */
    default T decode(byte[] payload) {
        return read(new WireReader(payload));
    }

    /** Decodes a value that must use every byte (block and transaction files, test vectors). */
    default T decodeExactly(byte[] bytes) {
        WireReader in = new WireReader(bytes);
        T value = read(in);
        if (in.hasMore()) {
            throw new WireFormatException(INVALID_VALUE, in.remaining() + " unexpected trailing bytes");
        }
        return value;
    }

    default byte[] encode(T value) {
        WireWriter out = new WireWriter();
        write(value, out);
        return out.toByteArray();
    }
}
