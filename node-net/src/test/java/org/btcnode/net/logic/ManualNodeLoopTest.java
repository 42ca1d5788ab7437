package org.btcnode.net.logic;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ManualNodeLoopTest {
    private static final Instant T0 = Instant.parse("2026-11-25T00:00:00Z");

    @Test
    void firesTimersInTimeOrderAtTheirDueTime() {
        ManualNodeLoop loop = new ManualNodeLoop(T0);
        List<String> fired = new ArrayList<>();
        loop.schedule(Duration.ofSeconds(60), () -> fired.add("handshake@" + loop.now()));
        loop.schedule(Duration.ofSeconds(5), () -> fired.add("connect@" + loop.now()));
        loop.advance(Duration.ofSeconds(4));
        assertThat(fired).isEmpty();
        loop.advance(Duration.ofSeconds(100));
        assertThat(fired).containsExactly("connect@2026-11-25T00:00:05Z", "handshake@2026-11-25T00:01:00Z");
        assertThat(loop.now()).isEqualTo(T0.plusSeconds(104));
    }

    @Test
    void repeatingTimerStopsWhenItsHandleIsCancelled() {
        ManualNodeLoop loop = new ManualNodeLoop(T0);
        List<Instant> pings = new ArrayList<>();
        NodeLoop.Timer timer = loop.scheduleAtFixedRate(Duration.ofMinutes(2), () -> pings.add(loop.now()));
        loop.advance(Duration.ofMinutes(7));
        assertThat(pings).containsExactly(T0.plusSeconds(120), T0.plusSeconds(240), T0.plusSeconds(360));
        timer.cancel();
        loop.advance(Duration.ofMinutes(10));
        assertThat(pings).hasSize(3);
        assertThat(loop.liveTimers()).isZero();
    }

    @Test
    void tasksPostedByTimersRunBeforeTheNextTimer() {
        ManualNodeLoop loop = new ManualNodeLoop(T0);
        List<String> order = new ArrayList<>();
        loop.schedule(Duration.ofSeconds(1), () -> {
            order.add("timer1");
            loop.execute(() -> order.add("task-from-timer1"));
        });
        loop.schedule(Duration.ofSeconds(2), () -> order.add("timer2"));
        loop.execute(() -> order.add("queued"));
        loop.advance(Duration.ofSeconds(3));
        assertThat(order).containsExactly("queued", "timer1", "task-from-timer1", "timer2");
    }
}
