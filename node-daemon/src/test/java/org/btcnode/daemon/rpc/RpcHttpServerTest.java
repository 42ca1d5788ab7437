package org.btcnode.daemon.rpc;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import org.btcnode.core.store.Subnet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The RPC server over real HTTP on 127.0.0.1: where a reply's JSON is encoded (on a worker, not on
 * the one event-loop thread every connection shares) and that the bytes on the wire are the JSON
 * text plus a newline, UTF-8, with a matching Content-Length.
 */
class RpcHttpServerTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final RpcTable table = new RpcTable();
    private final CountDownLatch encoding = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private RpcHttpServer server;
    private RpcTestClient client;

    /** A result whose encoding runs {@code body} on whichever thread encodes it. */
    private static JsonNode encodedBy(Encoder body) {
        return new POJONode(new JsonSerializable.Base() {
            @Override
            public void serialize(JsonGenerator gen, SerializerProvider serializers) throws IOException {
                body.encode(gen);
            }

            @Override
            public void serializeWithType(JsonGenerator gen, SerializerProvider serializers, TypeSerializer typeSer)
                    throws IOException {
                serialize(gen, serializers);
            }
        });
    }

    @FunctionalInterface
    private interface Encoder {
        void encode(JsonGenerator gen) throws IOException;
    }

    @BeforeEach
    void start() throws IOException {
        table.register(new RpcMethod("encodingthread", "test", "The name of the thread that encodes this reply.",
                List.of(), p -> encodedBy(gen -> gen.writeString(Thread.currentThread().getName()))));
        table.register(new RpcMethod("slowencoding", "test", "A reply whose encoding waits for the test.", List.of(),
                p -> encodedBy(gen -> {
                    encoding.countDown();
                    try {
                        if (!release.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                            throw new IOException("the test never released the encoding");
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException(e);
                    }
                    gen.writeString("done");
                })));
        table.register(new RpcMethod("one", "test", "1", List.of(), p -> Json.number(1)));
        table.register(new RpcMethod("big", "test", "3,000 objects with non-ASCII text.", List.of(), p -> big()));
        table.register(new RpcMethod("broken", "test", "A reply whose encoding fails.", List.of(),
                p -> encodedBy(gen -> {
                    throw new IOException("cannot encode");
                })));
        table.setWarmupFinished();
        server = RpcHttpServer.start(new RpcHttpServer.Setup(
                List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)),
                List.of(Subnet.parse("127.0.0.0/8").orElseThrow()),
                RpcAuth.of(List.<String[]>of(new String[] {"user", "secret"}), List.of(), new SecureRandom()),
                new HttpRpc(table), 2, 16, Duration.ofMillis(1)));
        client = new RpcTestClient(server.boundAddresses().get(0), "user", "secret");
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.close();
    }

    private static ArrayNode big() {
        ArrayNode a = Json.array();
        for (int i = 0; i < 3_000; i++) {
            ObjectNode o = Json.object();
            o.put("id", i);
            o.put("subver", "/Grüße €" + i + " \uD834\uDD1E/");   // 2-, 3- and 4-byte UTF-8
            o.put("quote", "\"\\\n");
            a.add(o);
        }
        return a;
    }

    @Test
    void encodesTheReplyOnAWorkerThread() {
        assertThat(client.result("encodingthread", "[]").asText()).startsWith("btcnode-httpworker.");
    }

    @Test
    void aReplyBeingEncodedDoesNotHoldUpOtherConnections() throws Exception {
        CompletableFuture<RpcTestClient.Reply> slow = client.postAsync(
                "{\"jsonrpc\":\"1.0\",\"id\":\"slow\",\"method\":\"slowencoding\",\"params\":[]}");
        assertThat(encoding.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).as("slow reply being encoded").isTrue();

        // a second connection is read, run and answered while the first reply is still being encoded
        RpcTestClient.Reply fast = client.postAsync("{\"jsonrpc\":\"1.0\",\"id\":\"t\",\"method\":\"one\",\"params\":[]}")
                .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(fast.result().asInt()).isEqualTo(1);
        assertThat(slow).isNotDone();

        release.countDown();
        assertThat(slow.get(WAIT.toMillis(), TimeUnit.MILLISECONDS).result().asText()).isEqualTo("done");
    }

    @Test
    void aLargeReplyIsTheJsonTextAndANewlineInUtf8() {
        String expected = "{\"result\":" + Json.write(big()) + ",\"error\":null,\"id\":\"t\"}\n";
        for (int i = 0; i < 2; i++) {                   // twice: the keep-alive connection is reused
            RpcTestClient.Reply r = client.call("big", "[]");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.response().headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(r.response().headers().firstValueAsLong("Content-Length"))
                    .hasValue(expected.getBytes(StandardCharsets.UTF_8).length);
            assertThat(r.body()).isEqualTo(expected);
            assertThat(r.result()).isEqualTo(big());
        }
    }

    @Test
    void aReplyThatCannotBeEncodedIsAnEmpty500AndTheServerCarriesOn() {
        RpcTestClient.Reply r = client.call("broken", "[]");
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.body()).isEmpty();
        assertThat(client.result("one", "[]").asInt()).isEqualTo(1);
    }
}
