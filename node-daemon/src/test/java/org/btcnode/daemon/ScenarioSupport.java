package org.btcnode.daemon;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;

/**
 * What the in-JVM daemon scenario tests share: a bounded wait for a condition (polled every 20 ms,
 * parking in between; the bound only ends a wait that should end much sooner, nothing asserts how
 * long it took) and a free loopback port for an option that needs one before start.
 */
final class ScenarioSupport {
    /** The longest any scenario waits for one condition. */
    static final Duration WAIT = Duration.ofSeconds(30);

    private ScenarioSupport() {
    }

    /** Polls {@code condition} until it holds; fails the test after {@link #WAIT}. */
    static void waitFor(Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + WAIT);
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }

    /** A port free on 127.0.0.1 right now (for -metricsbind and the like). */
    static int freeLoopbackPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
