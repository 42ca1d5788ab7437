package org.btcnode.daemon;

import java.util.ArrayList;
import java.util.List;

import org.btcnode.core.log.LogCategory;
import org.btcnode.daemon.config.ConfigException;
import org.slf4j.Logger;

/**
 * The running node: the wiring point where the services (network, RPC, database) are plugged in,
 * started in order and stopped in reverse. Holds no node state itself. Its methods are
 * synchronized because start runs on the main thread and stop on the shutdown-hook thread.
 */
public final class Node {
    private static final Logger log = LogCategory.lifecycle();

    private final List<NodeService> services;
    private final List<NodeService> started = new ArrayList<>();
    private NodeState state = NodeState.NEW;

    public Node(List<NodeService> services) {
        this.services = List.copyOf(services);
    }

    /** Starts every service; if one fails, those already started are stopped and the error is rethrown. */
    public synchronized void start() throws ConfigException {
        moveTo(NodeState.STARTING);
        for (NodeService service : services) {
            try {
                service.start();
            } catch (ConfigException | RuntimeException e) {
                moveTo(NodeState.STOPPING);
                stopStarted();
                moveTo(NodeState.STOPPED);
                throw e;
            }
            started.add(service);
            log.debug("started {}", service.name());
        }
        moveTo(NodeState.RUNNING);
    }

    /** Stops what was started, newest first. Safe to call more than once. */
    public synchronized void stop() {
        if (state == NodeState.STOPPED) {
            return;
        }
        if (state == NodeState.NEW) {
            moveTo(NodeState.STOPPED);
            return;
        }
        moveTo(NodeState.STOPPING);
        stopStarted();
        moveTo(NodeState.STOPPED);
    }

    synchronized NodeState state() {
        return state;
    }

    private void stopStarted() {
        for (int i = started.size() - 1; i >= 0; i--) {
            NodeService service = started.get(i);
            try {
                service.stop();
                log.debug("stopped {}", service.name());
            } catch (RuntimeException e) {
                // our bug: report it and go on closing the rest
                log.error("stopping {} failed", service.name(), e);
            }
        }
        started.clear();
    }

    private void moveTo(NodeState next) {
        if (!state.canMoveTo(next)) {
            throw new IllegalStateException("node cannot move from " + state + " to " + next);
        }
        log.debug("node {} -> {}", state, next);
        state = next;
    }
}
