package org.btcnode.daemon;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.btcnode.core.log.LogCategory;
import org.btcnode.net.logic.NodeLoop;
import org.slf4j.Logger;

/**
 * The periodic status line in debug.log, under the default category ({@code btc}), so that the log
 * alone tells an operator how the node is doing:
 * <pre>Network status: 10 peers (8 outbound-full-relay, 2 block-relay-only, 0 manual, 0 feeler, 0 addr-fetch,
 * 0 inbound; v1 10, v2 0), addrman 12345 new / 678 tried, headers 0, blocks 0, progress 0.000000</pre>
 * Once {@link #FIRST_REPORT_DELAY} after start, then every {@link #REPORT_INTERVAL}. Core has no such
 * line (its {@code UpdateTip} lines tell the chain's progress, the peers show only with -debug=net).
 *
 * <p>Runs on a scheduler thread of its own, never on node logic's: the network figures are asked
 * for with {@link org.btcnode.net.P2PNetwork#query}, which hands the counting to the node-logic
 * thread and waits for the answer. Started on the main thread, stopped on the shutdown thread.
 */
final class StatusReporter implements NodeService {
    private static final Logger log = LogCategory.lifecycle();
    /** Long enough for the first outbound connections to be made, short enough to be seen at start-up. */
    static final Duration FIRST_REPORT_DELAY = Duration.ofMinutes(1);
    /** Often enough to follow a sync, rarely enough not to bury other lines (288 lines a day). */
    static final Duration REPORT_INTERVAL = Duration.ofMinutes(5);

    /** Runs a task once after a delay, on a thread that is not node logic's; tests pass a manual one. */
    @FunctionalInterface
    interface Scheduler {
        NodeLoop.Timer schedule(Duration delay, Runnable task);
    }

    private final Supplier<Optional<NetworkStatus>> network;
    private final Supplier<ChainStatus> chain;
    private final Scheduler scheduler;
    /** Our own scheduler thread in production, shut down at stop; null when the scheduler was given. */
    private final ScheduledExecutorService executor;
    private NodeLoop.Timer next;
    private boolean running;

    /** Production: the figures of {@code network}'s running network and {@code chain}, on thread "btcnode-status". */
    StatusReporter(NetworkService network, Supplier<ChainStatus> chain) {
        this(() -> Optional.ofNullable(network.network()).map(NetworkStatus::query), chain, newExecutor());
    }

    private StatusReporter(Supplier<Optional<NetworkStatus>> network, Supplier<ChainStatus> chain,
            ScheduledExecutorService executor) {
        this.network = network;
        this.chain = chain;
        this.executor = executor;
        this.scheduler = (delay, task) -> {
            ScheduledFuture<?> f = executor.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
            return () -> f.cancel(false);
        };
    }

    StatusReporter(Supplier<Optional<NetworkStatus>> network, Supplier<ChainStatus> chain, Scheduler scheduler) {
        this.network = network;
        this.chain = chain;
        this.scheduler = scheduler;
        this.executor = null;
    }

    private static ScheduledExecutorService newExecutor() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "btcnode-status");
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }

    @Override
    public String name() {
        return "status";
    }

    @Override
    public synchronized void start() {
        running = true;
        next = scheduler.schedule(FIRST_REPORT_DELAY, this::report);
    }

    @Override
    public void stop() {
        synchronized (this) {
            running = false;
            if (next != null) {
                next.cancel();
                next = null;
            }
        }
        if (executor != null) {
            // a report in progress waits at most for P2PNetwork's query timeout; do not wait for it here
            executor.shutdownNow();
        }
    }

    /** Logs one line and schedules the next, whatever happened to this one. */
    void report() {
        try {
            log.info(line(network.get(), chain.get()));
        } catch (RuntimeException e) {
            // node logic did not answer in time: say so, try again later; a stop interrupting the
            // query is no news
            if (isRunning()) {
                log.warn("Network status unavailable: {}", e.getMessage());
            }
        } finally {
            synchronized (this) {
                if (running) {
                    next = scheduler.schedule(REPORT_INTERVAL, this::report);
                }
            }
        }
    }

    private synchronized boolean isRunning() {
        return running;
    }

    /** The line; {@code progress} with six decimals as Core's UpdateTip prints it. */
    static String line(Optional<NetworkStatus> network, ChainStatus chain) {
        return "Network status: " + network.map(NetworkStatus::describe).orElse("network not running")
                + ", headers " + chain.headers() + ", blocks " + chain.blocks()
                + String.format(Locale.ROOT, ", progress %.6f", chain.verificationProgress());
    }
}
