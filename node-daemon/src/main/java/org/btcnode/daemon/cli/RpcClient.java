package org.btcnode.daemon.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.btcnode.daemon.config.ClientOptions;
import org.btcnode.daemon.config.HostPort;

/**
 * Sends one JSON-RPC request (or batch) over HTTP as bitcoin-cli's {@code CallRPC} and
 * {@code ConnectAndCallRPC}: POST to "/", HTTP Basic authentication with {@code -rpcuser}/
 * {@code -rpcpassword} or else the node's {@code .cookie}, Core's texts for every failure, and
 * with {@code -rpcwait} a retry every second while the server is unreachable or warming up.
 * One per invocation, on the main thread.
 */
final class RpcClient {
    /** bitcoin-cli.cpp: -rpcwait tries again after a second. */
    static final Duration RPCWAIT_PAUSE = Duration.ofSeconds(1);
    /** rpc/protocol.h RPC_IN_WARMUP. */
    static final int RPC_IN_WARMUP = -28;
    private static final int HTTP_BAD_REQUEST = 400;
    private static final int HTTP_UNAUTHORIZED = 401;
    private static final int HTTP_NOT_FOUND = 404;
    private static final int HTTP_INTERNAL_SERVER_ERROR = 500;
    private static final int HTTP_SERVICE_UNAVAILABLE = 503;

    /** How -rpcwait waits between attempts (a test hands in one that does not sleep). */
    interface Pause {
        void pause(Duration duration) throws InterruptedException;
    }

    /** rpc/request.h AuthCookieResult: why the cookie gave, or did not give, credentials. */
    private enum CookieResult { DISABLED, ERROR, OK }

    private final ClientOptions options;
    private final InstantSource clock;
    private final Pause pause;
    private final PrintStream err;
    private final HttpClient http;

    RpcClient(ClientOptions options, InstantSource clock, Pause pause, PrintStream err) {
        this.options = options;
        this.clock = clock;
        this.pause = pause;
        this.err = err;
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1);
        if (!options.rpcClientTimeout().isZero()) {
            builder.connectTimeout(options.rpcClientTimeout());
        }
        this.http = builder.build();
    }

    /** ConnectAndCallRPC: {@link #call}, retried with -rpcwait until it connects or -rpcwaittimeout passes. */
    JsonValue connectAndCall(RequestHandler handler, String method, List<String> args) throws CliException {
        boolean wait = options.rpcWait();
        Duration timeout = options.rpcWaitTimeout();
        Instant deadline = clock.instant().plus(timeout);
        Endpoint endpoint = endpoint();
        while (true) {
            try {
                JsonValue response = call(handler, method, args, endpoint);
                if (wait) {
                    JsonValue error = response.get("error");
                    if (!error.isNull() && error.get("code") instanceof JsonValue.Number
                            && error.get("code").asLong() == RPC_IN_WARMUP) {
                        throw new CliException(CliException.Kind.CONNECTION_FAILED, "server in warmup");
                    }
                }
                return response;
            } catch (CliException e) {
                if (e.kind() != CliException.Kind.CONNECTION_FAILED) {
                    throw e;
                }
                if (wait && (timeout.isZero() || clock.instant().isBefore(deadline))) {
                    try {
                        pause.pause(RPCWAIT_PAUSE);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        throw CliException.error("interrupted");
                    }
                } else {
                    throw new CliException(CliException.Kind.CONNECTION_FAILED, "timeout on transient error: " + e.getMessage());
                }
            }
        }
    }

    /** Where to connect. */
    private record Endpoint(String host, int port) {
        URI uri() {
            String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
            return URI.create("http://" + h + ":" + port + "/");
        }
    }

    /** bitcoin-cli.cpp CallRPC: -rpcport, else the port in -rpcconnect, else the chain's. */
    private Endpoint endpoint() throws CliException {
        int port = options.chain().defaultRpcPort();
        Optional<HostPort> connect = HostPort.split(options.rpcConnect());
        if (connect.isEmpty()) {
            throw CliException.error("Invalid port provided in -rpcconnect: " + options.rpcConnect());
        }
        OptionalInt connectPort = connect.get().port();
        if (connectPort.isPresent()) {
            port = connectPort.getAsInt();
        }
        if (options.rpcPort().isPresent()) {
            OptionalInt rpcPort = HostPort.parsePort(options.rpcPort().get());
            if (rpcPort.isEmpty() || rpcPort.getAsInt() == 0) {
                throw CliException.error("Invalid port provided in -rpcport: " + options.rpcPort().get());
            }
            port = rpcPort.getAsInt();
            if (connectPort.isPresent()) {
                err.println("Warning: Port specified in both -rpcconnect and -rpcport. Using -rpcport " + port);
            }
        }
        return new Endpoint(connect.get().host(), port);
    }

    private JsonValue call(RequestHandler handler, String method, List<String> args, Endpoint endpoint)
            throws CliException {
        // the cookie is read on every attempt: with -rpcwait it appears when the server starts
        StringBuilder credentials = new StringBuilder();
        Optional<CookieResult> cookie = Optional.empty();
        if (options.rpcPassword().isEmpty()) {
            cookie = Optional.of(readCookie(credentials));
        } else {
            credentials.append(options.rpcUser()).append(':').append(options.rpcPassword());
        }
        String body = handler.prepareRequest(method, args).write(0) + "\n";
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.uri())
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        credentials.toString().getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (!options.rpcClientTimeout().isZero()) {
            request.timeout(options.rpcClientTimeout());
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw couldNotConnect(endpoint, 0, "timeout reached");
        } catch (IOException e) {
            throw couldNotConnect(endpoint, 1, "EOF reached");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliException.error("interrupted");
        }
        int status = response.statusCode();
        if (status == HTTP_UNAUTHORIZED) {
            String why = cookie.map(c -> switch (c) {
                case ERROR -> "Failed to read cookie file and no rpcpassword was specified.";
                case DISABLED -> "Cookie file was disabled via -norpccookiefile and no rpcpassword was specified.";
                case OK -> "Cookie file credentials were invalid and no rpcpassword was specified.";
            }).orElse("Incorrect rpcuser or rpcpassword were specified.");
            throw CliException.error("Authorization failed: " + why + " Configuration file: ("
                    + options.configFile().map(Path::toString).orElse("") + ")");
        }
        if (status == HTTP_SERVICE_UNAVAILABLE) {
            throw CliException.error("Server response: " + response.body());
        }
        if (status >= 400 && status != HTTP_BAD_REQUEST && status != HTTP_NOT_FOUND && status != HTTP_INTERNAL_SERVER_ERROR) {
            throw CliException.error("server returned HTTP error " + status);
        }
        if (response.body().isEmpty()) {
            throw CliException.error("no response from server");
        }
        JsonValue reply = JsonValue.parse(response.body())
                .orElseThrow(() -> CliException.error("couldn't parse reply from server"));
        JsonValue processed = handler.processReply(reply);
        if (processed instanceof JsonValue.Obj && ((JsonValue.Obj) processed).members().isEmpty()) {
            throw CliException.error("expected reply to have result, error and id properties");
        }
        return processed;
    }

    private static CliException couldNotConnect(Endpoint endpoint, int code, String what) {
        return new CliException(CliException.Kind.CONNECTION_FAILED, "Could not connect to the server "
                + endpoint.host() + ":" + endpoint.port() + " (error code " + code + " - \"" + what + "\")\n\n"
                + "Make sure the btcnoded server is running and that you are connecting to the correct RPC port.\n"
                + "Use \"btcnode-cli -help\" for more info.");
    }

    /** rpc/request.cpp GetAuthCookie: the first line of the cookie file. */
    private CookieResult readCookie(StringBuilder credentials) {
        if (options.cookieFile().isEmpty()) {
            return CookieResult.DISABLED;
        }
        try {
            String text = Files.readString(options.cookieFile().get(), StandardCharsets.UTF_8);
            int newline = text.indexOf('\n');
            credentials.append(newline < 0 ? text : text.substring(0, newline));
            return CookieResult.OK;
        } catch (IOException e) {
            return CookieResult.ERROR;
        }
    }
}
