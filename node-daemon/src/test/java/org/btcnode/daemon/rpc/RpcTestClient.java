package org.btcnode.daemon.rpc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A JSON-RPC client over real HTTP for tests: Basic credentials, raw bodies, parsed replies. */
public final class RpcTestClient {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final URI uri;
    private final Optional<String> authorization;

    /** One HTTP answer. */
    public record Reply(int status, String body, HttpResponse<String> response) {
        public JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The result of a successful 1.0 reply (error null). */
        public JsonNode result() {
            JsonNode j = json();
            if (!j.get("error").isNull()) {
                throw new AssertionError("RPC error: " + j.get("error"));
            }
            return j.get("result");
        }
    }

    public RpcTestClient(InetSocketAddress server, String user, String password) {
        this(server, Optional.of(basic(user, password)));
    }

    public RpcTestClient(InetSocketAddress server, Optional<String> authorization) {
        this.uri = URI.create("http://" + server.getAddress().getHostAddress() + ":" + server.getPort() + "/");
        this.authorization = authorization;
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public URI uri() {
        return uri;
    }

    /** A 1.0 call with positional params given as JSON text, e.g. {@code call("getblockhash", "[0]")}. */
    public Reply call(String method, String params) {
        return post("{\"jsonrpc\":\"1.0\",\"id\":\"t\",\"method\":\"" + method + "\",\"params\":" + params + "}");
    }

    public JsonNode result(String method, String params) {
        Reply r = call(method, params);
        if (r.status() != 200) {
            throw new AssertionError(method + " " + params + ": HTTP " + r.status() + " " + r.body());
        }
        return r.result();
    }

    public Reply post(String body) {
        try {
            return postAsync(body).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public CompletableFuture<Reply> postAsync(String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
        authorization.ifPresent(a -> b.header("Authorization", a));
        return http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString())
                .thenApply(r -> new Reply(r.statusCode(), r.body(), r));
    }

    public Reply get() {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET();
        authorization.ifPresent(a -> b.header("Authorization", a));
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body(), r);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
