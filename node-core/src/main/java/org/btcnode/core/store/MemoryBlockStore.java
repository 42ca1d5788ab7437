package org.btcnode.core.store;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.btcnode.core.types.Bytes;
import org.btcnode.core.types.Hash256;

/** A {@link BlockStore} in memory, for tests and for nodes that keep nothing. Thread-safe. */
public final class MemoryBlockStore implements BlockStore {
    private final Map<Hash256, Bytes> blocks = new ConcurrentHashMap<>();

    @Override
    public Optional<Bytes> get(Hash256 hash) {
        return Optional.ofNullable(blocks.get(hash));
    }

    @Override
    public boolean contains(Hash256 hash) {
        return blocks.containsKey(hash);
    }

    @Override
    public void put(Hash256 hash, Bytes serializedBlock) {
        blocks.put(Objects.requireNonNull(hash, "hash"), Objects.requireNonNull(serializedBlock, "serializedBlock"));
    }

    @Override
    public long sizeBytes() {
        long n = 0;
        for (Bytes b : blocks.values()) {
            n += b.size();
        }
        return n;
    }
}
