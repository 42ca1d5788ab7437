package org.btcnode.net.logic;

import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.Executor;

/**
 * The node-logic executor (DESIGN.md "Threads"): the one thread that owns all mutable node state.
 * Event loops and timers post work here; tasks run one at a time, in order. Time comes from
 * {@link #clock()}, so every timeout runs against a manual clock in tests.
 */
public interface NodeLoop extends Executor {
    /** The clock every timeout and statistic of node logic reads. */
    InstantSource clock();

    /** Runs {@code task} on this loop after {@code delay} of {@link #clock()} time. */
    Timer schedule(Duration delay, Runnable task);

    /** Runs {@code task} every {@code period}, first after {@code period}, until cancelled. */
    Timer scheduleAtFixedRate(Duration period, Runnable task);

    /** True when called from the loop's own thread (a guard for state that only it may touch). */
    boolean inLoop();

    /** A scheduled task that can be cancelled; cancelling twice or after it ran is harmless. */
    interface Timer {
        void cancel();
    }
}
