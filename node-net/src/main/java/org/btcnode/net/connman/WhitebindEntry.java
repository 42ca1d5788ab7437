package org.btcnode.net.connman;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

import org.btcnode.core.message.NetAddress;
import org.btcnode.core.store.Subnet;

/**
 * One {@code -whitebind=[perms@]addr:port} entry (Core's {@code NetWhitebindPermissions}): every
 * peer that connects to this local address gets these permissions. Immutable.
 */
public record WhitebindEntry(InetSocketAddress bind, NetPermissions permissions) {

    public WhitebindEntry {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(permissions, "permissions");
    }

    /** Parses as NetWhitebindPermissions::TryParse (numeric address only); messages are Core's texts. */
    public static WhitebindEntry parse(String value) {
        WhitelistEntry.PermissionPrefix prefix = WhitelistEntry.PermissionPrefix.parse(value, false);
        String bind = value.substring(prefix.consumed());
        int colon = bind.lastIndexOf(':');
        String host = colon < 0 ? bind : bind.substring(0, colon);
        String portText = colon < 0 ? "" : bind.substring(colon + 1);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.indexOf(':') >= 0) {
            host = bind;               // a bare IPv6 literal without port
            portText = "";
        }
        Optional<NetAddress> address = Subnet.parseLiteral(host);
        if (address.isEmpty()) {
            throw new IllegalArgumentException("Cannot resolve -whitebind address: '" + bind + "'");
        }
        int port = portText.isEmpty() || !portText.chars().allMatch(Character::isDigit) || portText.length() > 5
                ? 0 : Integer.parseInt(portText);
        if (port == 0 || port > 0xffff) {
            throw new IllegalArgumentException("Need to specify a port with -whitebind: '" + bind + "'");
        }
        try {
            InetAddress inet = InetAddress.getByAddress(address.get().bytes().toByteArray());
            return new WhitebindEntry(new InetSocketAddress(inet, port), prefix.permissions());
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes always make an address", e);
        }
    }
}
