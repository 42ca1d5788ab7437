package org.btcnode.net.connman;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The permissions of one whitelist entry or one peer (net_permissions.h): a set of flags plus
 * Core's {@code Implicit} marker for an entry given without {@code perm@}, which becomes
 * {@code noban}, {@code mempool} and (with -whitelistrelay, on by default) {@code relay} when
 * applied to a peer (net.cpp AddWhitelistPermissionFlags). Immutable.
 */
public record NetPermissions(Set<NetPermissionFlag> flags, boolean implicit) {
    public static final NetPermissions NONE = new NetPermissions(Set.of(), false);

    public NetPermissions {
        Objects.requireNonNull(flags, "flags");
        EnumSet<NetPermissionFlag> expanded = flags.isEmpty()
                ? EnumSet.noneOf(NetPermissionFlag.class) : EnumSet.copyOf(flags);
        if (expanded.contains(NetPermissionFlag.FORCERELAY)) {
            expanded.add(NetPermissionFlag.RELAY);       // ForceRelay = (1U << 2) | Relay
        }
        if (expanded.contains(NetPermissionFlag.NOBAN)) {
            expanded.add(NetPermissionFlag.DOWNLOAD);    // NoBan = (1U << 4) | Download
        }
        flags = Collections.unmodifiableSet(expanded);
    }

    public static NetPermissions of(NetPermissionFlag... flags) {
        return new NetPermissions(Set.of(flags), false);
    }

    public boolean has(NetPermissionFlag flag) {
        return flags.contains(flag);
    }

    /** Both sets' flags; implicit if either is. */
    public NetPermissions with(NetPermissions other) {
        EnumSet<NetPermissionFlag> all = EnumSet.noneOf(NetPermissionFlag.class);
        all.addAll(flags);
        all.addAll(other.flags);
        return new NetPermissions(all, implicit || other.implicit);
    }

    /**
     * Turns the implicit marker into Core's default whitelist permissions (net.cpp
     * AddWhitelistPermissionFlags): forcerelay if {@code whitelistForceRelay}, relay if
     * {@code whitelistRelay}, always mempool and noban.
     */
    public NetPermissions resolveImplicit(boolean whitelistRelay, boolean whitelistForceRelay) {
        if (!implicit) {
            return this;
        }
        EnumSet<NetPermissionFlag> all = EnumSet.noneOf(NetPermissionFlag.class);
        all.addAll(flags);
        if (whitelistForceRelay) {
            all.add(NetPermissionFlag.FORCERELAY);
        }
        if (whitelistRelay) {
            all.add(NetPermissionFlag.RELAY);
        }
        all.add(NetPermissionFlag.MEMPOOL);
        all.add(NetPermissionFlag.NOBAN);
        return new NetPermissions(all, false);
    }

    /** The names getpeerinfo prints, in Core's order (NetPermissions::ToStrings). */
    public List<String> names() {
        return flags.stream().map(NetPermissionFlag::configName).toList();
    }
}
