package org.btcnode.daemon.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.btcnode.core.params.Chain;

/**
 * What btcnode-cli's command line and bitcoin.conf decided ({@link ClientOptionsParser}).
 * Immutable; {@link #toString()} hides the password.
 *
 * @param chainDataDir where the node of {@code chain} keeps its {@code .cookie}
 * @param configFile the config file looked at (it may not exist), empty with {@code -noconf}
 * @param rpcConnect {@code -rpcconnect} as given, {@code host[:port]}; checked when connecting, as bitcoin-cli does
 * @param rpcPort {@code -rpcport} as given; checked when connecting
 * @param cookieFile the {@code .cookie} to read when no {@code -rpcpassword} is set; empty with {@code -norpccookiefile}
 * @param rpcWaitTimeout {@code -rpcwaittimeout}, zero for no limit
 * @param rpcClientTimeout {@code -rpcclienttimeout}, zero for no limit
 * @param cliCommands the CLI commands given ({@code -getinfo}, {@code -netinfo}), in bitcoin-cli's order, even when set to 0
 * @param arguments the RPC method and its parameters, or the arguments of {@code -netinfo}
 */
public record ClientOptions(Chain chain, Path chainDataDir, Optional<Path> configFile, String rpcConnect,
                            Optional<String> rpcPort, String rpcUser, String rpcPassword, Optional<Path> cookieFile,
                            boolean named, boolean getinfo, boolean netinfo, boolean rpcWait, Duration rpcWaitTimeout,
                            Duration rpcClientTimeout, boolean stdin, boolean stdinRpcPass, String color,
                            List<String> cliCommands, List<String> arguments) {
    /** bitcoin-cli.cpp: DEFAULT_RPCCONNECT. */
    public static final String DEFAULT_RPCCONNECT = "127.0.0.1";
    /** bitcoin-cli.cpp: DEFAULT_HTTP_CLIENT_TIMEOUT. */
    public static final Duration DEFAULT_HTTP_CLIENT_TIMEOUT = Duration.ofSeconds(900);
    /** rpc/request.cpp: COOKIEAUTH_FILE. */
    public static final String COOKIEAUTH_FILE = ".cookie";

    public ClientOptions {
        cliCommands = List.copyOf(cliCommands);
        arguments = List.copyOf(arguments);
    }

    /** The same options with another password ({@code -stdinrpcpass}). */
    public ClientOptions withRpcPassword(String password) {
        return new ClientOptions(chain, chainDataDir, configFile, rpcConnect, rpcPort, rpcUser, password, cookieFile,
                named, getinfo, netinfo, rpcWait, rpcWaitTimeout, rpcClientTimeout, stdin, stdinRpcPass, color,
                cliCommands, arguments);
    }

    /** The same options with more arguments ({@code -stdin}). */
    public ClientOptions withArguments(List<String> newArguments) {
        return new ClientOptions(chain, chainDataDir, configFile, rpcConnect, rpcPort, rpcUser, rpcPassword, cookieFile,
                named, getinfo, netinfo, rpcWait, rpcWaitTimeout, rpcClientTimeout, stdin, stdinRpcPass, color,
                cliCommands, newArguments);
    }

    @Override
    public String toString() {
        return "ClientOptions[chain=" + chain + ", chainDataDir=" + chainDataDir + ", rpcConnect=" + rpcConnect
                + ", rpcPort=" + rpcPort + ", rpcUser=" + (rpcUser.isEmpty() ? "" : "****")
                + ", rpcPassword=" + (rpcPassword.isEmpty() ? "" : "****") + ", cookieFile=" + cookieFile
                + ", named=" + named + ", getinfo=" + getinfo + ", netinfo=" + netinfo + ", rpcWait=" + rpcWait
                + ", arguments=" + arguments.size() + "]";
    }
}
