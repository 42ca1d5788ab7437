package org.btcnode.daemon.config;

/**
 * What the parser needs to know of an option, whichever program registers it: btcnoded's
 * {@link Option}s and btcnode-cli's {@link CliOption}s (Core gives each program its own
 * {@code ArgsManager} registrations; the parsing rules are the same).
 */
interface OptionSpec {
    /** The name without the dash: {@code rpcport}. */
    String optionName();

    boolean has(Option.Flag flag);
}
