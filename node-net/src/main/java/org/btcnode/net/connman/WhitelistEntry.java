package org.btcnode.net.connman;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.btcnode.core.store.Subnet;

/**
 * One {@code -whitelist=[perms@]subnet} entry (Core's {@code NetWhitelistPermissions}): the peers
 * it matches, the permissions they get, and the directions it applies to ({@code in} by default,
 * {@code out} for our outbound connections). Immutable.
 */
public record WhitelistEntry(Subnet subnet, NetPermissions permissions, boolean inbound, boolean outbound) {

    public WhitelistEntry {
        Objects.requireNonNull(subnet, "subnet");
        Objects.requireNonNull(permissions, "permissions");
    }

    /**
     * Parses an option value as net_permissions.cpp NetWhitelistPermissions::TryParse does; the
     * exception's message is Core's error text.
     */
    public static WhitelistEntry parse(String value) {
        PermissionPrefix prefix = PermissionPrefix.parse(value, true);
        String net = value.substring(prefix.consumed());
        Optional<Subnet> subnet = Subnet.parse(net);
        if (subnet.isEmpty()) {
            throw new IllegalArgumentException("Invalid netmask specified in -whitelist: '" + net + "'");
        }
        return new WhitelistEntry(subnet.get(), prefix.permissions(), prefix.inbound(), prefix.outbound());
    }

    /**
     * The {@code perm1,perm2@} prefix shared by -whitelist and -whitebind (net_permissions.cpp
     * TryParsePermissionFlags). Immutable.
     */
    record PermissionPrefix(NetPermissions permissions, boolean inbound, boolean outbound, int consumed) {
        static PermissionPrefix parse(String value, boolean allowOut) {
            int at = value.indexOf('@');
            if (at < 0) {
                // no '@': Core's Implicit permission, inbound only
                return new PermissionPrefix(new NetPermissions(Set.of(), true), true, false, 0);
            }
            Set<NetPermissionFlag> flags = EnumSet.noneOf(NetPermissionFlag.class);
            boolean in = false;
            boolean out = false;
            for (String permission : value.substring(0, at).split(",", -1)) {
                switch (permission) {
                    case "bloomfilter", "bloom" -> flags.add(NetPermissionFlag.BLOOMFILTER);
                    case "noban" -> flags.add(NetPermissionFlag.NOBAN);
                    case "forcerelay" -> flags.add(NetPermissionFlag.FORCERELAY);
                    case "mempool" -> flags.add(NetPermissionFlag.MEMPOOL);
                    case "download" -> flags.add(NetPermissionFlag.DOWNLOAD);
                    case "all" -> flags.addAll(EnumSet.allOf(NetPermissionFlag.class));
                    case "relay" -> flags.add(NetPermissionFlag.RELAY);
                    case "addr" -> flags.add(NetPermissionFlag.ADDR);
                    case "in" -> in = true;
                    case "out" -> {
                        if (!allowOut) {
                            throw new IllegalArgumentException(
                                    "whitebind may only be used for incoming connections (\"out\" was passed)");
                        }
                        out = true;
                    }
                    case "" -> { }     // Core allows empty entries
                    default -> throw new IllegalArgumentException("Invalid P2P permission: '" + permission + "'");
                }
            }
            if (!in && !out) {
                in = true;             // by default, whitelist only applies to incoming connections
            } else if (flags.isEmpty()) {
                throw new IllegalArgumentException("Only direction was set, no permissions: '" + value + "'");
            }
            return new PermissionPrefix(new NetPermissions(flags, false), in, out, at + 1);
        }
    }
}
