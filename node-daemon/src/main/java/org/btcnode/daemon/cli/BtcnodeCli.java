package org.btcnode.daemon.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

import org.btcnode.daemon.Btcnoded;
import org.btcnode.daemon.config.ClientOptions;
import org.btcnode.daemon.config.ClientOptionsParser;
import org.btcnode.daemon.config.ConfigException;
import org.btcnode.daemon.config.OptionsParser;

/**
 * btcnode-cli: bitcoin-cli for btcnoded ({@code bitcoin-cli.cpp} {@code AppInitRPC} and
 * {@code CommandLineRPC}). Sends one RPC call, {@code -getinfo} or {@code -netinfo}, prints a
 * string result as is and anything else as JSON indented by two spaces on stdout (exit 0), an RPC
 * error as "error code: N\nerror message:\n…" on stderr (exit |N|), and any other failure as
 * "error: …" (exit 1). Runs on the main thread and exits.
 */
public final class BtcnodeCli {
    /** rpc/protocol.h RPC_WALLET_NOT_SPECIFIED. */
    private static final int RPC_WALLET_NOT_SPECIFIED = -19;

    private final Path home;
    private final InstantSource clock;
    private final RpcClient.Pause pause;
    private final boolean terminal;

    /**
     * @param home where the default datadir {@code .btcnode} lives
     * @param clock for {@code -rpcwaittimeout} and the peers' ages in {@code -netinfo}
     * @param pause how {@code -rpcwait} waits between attempts
     * @param terminal whether stdout is a terminal ({@code -color=auto}, password prompt)
     */
    BtcnodeCli(Path home, InstantSource clock, RpcClient.Pause pause, boolean terminal) {
        this.home = home;
        this.clock = clock;
        this.pause = pause;
        this.terminal = terminal;
    }

    public static void main(String[] args) {
        BtcnodeCli cli = new BtcnodeCli(Btcnoded.home(), InstantSource.system(),
                d -> Thread.sleep(d.toMillis()), System.console() != null);
        System.exit(cli.run(List.of(args), System.in, System.out, System.err));
    }

    /** The whole run; the exit code as bitcoin-cli's (an RPC error's code made positive). */
    int run(List<String> argv, InputStream in, PrintStream out, PrintStream err) {
        ClientOptions options;
        try {
            OptionsParser.CommandLine commandLine = ClientOptionsParser.parseCommandLine(argv);
            if (argv.isEmpty() || commandLine.helpRequested() || commandLine.versionRequested()) {
                out.print(commandLine.versionRequested() && !commandLine.helpRequested()
                        ? "btcnode RPC client version " + Btcnoded.version() + "\n"
                        : ClientOptionsParser.help(Btcnoded.version()));
                if (argv.isEmpty()) {
                    err.println("Error: too few parameters");
                    return 1;
                }
                return 0;
            }
            options = ClientOptionsParser.resolve(commandLine, home);
        } catch (ConfigException e) {
            String message = e.getMessage();
            err.println(message.startsWith("Error") ? message : "Error: " + message);
            return 1;
        }
        String print = "";
        int ret = 0;
        try {
            BufferedReader stdin = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            if (options.stdinRpcPass()) {
                options = options.withRpcPassword(readPassword(stdin));
            }
            if (options.stdin()) {
                List<String> args = new ArrayList<>(options.arguments());
                for (String line = stdin.readLine(); line != null; line = stdin.readLine()) {
                    args.add(line);
                }
                options = options.withArguments(args);
            }
            if (options.cliCommands().size() > 1) {
                throw CliException.error("Only one of " + String.join(", ", options.cliCommands()) + " may be specified.");
            }
            List<String> args = options.arguments();
            RequestHandler handler;
            String method = "";
            if (options.getinfo()) {
                handler = new GetinfoRequestHandler();
            } else if (options.netinfo()) {
                if (!args.isEmpty() && (args.get(0).equals("h") || args.get(0).equals("help"))) {
                    out.println(NetinfoRequestHandler.help());
                    return 0;
                }
                handler = new NetinfoRequestHandler(options.chain(), Btcnoded.version(), clock.instant().getEpochSecond());
            } else {
                handler = new DefaultRequestHandler(options.named());
                if (args.isEmpty()) {
                    throw CliException.error("too few parameters (need at least command)");
                }
                method = args.get(0);
                args = args.subList(1, args.size());
            }
            JsonValue reply = new RpcClient(options, clock, pause, err).connectAndCall(handler, method, args);
            JsonValue result = reply.get("result");
            JsonValue error = reply.get("error");
            if (error.isNull()) {
                if (options.getinfo()) {
                    result = new JsonValue.Str(GetinfoRequestHandler.format(result, colorize(options.color())));
                }
                print = result.isNull() ? "" : result instanceof JsonValue.Str ? result.str() : result.write(2);
            } else {
                print = errorText(error);
                ret = exitCode(error);
            }
        } catch (CliException e) {
            print = "error: " + e.getMessage();
            ret = 1;
        } catch (IllegalStateException | ArithmeticException | NumberFormatException e) {
            // a reply without the members or types Core's has (UniValue's get_* throw the same way)
            print = "error: " + e.getMessage();
            ret = 1;
        } catch (IOException e) {
            print = "error: cannot read standard input: " + e.getMessage();
            ret = 1;
        }
        if (!print.isEmpty()) {
            (ret == 0 ? out : err).println(print);
        }
        return ret;
    }

    /** -stdinrpcpass: one line, without echo on a terminal. */
    private String readPassword(BufferedReader stdin) throws IOException, CliException {
        Console console = System.console();
        if (terminal && console != null) {
            char[] password = console.readPassword("RPC password> ");
            if (password != null) {
                return new String(password);
            }
        } else {
            String line = stdin.readLine();
            if (line != null) {
                return line;
            }
        }
        throw CliException.error("-stdinrpcpass specified but failed to read from standard input");
    }

    private boolean colorize(String color) throws CliException {
        return switch (color) {
            case "always" -> true;
            case "never" -> false;
            case "auto" -> terminal;
            default -> throw CliException.error("Invalid value for -color option. Valid values: always, auto, never.");
        };
    }

    /** bitcoin-cli.cpp ParseError. */
    private static String errorText(JsonValue error) {
        if (!(error instanceof JsonValue.Obj)) {
            return "error: " + error.write(0);
        }
        StringBuilder text = new StringBuilder();
        JsonValue code = error.get("code");
        JsonValue message = error.get("message");
        if (!code.isNull()) {
            text.append("error code: ").append(code.valStr()).append('\n');
        }
        if (message instanceof JsonValue.Str) {
            text.append("error message:\n").append(message.str());
        }
        if (code instanceof JsonValue.Number && code.valStr().equals(Integer.toString(RPC_WALLET_NOT_SPECIFIED))) {
            text.append(" Or for the CLI, specify the \"-rpcwallet=<walletname>\" option before the command")
                    .append(" (run \"btcnode-cli -h\" for help or \"btcnode-cli listwallets\" to see which wallets are currently loaded).");
        }
        return text.toString();
    }

    /** The error's code made positive (the shell sees it modulo 256, as with bitcoin-cli); 1 without a code. */
    private static int exitCode(JsonValue error) {
        try {
            long code = Math.abs(error.get("code").asLong());
            return code == 0 || code > Integer.MAX_VALUE ? 1 : (int) code;
        } catch (IllegalStateException | ArithmeticException | NumberFormatException e) {
            return 1;
        }
    }
}
