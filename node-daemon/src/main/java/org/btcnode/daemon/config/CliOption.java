package org.btcnode.daemon.config;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The options only btcnode-cli has, with bitcoin-cli's names, help texts and flags
 * ({@code bitcoin-cli.cpp} {@code SetupCliArgs}). btcnode-cli also reads the {@link #SHARED}
 * daemon options (data directory, config file, chain, RPC credentials and port); btcnoded ignores
 * these in a shared bitcoin.conf without a warning, as bitcoind does. Immutable.
 */
public enum CliOption implements OptionSpec {
    COLOR("color", "=<when>", Group.OPTIONS, "Color setting for CLI output (default: auto). Valid values: always, auto (add color codes when standard output is connected to a terminal), never. Only applies to the output of -getinfo", Option.Flag.DISALLOW_NEGATION),
    NAMED("named", "", Group.OPTIONS, "Pass named instead of positional arguments (default: false)"),
    RPCCLIENTTIMEOUT("rpcclienttimeout", "=<n>", Group.OPTIONS, "Timeout in seconds during HTTP requests, or 0 for no timeout. (default: 900)"),
    RPCCONNECT("rpcconnect", "=<ip>", Group.OPTIONS, "Send commands to node running on <ip> (default: 127.0.0.1)"),
    RPCCOOKIEFILE("rpccookiefile", "=<loc>", Group.OPTIONS, "Location of the auth cookie. Relative paths will be prefixed by a net-specific datadir location. (default: data dir)"),
    RPCWAIT("rpcwait", "", Group.OPTIONS, "Wait for RPC server to start"),
    RPCWAITTIMEOUT("rpcwaittimeout", "=<n>", Group.OPTIONS, "Timeout in seconds to wait for the RPC server to start, or 0 for no timeout. (default: 0)", Option.Flag.DISALLOW_NEGATION),
    STDIN("stdin", "", Group.OPTIONS, "Read extra arguments from standard input, one per line until EOF/Ctrl-D (recommended for sensitive information such as passphrases). When combined with -stdinrpcpass, the first line from standard input is used for the RPC password"),
    STDINRPCPASS("stdinrpcpass", "", Group.OPTIONS, "Read RPC password from standard input as a single line. When combined with -stdin, the first line from standard input is used for the RPC password"),
    GETINFO("getinfo", "", Group.CLI_COMMANDS, "Get general information from the remote server. Note that unlike server-side RPC calls, the output of -getinfo is the result of multiple non-atomic requests. Some entries in the output may represent results from different states (e.g. wallet balance may be as of a different block from the chain state reported)"),
    NETINFO("netinfo", "", Group.CLI_COMMANDS, "Get network peer connection information from the remote server. An optional argument from 0 to 4 can be passed for different peers listings (default: 0). If a non-zero value is passed, an additional \"outonly\" (or \"o\") argument can be passed to see outbound peers only. Pass \"help\" (or \"h\") for detailed help documentation");

    /** The daemon's options btcnode-cli reads too, with the help text bitcoin-cli gives them. */
    public static final List<Shared> SHARED = List.of(
            new Shared(Option.CONF, "Specify configuration file. Relative paths will be prefixed by datadir location. (default: bitcoin.conf)"),
            new Shared(Option.DATADIR, "Specify data directory (default: ~/.btcnode)"),
            new Shared(Option.HELP, "Print this help message and exit (also -h or -?)"),
            new Shared(Option.H, ""),
            new Shared(Option.QUESTION_MARK, ""),
            new Shared(Option.INCLUDECONF, ""),
            new Shared(Option.VERSION, "Print version and exit"),
            new Shared(Option.RPCPASSWORD, "Password for JSON-RPC connections"),
            new Shared(Option.RPCPORT, "Connect to JSON-RPC on <port> (default: 8332, testnet: 18332, testnet4: 48332, signet: 38332, regtest: 18443)"),
            new Shared(Option.RPCUSER, "Username for JSON-RPC connections"),
            new Shared(Option.CHAIN, Option.CHAIN.help()),
            new Shared(Option.REGTEST, Option.REGTEST.help()),
            new Shared(Option.SIGNET, Option.SIGNET.help()),
            new Shared(Option.TESTNET, Option.TESTNET.help()),
            new Shared(Option.TESTNET4, Option.TESTNET4.help()));

    /** A daemon option btcnode-cli reads, and its help text there ("" = not listed). */
    public record Shared(Option option, String help) {
    }

    /** Help groups, in bitcoin-cli's order ({@code OptionsCategory}). */
    public enum Group { OPTIONS, CLI_COMMANDS }

    private final String optionName;
    private final String helpParam;
    private final Group group;
    private final String help;
    private final Set<Option.Flag> flags;

    CliOption(String optionName, String helpParam, Group group, String help, Option.Flag... flags) {
        this.optionName = optionName;
        this.helpParam = helpParam;
        this.group = group;
        this.help = help;
        this.flags = flags.length == 0 ? EnumSet.noneOf(Option.Flag.class) : EnumSet.of(flags[0], flags);
    }

    @Override
    public String optionName() {
        return optionName;
    }

    public String helpParam() {
        return helpParam;
    }

    public Group group() {
        return group;
    }

    public String help() {
        return help;
    }

    @Override
    public boolean has(Option.Flag flag) {
        return flags.contains(flag);
    }

    /** The option btcnode-cli knows as {@code name}: its own, or a shared daemon option. */
    static Optional<OptionSpec> lookup(String name) {
        Optional<OptionSpec> own = Arrays.stream(values()).filter(o -> o.optionName.equals(name))
                .<OptionSpec>map(o -> o).findFirst();
        if (own.isPresent()) {
            return own;
        }
        return SHARED.stream().map(Shared::option).filter(o -> o.optionName().equals(name))
                .<OptionSpec>map(o -> o).findFirst();
    }
}
