package org.btcnode.net.health;

import org.btcnode.core.log.LogCategory;
import org.slf4j.Logger;

/**
 * What the health monitor watches for, one warning each. The label names the condition in the
 * metrics ({@code btcnode_health_warning{condition="outbound_diversity"}}); the logger is the
 * category its lines go to. Immutable.
 */
public enum HealthCondition {
    /** Fewer than half of the automatic outbound slots sit in distinct network groups: eclipse suspicion. */
    OUTBOUND_DIVERSITY("outbound_diversity", LogCategory.NET.logger()),
    /** One source network group holds more than a quarter of the address book's new table: sybil suspicion. */
    ADDRESS_SOURCES("address_sources", LogCategory.ADDRMAN.logger()),
    /** Many inbound connections from one network group. */
    INBOUND_CONCENTRATION("inbound_concentration", LogCategory.NET.logger()),
    /** More than 80 % of the peers announce one user agent. */
    VERSION_CONCENTRATION("version_concentration", LogCategory.NET.logger()),
    /** A message type arrives at ten times its moving baseline or more, in total or from one peer. */
    MESSAGE_FLOOD("message_flood", LogCategory.NET.logger()),
    /** No new tip for three block intervals while enough outbound peers are connected. */
    STALE_TIP("stale_tip", LogCategory.NET.logger()),
    /**
     * Core's CLOCK_OUT_OF_SYNC (node/timeoffsets.cpp): the median offset of the last outbound
     * peers' clocks exceeds 10 minutes. Core logs it with LogWarning, which has no category.
     */
    CLOCK_OFFSET("clock_offset", LogCategory.lifecycle());

    private final String label;
    private final Logger logger;

    HealthCondition(String label, Logger logger) {
        this.label = label;
        this.logger = logger;
    }

    /** The metric label value. */
    public String label() {
        return label;
    }

    Logger logger() {
        return logger;
    }
}
