package org.btcnode.net.health;

import java.util.Objects;

/**
 * One active warning: its condition and the sentence getnetworkinfo's {@code warnings} shows
 * (with the figures, e.g. {@code outbound diversity 2/10 network groups ...}). Immutable.
 */
public record HealthWarning(HealthCondition condition, String text) {
    public HealthWarning {
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(text, "text");
    }
}
