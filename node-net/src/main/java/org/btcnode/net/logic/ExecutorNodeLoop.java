package org.btcnode.net.logic;

import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.btcnode.core.log.LogCategory;

/**
 * The production {@link NodeLoop}: one daemon thread named {@code btcnode-logic} and the system
 * clock. A task that throws is our bug, never a peer's (peer input is turned into decisions
 * before it gets here): it is logged at ERROR with its stack trace and the loop runs on.
 */
public final class ExecutorNodeLoop implements NodeLoop, AutoCloseable {
    private static final Logger log = LogCategory.NET.logger();

    private final ScheduledThreadPoolExecutor executor;
    private final InstantSource clock;
    private volatile Thread thread;

    public ExecutorNodeLoop(InstantSource clock) {
        this.clock = clock;
        this.executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "btcnode-logic");
            t.setDaemon(true);
            thread = t;
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    public static ExecutorNodeLoop systemClock() {
        return new ExecutorNodeLoop(InstantSource.system());
    }

    @Override
    public InstantSource clock() {
        return clock;
    }

    @Override
    public void execute(Runnable task) {
        if (!executor.isShutdown()) {
            executor.execute(guarded(task));
        }
    }

    @Override
    public Timer schedule(Duration delay, Runnable task) {
        ScheduledFuture<?> f = executor.schedule(guarded(task), delay.toNanos(), TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }

    @Override
    public Timer scheduleAtFixedRate(Duration period, Runnable task) {
        long nanos = period.toNanos();
        ScheduledFuture<?> f = executor.scheduleAtFixedRate(guarded(task), nanos, nanos, TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }

    @Override
    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                log.error("internal error in node logic, continuing: {}", e.toString(), e);
                if (e instanceof VirtualMachineError) throw e;
            }
        };
    }

    /** The executor, for components that need a plain {@link ScheduledExecutorService} view. */
    ScheduledExecutorService executor() {
        return executor;
    }

    /** Stops accepting work, runs what was already queued, and waits up to {@code timeout}. */
    public void shutdown(Duration timeout) throws InterruptedException {
        executor.shutdown();
        executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        shutdown(Duration.ofSeconds(10));
    }
}
