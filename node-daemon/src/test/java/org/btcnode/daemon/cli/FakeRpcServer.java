package org.btcnode.daemon.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A Core-compatible JSON-RPC endpoint on 127.0.0.1 for the CLI tests: POST "/", HTTP Basic auth
 * (401 with an empty body otherwise, as Core), single and batch requests, JSON-RPC 2.0 replies
 * with the result text verbatim from a fixture, -32601 "Method not found" for anything else.
 */
final class FakeRpcServer implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final HttpServer server;
    private final String credentials;
    private final Map<String, String> results = new ConcurrentHashMap<>();
    private final Map<String, String> errors = new ConcurrentHashMap<>();
    /** When set (not 0), every authorized request gets this HTTP status and {@link #statusBody}. */
    volatile int status;
    volatile String statusBody = "";
    /** Every request body received, in order. */
    final List<JsonNode> requests = new CopyOnWriteArrayList<>();

    private FakeRpcServer(HttpServer server, String credentials) {
        this.server = server;
        this.credentials = credentials;
    }

    /** Listens on {@code port} (0 = any free one) and accepts only {@code user:password}. */
    static FakeRpcServer start(int port, String credentials) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        FakeRpcServer fake = new FakeRpcServer(http, credentials);
        http.createContext("/", fake::handle);
        http.start();
        return fake;
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** {@code method} answers with this JSON text as its result. */
    FakeRpcServer result(String method, String json) {
        results.put(method, json);
        return this;
    }

    /** {@code method} answers with this JSON-RPC error object. */
    FakeRpcServer error(String method, String errorJson) {
        errors.put(method, errorJson);
        return this;
    }

    FakeRpcServer resultFromFixture(String method, String fixture) {
        try {
            return result(method, Files.readString(fixture(fixture)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path fixture(String name) {
        try {
            return Path.of(FakeRpcServer.class.getResource("/vectors/core-rpc/" + name).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            String expected = "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
            if (!"POST".equals(exchange.getRequestMethod()) || !expected.equals(auth)) {
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            if (status != 0) {
                byte[] bytes = statusBody.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
                exchange.getResponseBody().write(bytes);
                return;
            }
            JsonNode request = MAPPER.readTree(body);
            requests.add(request);
            String reply;
            if (request.isArray()) {
                StringBuilder out = new StringBuilder("[");
                for (JsonNode r : request) {
                    out.append(out.length() > 1 ? "," : "").append(answer(r));
                }
                reply = out.append("]").toString();
            } else {
                reply = answer(request);
            }
            byte[] bytes = (reply + "\n").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    private String answer(JsonNode request) {
        String method = request.path("method").asText();
        String id = request.path("id").toString();
        if (results.containsKey(method)) {
            return "{\"jsonrpc\":\"2.0\",\"result\":" + results.get(method) + ",\"id\":" + id + "}";
        }
        String error = errors.getOrDefault(method, "{\"code\":-32601,\"message\":\"Method not found\"}");
        return "{\"jsonrpc\":\"2.0\",\"error\":" + error + ",\"id\":" + id + "}";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
