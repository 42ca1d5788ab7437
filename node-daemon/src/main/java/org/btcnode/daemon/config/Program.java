package org.btcnode.daemon.config;

import java.util.Optional;

/**
 * The executable whose options are parsed: Core registers a different set for bitcoind and
 * bitcoin-cli, and both read the same bitcoin.conf, so each ignores the other's keys there
 * without a warning (Core only logs "Ignoring unknown configuration value").
 */
enum Program {
    /** btcnoded: {@link Option}. */
    DAEMON,
    /** btcnode-cli: {@link CliOption} and the {@link CliOption#SHARED} daemon options. */
    CLI;

    Optional<OptionSpec> option(String name) {
        return switch (this) {
            case DAEMON -> Option.byName(name).map(o -> o);
            case CLI -> CliOption.lookup(name);
        };
    }

    /** Whether the other program knows {@code name}: a bitcoin.conf they share may hold it. */
    boolean otherKnows(String name) {
        return switch (this) {
            case DAEMON -> CliOption.lookup(name).isPresent();
            case CLI -> Option.byName(name).isPresent();
        };
    }
}
