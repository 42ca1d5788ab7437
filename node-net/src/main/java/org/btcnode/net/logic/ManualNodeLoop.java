package org.btcnode.net.logic;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A {@link NodeLoop} driven by hand for deterministic tests: tasks queue until
 * {@link #runPending()}, and {@link #advance(Duration)} moves the manual clock forward, firing every
 * timer that falls due, in time order. Whatever thread calls those methods is "the loop". Not
 * thread-safe: one test thread drives it. Exceptions from tasks propagate to the test.
 */
public final class ManualNodeLoop implements NodeLoop {
    // concurrent: other threads (the DNS seeder, tests) may post tasks; they run only in runPending/advance
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final PriorityQueue<ScheduledTask> timers =
            new PriorityQueue<>(Comparator.comparing(ScheduledTask::due).thenComparingLong(ScheduledTask::sequence));
    private Instant now;
    private long sequence;

    public ManualNodeLoop(Instant start) {
        this.now = start;
    }

    @Override
    public InstantSource clock() {
        return () -> now;
    }

    public Instant now() {
        return now;
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
    }

    @Override
    public Timer schedule(Duration delay, Runnable task) {
        ScheduledTask t = new ScheduledTask(now.plus(delay), sequence++, task, null);
        timers.add(t);
        return t;
    }

    @Override
    public Timer scheduleAtFixedRate(Duration period, Runnable task) {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("period must be positive: " + period);
        }
        ScheduledTask t = new ScheduledTask(now.plus(period), sequence++, task, period);
        timers.add(t);
        return t;
    }

    @Override
    public boolean inLoop() {
        return true;
    }

    /** Runs queued tasks (and the tasks they queue) until none is left; returns how many ran. */
    public int runPending() {
        int n = 0;
        Runnable r;
        while ((r = tasks.poll()) != null) {
            r.run();
            n++;
        }
        return n;
    }

    /** Moves the clock forward by {@code step}, running due timers and queued tasks in order. */
    public void advance(Duration step) {
        Instant target = now.plus(step);
        runPending();
        while (!timers.isEmpty() && !timers.peek().due().isAfter(target)) {
            ScheduledTask t = timers.poll();
            if (t.isCancelled()) continue;
            now = t.due();
            t.task.run();
            if (t.period != null && !t.isCancelled()) {
                timers.add(new ScheduledTask(t.due().plus(t.period), sequence++, t.task, t.period, t));
            }
            runPending();
        }
        now = target;
    }

    /** Number of live (not cancelled) timers, for tests that check nothing is left scheduled. */
    public long liveTimers() {
        return timers.stream().filter(t -> !t.isCancelled()).count();
    }

    private static final class ScheduledTask implements Timer {
        private final Instant due;
        private final long sequence;
        private final Runnable task;
        private final Duration period;
        /** For a repeating timer, the handle the caller holds: cancelling it stops every repetition. */
        private final ScheduledTask origin;
        private boolean cancelled;

        ScheduledTask(Instant due, long sequence, Runnable task, Duration period) {
            this(due, sequence, task, period, null);
        }

        ScheduledTask(Instant due, long sequence, Runnable task, Duration period, ScheduledTask previous) {
            this.due = due;
            this.sequence = sequence;
            this.task = task;
            this.period = period;
            this.origin = previous == null ? null : previous.origin == null ? previous : previous.origin;
        }

        Instant due() {
            return due;
        }

        long sequence() {
            return sequence;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }

        boolean isCancelled() {
            return cancelled || (origin != null && origin.cancelled);
        }
    }
}
