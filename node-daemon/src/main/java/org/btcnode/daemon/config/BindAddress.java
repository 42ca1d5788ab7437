package org.btcnode.daemon.config;

/**
 * One {@code -bind=<addr>[:<port>][=onion]}: a numeric IP (never resolved, as Core's
 * {@code Lookup(..., fAllowLookup=false)}), an optional port (else {@code -port}) and whether
 * incoming connections there count as Tor. Immutable.
 */
public record BindAddress(HostPort address, boolean onion) {
    @Override
    public String toString() {
        return address + (onion ? "=onion" : "");
    }
}
