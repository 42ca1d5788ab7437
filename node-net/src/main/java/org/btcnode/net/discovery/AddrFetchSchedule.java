package org.btcnode.net.discovery;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.btcnode.core.log.LogCategory;
import org.slf4j.Logger;

/**
 * When to open an ADDR_FETCH connection to a {@code -seednode} (connect, {@code getaddr},
 * disconnect once the {@code addr} answer is in): the seed-node part of Core's
 * {@code CConnman::ThreadOpenConnections} (Core 28+). The first seed node is used at once when
 * the address book is empty; while there are fewer than two full-relay outbound peers another
 * one follows every {@link #ADD_NEXT_SEEDNODE}. Each is used once. Pure: time and counts come in
 * as arguments. On the node-logic thread.
 */
public final class AddrFetchSchedule {
    private static final Logger log = LogCategory.NET.logger();

    /** net.cpp ThreadOpenConnections: ADD_NEXT_SEEDNODE. */
    public static final Duration ADD_NEXT_SEEDNODE = Duration.ofSeconds(10);

    private final Deque<InetSocketAddress> seedNodes;
    private Instant timer;
    private boolean addNow;

    /**
     * @param seedNodes   the -seednode values in the order given (Core takes them from the back)
     * @param start       when the outbound loop started
     * @param addrmanSize the address book's size at start
     */
    public AddrFetchSchedule(List<InetSocketAddress> seedNodes, Instant start, int addrmanSize) {
        this.seedNodes = new ArrayDeque<>(List.copyOf(seedNodes));
        this.timer = Objects.requireNonNull(start, "start");
        this.addNow = addrmanSize == 0 && !this.seedNodes.isEmpty();
    }

    /**
     * One pass of the outbound loop at {@code now}: the seed node to queue for an ADDR_FETCH
     * connection now, if any.
     *
     * @param addrmanSize  the address book's size
     * @param fullOutbound full-relay outbound connections (Core's nOutboundFullRelay)
     */
    public Optional<InetSocketAddress> poll(Instant now, int addrmanSize, int fullOutbound) {
        Optional<InetSocketAddress> out = Optional.empty();
        if (addNow) {
            addNow = false;
            InetSocketAddress seed = seedNodes.pollLast();
            if (addrmanSize == 0) {
                log.info("Empty addrman, adding seednode ({}) to addrfetch", seed);
            } else {
                log.info("Couldn't connect to peers from addrman after {} seconds. Adding seednode ({}) to addrfetch",
                        ADD_NEXT_SEEDNODE.toSeconds(), seed);
            }
            out = Optional.of(seed);
        }
        if (!seedNodes.isEmpty() && fullOutbound < SeedSchedule.SEED_OUTBOUND_CONNECTION_THRESHOLD
                && now.isAfter(timer.plus(ADD_NEXT_SEEDNODE))) {
            timer = now;
            addNow = true;       // net.cpp: taken on the next pass
        }
        return out;
    }

    /** Seed nodes not used yet, in the order they will be taken. */
    public List<InetSocketAddress> remaining() {
        List<InetSocketAddress> out = new ArrayList<>(seedNodes);
        java.util.Collections.reverse(out);
        return List.copyOf(out);
    }
}
