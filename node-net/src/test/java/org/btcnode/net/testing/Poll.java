package org.btcnode.net.testing;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Bounded polling for integration tests: checks a condition every few milliseconds until it holds
 * or a deadline passes, parking the thread in between (no {@code Thread.sleep}). The deadline only
 * bounds a wait that should end much sooner; no test asserts how long anything took.
 */
public final class Poll {
    /** What a test waits for at most: far above what any condition here needs on a loaded machine. */
    public static final Duration DEFAULT = Duration.ofSeconds(20);
    private static final long PARK_NANOS = Duration.ofMillis(5).toNanos();

    private Poll() {
    }

    /** Waits until {@code condition} holds; fails with {@code what} once {@code within} has passed. */
    public static void await(Duration within, BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within " + within + ": " + what);
            }
            LockSupport.parkNanos(PARK_NANOS);
        }
    }

    /** {@link #await(Duration, BooleanSupplier, String)} with {@link #DEFAULT}. */
    public static void await(BooleanSupplier condition, String what) {
        await(DEFAULT, condition, what);
    }
}
