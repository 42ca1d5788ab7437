package org.btcnode.core.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.btcnode.core.types.Hash256;

/**
 * A {@link HeaderStore} in memory, for node-net's tests and {@code -regtest} runs that need no
 * persistence. Not thread-safe: node-logic thread only, as the RocksDB one.
 */
public final class MemoryHeaderStore implements HeaderStore {
    private final Map<Hash256, StoredHeader> headers = new LinkedHashMap<>();
    private Hash256 tip;

    @Override
    public Optional<StoredHeader> get(Hash256 hash) {
        return Optional.ofNullable(headers.get(hash));
    }

    @Override
    public Optional<Hash256> tip() {
        return Optional.ofNullable(tip);
    }

    @Override
    public void append(List<StoredHeader> batch, Hash256 newTip) {
        Objects.requireNonNull(newTip, "newTip");
        batch.forEach(h -> headers.put(h.hash(), h));
        tip = newTip;
    }

    @Override
    public List<StoredHeader> loadAll() {
        return new ArrayList<>(headers.values());
    }
}
