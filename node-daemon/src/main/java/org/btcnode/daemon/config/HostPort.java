package org.btcnode.daemon.config;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * A host (IP literal or name, IPv6 without brackets) and an optional port, as written in
 * {@code -connect}, {@code -addnode}, {@code -seednode} and {@code -rpcbind}. Immutable.
 */
public record HostPort(String host, OptionalInt port) {
    public HostPort {
        if (host.isEmpty()) {
            throw new IllegalArgumentException("empty host");
        }
        port.ifPresent(p -> {
            if (p < 1 || p > 65535) {
                throw new IllegalArgumentException("port out of range: " + p);
            }
        });
    }

    /** The port, or {@code defaultPort} when none was given (Core fills in the chain's port). */
    public int portOr(int defaultPort) {
        return port.orElse(defaultPort);
    }

    /** Core's {@code SplitHostPort} ({@code util/strencodings.cpp}); empty if the port is not 1..65535. */
    public static Optional<HostPort> split(String in) {
        int colon = in.lastIndexOf(':');
        boolean haveColon = colon >= 0;
        boolean bracketed = haveColon && colon > 0 && in.charAt(0) == '[' && in.charAt(colon - 1) == ']';
        boolean multiColon = haveColon && colon != 0 && in.lastIndexOf(':', colon - 1) >= 0;
        String host = in;
        OptionalInt port = OptionalInt.empty();
        boolean valid;
        if (haveColon && (colon == 0 || bracketed || !multiColon)) {
            valid = false;
            OptionalInt n = parsePort(in.substring(colon + 1));
            if (n.isPresent()) {
                host = in.substring(0, colon);
                port = n;
                valid = n.getAsInt() != 0;
            }
        } else {
            valid = true;
        }
        if (host.length() >= 2 && host.charAt(0) == '[' && host.charAt(host.length() - 1) == ']') {
            host = host.substring(1, host.length() - 1);
        }
        if (!valid || host.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new HostPort(host, port));
    }

    /** Core's {@code ParseUInt16}/{@code ToIntegral<uint16_t>}: decimal digits only, 0..65535. */
    public static OptionalInt parsePort(String s) {
        if (s.isEmpty() || s.length() > 5) {
            return OptionalInt.empty();
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return OptionalInt.empty();
            }
        }
        int n = Integer.parseInt(s);
        return n > 65535 ? OptionalInt.empty() : OptionalInt.of(n);
    }

    @Override
    public String toString() {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return port.isPresent() ? h + ":" + port.getAsInt() : h;
    }
}
