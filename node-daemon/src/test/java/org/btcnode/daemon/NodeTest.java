package org.btcnode.daemon;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.btcnode.daemon.config.ConfigException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NodeTest {
    private final List<String> events = new ArrayList<>();

    private NodeService service(String name, boolean failStart) {
        return new NodeService() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void start() throws ConfigException {
                events.add("start " + name);
                if (failStart) {
                    throw new ConfigException(ConfigException.Kind.BAD_VALUE, name + " cannot start");
                }
            }

            @Override
            public void stop() {
                events.add("stop " + name);
            }
        };
    }

    @Test
    void startsInOrderAndStopsInReverseOnce() throws Exception {
        Node node = new Node(List.of(service("store", false), service("net", false), service("rpc", false)));
        node.start();
        assertThat(node.state()).isEqualTo(NodeState.RUNNING);
        node.stop();
        node.stop();
        assertThat(node.state()).isEqualTo(NodeState.STOPPED);
        assertThat(events).containsExactly("start store", "start net", "start rpc", "stop rpc", "stop net", "stop store");
    }

    @Test
    void aFailedStartStopsWhatWasStartedAndRethrows() {
        Node node = new Node(List.of(service("store", false), service("net", true), service("rpc", false)));
        assertThatThrownBy(node::start).isInstanceOfSatisfying(ConfigException.class,
                e -> assertThat(e.getMessage()).isEqualTo("net cannot start"));
        assertThat(node.state()).isEqualTo(NodeState.STOPPED);
        assertThat(events).containsExactly("start store", "start net", "stop store");
    }

    @Test
    void stoppingANodeThatNeverStartedIsFine() {
        Node node = new Node(List.of(service("net", false)));
        node.stop();
        assertThat(node.state()).isEqualTo(NodeState.STOPPED);
        assertThat(events).isEmpty();
    }

    @Test
    void everyTransitionOfTheLifecycle() {
        Map<NodeState, Set<NodeState>> allowed = Map.of(
                NodeState.NEW, EnumSet.of(NodeState.STARTING, NodeState.STOPPED),
                NodeState.STARTING, EnumSet.of(NodeState.RUNNING, NodeState.STOPPING),
                NodeState.RUNNING, EnumSet.of(NodeState.STOPPING),
                NodeState.STOPPING, EnumSet.of(NodeState.STOPPED),
                NodeState.STOPPED, EnumSet.noneOf(NodeState.class));
        for (NodeState from : NodeState.values()) {
            for (NodeState to : NodeState.values()) {
                assertThat(from.canMoveTo(to)).as(from + " -> " + to).isEqualTo(allowed.get(from).contains(to));
            }
        }
    }
}
