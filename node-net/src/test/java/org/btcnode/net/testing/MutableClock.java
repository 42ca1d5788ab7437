package org.btcnode.net.testing;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An {@link InstantSource} that stands still until the test moves it: handed to a running
 * {@link org.btcnode.net.P2PNetwork}, whose once-a-second timeout check compares against it, it
 * lets a test pass -peertimeout without waiting for it. Thread-safe.
 */
public final class MutableClock implements InstantSource {
    private final AtomicReference<Instant> now;

    public MutableClock(Instant start) {
        now = new AtomicReference<>(start);
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    public void advance(Duration by) {
        now.updateAndGet(t -> t.plus(by));
    }
}
