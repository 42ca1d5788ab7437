package org.btcnode.core.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One manual ban (Core's banman.h {@code CBanEntry}): when it was made and until when it holds.
 * Immutable.
 *
 * @param created  when the ban was made ({@code nCreateTime})
 * @param banUntil the first instant the ban no longer applies ({@code nBanUntil})
 */
public record BanEntry(Instant created, Instant banUntil) {
    public BanEntry {
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(banUntil, "banUntil");
    }

    /** Whether the ban still holds at {@code now} (banman.cpp IsBanned: {@code now < nBanUntil}). */
    public boolean isActive(Instant now) {
        return now.isBefore(banUntil);
    }
}
