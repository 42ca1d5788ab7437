package org.btcnode.daemon.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.btcnode.daemon.config.ConfigException.Kind.BAD_VALUE;

/**
 * btcnode-cli's options: the command line up to the RPC method and bitcoin.conf, read with the
 * daemon's rules ({@link OptionsParser}: sections, precedence, negation, includes, chain
 * selection) as bitcoin-cli's {@code AppInitRPC} does with {@code ReadConfigFiles(error, true)}:
 * keys it does not know are ignored silently. Stateless.
 */
public final class ClientOptionsParser {
    private ClientOptionsParser() {
    }

    /** The command line alone: enough to answer {@code -help} and {@code -version}. */
    public static OptionsParser.CommandLine parseCommandLine(List<String> argv) throws ConfigException {
        return OptionsParser.parseCommandLine(argv, Program.CLI);
    }

    /** The command line merged with bitcoin.conf; {@code home} holds the default datadir. */
    public static ClientOptions resolve(OptionsParser.CommandLine commandLine, Path home) throws ConfigException {
        OptionsParser.Configured configured = OptionsParser.readConfiguration(commandLine, home, Program.CLI,
                new OptionsParser.Notes());
        Settings settings = configured.settings();
        Path chainDir = configured.chainDataDir();
        // rpc/request.cpp GetAuthCookieFile: -norpccookiefile disables the cookie; "" means the default
        Optional<Path> cookieFile = settings.isNegated(CliOption.RPCCOOKIEFILE) ? Optional.empty()
                : Optional.of(OptionsParser.toPath(chainDir, settings.getString(CliOption.RPCCOOKIEFILE)
                        .filter(s -> !s.isEmpty()).orElse(ClientOptions.COOKIEAUTH_FILE)));
        // ArgsManager::CheckMultipleCLIArgs looks at IsArgSet, so -netinfo=0 still counts
        List<String> cliCommands = new ArrayList<>();
        for (CliOption command : List.of(CliOption.GETINFO, CliOption.NETINFO)) {
            if (settings.isSet(command)) {
                cliCommands.add("-" + command.optionName());
            }
        }
        return new ClientOptions(configured.chain(), chainDir, configured.configFile(),
                settings.getString(CliOption.RPCCONNECT).orElse(ClientOptions.DEFAULT_RPCCONNECT),
                settings.getString(Option.RPCPORT), settings.getString(Option.RPCUSER).orElse(""),
                settings.getString(Option.RPCPASSWORD).orElse(""), cookieFile,
                OptionsParser.bool(settings, CliOption.NAMED, false),
                OptionsParser.bool(settings, CliOption.GETINFO, false),
                OptionsParser.bool(settings, CliOption.NETINFO, false),
                OptionsParser.bool(settings, CliOption.RPCWAIT, false),
                seconds(settings, CliOption.RPCWAITTIMEOUT, Duration.ZERO),
                seconds(settings, CliOption.RPCCLIENTTIMEOUT, ClientOptions.DEFAULT_HTTP_CLIENT_TIMEOUT),
                OptionsParser.bool(settings, CliOption.STDIN, false),
                OptionsParser.bool(settings, CliOption.STDINRPCPASS, false),
                settings.getString(CliOption.COLOR).orElse("auto"),
                cliCommands, commandLine.arguments());
    }

    /** A timeout in seconds; 0 or less means none, as bitcoin-cli reads it. */
    private static Duration seconds(Settings settings, CliOption option, Duration defaultValue) throws ConfigException {
        long n = OptionsParser.integer(settings, option, defaultValue.toSeconds());
        if (n > Integer.MAX_VALUE) {
            throw new ConfigException(BAD_VALUE, "Invalid value for -" + option.optionName() + ": '" + n
                    + "' (at most " + Integer.MAX_VALUE + " seconds)");
        }
        return Duration.ofSeconds(Math.max(0, n));
    }

    /** The {@code -help} text, laid out as bitcoin-cli's. */
    public static String help(String version) {
        StringBuilder out = new StringBuilder();
        out.append("btcnode RPC client version ").append(version).append("\n\n")
                .append("The btcnode-cli utility provides a command line interface to interact with a btcnode RPC server.\n\n")
                .append("It can be used to query network information and control the btcnode server.\n\n")
                .append("Use the \"help\" command to list all commands. Use \"help <command>\" to show help for that command.\n")
                .append("The -named option allows you to specify parameters using the key=value format, eliminating the"
                        + " need to pass unused positional parameters.\n\n")
                .append("Usage: btcnode-cli [options] <command> [params]\n")
                .append("or:    btcnode-cli [options] -named <command> [name=value]...\n")
                .append("or:    btcnode-cli [options] help\n")
                .append("or:    btcnode-cli [options] help <command>\n\n");
        List<String[]> options = new ArrayList<>();
        List<String[]> chain = new ArrayList<>();
        List<String[]> commands = new ArrayList<>();
        for (CliOption.Shared s : CliOption.SHARED) {
            if (!s.help().isEmpty()) {
                String[] row = {s.option().optionName(), s.option().helpParam(), s.help()};
                (s.option().group() == Option.Group.CHAINPARAMS ? chain : options).add(row);
            }
        }
        for (CliOption o : CliOption.values()) {
            (o.group() == CliOption.Group.CLI_COMMANDS ? commands : options)
                    .add(new String[] {o.optionName(), o.helpParam(), o.help()});
        }
        section(out, "Options:", options);
        section(out, "Chain selection options:", chain);
        section(out, "CLI Commands:", commands);
        return out.toString();
    }

    private static void section(StringBuilder out, String title, List<String[]> rows) {
        rows.sort((a, b) -> a[0].compareTo(b[0]));
        out.append(title).append("\n\n");
        for (String[] row : rows) {
            out.append("  -").append(row[0]).append(row[1]).append('\n')
                    .append(OptionsParser.wrap(row[2] + ".", 72, "       ")).append("\n\n");
        }
    }
}
