package org.btcnode.daemon.rpc;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Request bodies to replies without HTTP (Core's httprpc.cpp/request.cpp rules): reply shapes
 * per version, HTTP statuses of 1.0 errors, the "jsonrpc" field, notifications, batches,
 * warm-up, named parameters and argument checks of {@link RpcTable}.
 */
class HttpRpcTest {
    private final RpcTable table = new RpcTable();
    private final HttpRpc rpc = new HttpRpc(table);

    HttpRpcTest() {
        table.register(new RpcMethod("echo", "test", "Returns its arguments.",
                List.of(RpcArg.required("a", RpcArg.Type.NUM, "first"), RpcArg.optional("b", RpcArg.Type.STR, "second"),
                        RpcArg.optional("c", RpcArg.Type.BOOL, "third")),
                p -> {
                    var out = Json.array();
                    for (int i = 0; i < p.size(); i++) {
                        out.add(p.get(i));
                    }
                    return out;
                }));
        table.register(new RpcMethod("boom", "test", "Fails like a C++ std::exception.", List.of(), p -> {
            throw new IllegalStateException("it broke");
        }));
        table.setWarmupFinished();
    }

    private JsonNode body(HttpRpc.Reply r) {
        return r.body().orElseThrow();
    }

    @Test
    void version1RepliesCarryResultAndErrorAndMapErrorsToHttpStatuses() {
        HttpRpc.Reply ok = rpc.execute("{\"id\":7,\"method\":\"echo\",\"params\":[1]}", "u");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(Json.write(body(ok))).isEqualTo("{\"result\":[1],\"error\":null,\"id\":7}");

        HttpRpc.Reply misc = rpc.execute("{\"id\":7,\"method\":\"boom\"}", "u");
        assertThat(misc.status()).isEqualTo(500);
        assertThat(Json.write(body(misc))).isEqualTo("{\"result\":null,\"error\":{\"code\":-1,\"message\":\"it broke\"},\"id\":7}");
        assertThat(rpc.execute("{\"id\":1,\"method\":\"nope\"}", "u").status()).isEqualTo(404);
        assertThat(rpc.execute("{\"id\":1}", "u").status()).isEqualTo(400);
        assertThat(rpc.execute("{\"id\":1,\"method\":5}", "u").body().orElseThrow().get("error").get("message").asText())
                .isEqualTo("Method must be a string");
        assertThat(rpc.execute("{\"id\":1,\"method\":\"echo\",\"params\":5}", "u").body().orElseThrow().get("error")
                .get("message").asText()).isEqualTo("Params must be an array or object");
        // {"jsonrpc": "1.0"} is legacy, as some old documentation wrote it
        assertThat(body(rpc.execute("{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"echo\",\"params\":[1]}", "u")).has("error"))
                .isTrue();
    }

    @Test
    void version2RepliesCarryOnlyOneOfResultAndErrorInsideHttp200() {
        HttpRpc.Reply ok = rpc.execute("{\"jsonrpc\":\"2.0\",\"id\":\"x\",\"method\":\"echo\",\"params\":[1]}", "u");
        assertThat(Json.write(body(ok))).isEqualTo("{\"jsonrpc\":\"2.0\",\"result\":[1],\"id\":\"x\"}");
        HttpRpc.Reply error = rpc.execute("{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"boom\"}", "u");
        assertThat(error.status()).isEqualTo(200);
        assertThat(Json.write(body(error)))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-1,\"message\":\"it broke\"},\"id\":null}");
        // a notification is executed but not answered, even when it fails
        assertThat(rpc.execute("{\"jsonrpc\":\"2.0\",\"method\":\"boom\"}", "u").status()).isEqualTo(204);
        HttpRpc.Reply badVersion = rpc.execute("{\"jsonrpc\":\"3.0\",\"id\":1,\"method\":\"echo\"}", "u");
        assertThat(badVersion.status()).isEqualTo(400);
        assertThat(body(badVersion).get("error").get("message").asText()).isEqualTo("JSON-RPC version not supported");
        assertThat(body(rpc.execute("{\"jsonrpc\":2,\"id\":1,\"method\":\"echo\"}", "u")).get("error").get("message")
                .asText()).isEqualTo("jsonrpc field must be a string");
    }

    @Test
    void namedParametersFillHolesWithNullAndTakeLeadingPositionalArgs() {
        assertThat(Json.write(body(rpc.execute("{\"id\":1,\"method\":\"echo\",\"params\":{\"c\":true,\"a\":2}}", "u"))
                .get("result"))).isEqualTo("[2,null,true]");
        assertThat(Json.write(body(rpc.execute("{\"id\":1,\"method\":\"echo\",\"params\":{\"args\":[3],\"b\":\"s\"}}",
                "u")).get("result"))).isEqualTo("[3,\"s\"]");
        assertThat(body(rpc.execute("{\"id\":1,\"method\":\"echo\",\"params\":{\"args\":[3],\"a\":4}}", "u"))
                .get("error").get("message").asText())
                .isEqualTo("Parameter a specified twice both as positional and named argument");
        assertThat(body(rpc.execute("{\"id\":1,\"method\":\"echo\",\"params\":{\"a\":1,\"z\":1}}", "u"))
                .get("error").get("code").asInt()).isEqualTo(-8);
    }

    @Test
    void argumentCountAndTypesAreCheckedBeforeTheHandler() {
        JsonNode missing = body(rpc.execute("{\"id\":1,\"method\":\"echo\",\"params\":[]}", "u")).get("error");
        assertThat(missing.get("code").asInt()).isEqualTo(-1);
        assertThat(missing.get("message").asText()).startsWith("echo a ( \"b\" c )\n\nReturns its arguments.");
        assertThat(body(rpc.execute("{\"id\":1,\"method\":\"echo\",\"params\":[1,\"s\",true,4]}", "u")).get("error")
                .get("code").asInt()).isEqualTo(-1);
        JsonNode types = body(rpc.execute("{\"id\":1,\"method\":\"echo\",\"params\":[\"1\",2]}", "u")).get("error");
        assertThat(types.get("code").asInt()).isEqualTo(-3);
        assertThat(types.get("message").asText()).isEqualTo("Wrong type passed:\n{\n"
                + "    \"Position 1 (a)\": \"JSON value of type string is not of expected type number\",\n"
                + "    \"Position 2 (b)\": \"JSON value of type number is not of expected type string\"\n}");
        assertThat(body(rpc.execute("{\"id\":1,\"method\":\"echo\",\"params\":[null]}", "u")).get("error").get("code")
                .asInt()).as("a required argument may not be null").isEqualTo(-3);
    }

    @Test
    void batchesAnswerEachRequestInHttp200AndSkipNotifications() {
        HttpRpc.Reply batch = rpc.execute("[{\"id\":1,\"method\":\"echo\",\"params\":[1]},"
                + "{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":[1]},"
                + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"boom\"}, [], {\"id\":3,\"method\":\"nope\"}]", "u");
        assertThat(batch.status()).isEqualTo(200);
        JsonNode replies = body(batch);
        assertThat(replies).hasSize(4);
        assertThat(replies.get(0).get("result").get(0).asInt()).isEqualTo(1);
        assertThat(replies.get(1).get("error").get("code").asInt()).isEqualTo(-1);
        assertThat(replies.get(2).get("error").get("code").asInt()).isEqualTo(-32600);
        assertThat(replies.get(3).get("error").get("code").asInt()).isEqualTo(-32601);
        assertThat(rpc.execute("[{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":[1]}]", "u").status()).isEqualTo(204);
        assertThat(Json.write(body(rpc.execute("[]", "u")))).isEqualTo("[]");
    }

    @Test
    void parseErrorsAndWarmup() {
        HttpRpc.Reply parse = rpc.execute("{\"id\":1,\"method\":\"echo\"} trailing", "u");
        assertThat(parse.status()).isEqualTo(500);
        assertThat(Json.write(body(parse)))
                .isEqualTo("{\"result\":null,\"error\":{\"code\":-32700,\"message\":\"Parse error\"},\"id\":null}");
        assertThat(rpc.execute("", "u").status()).isEqualTo(500);
        assertThat(body(rpc.execute("\"text\"", "u")).get("error").get("message").asText())
                .isEqualTo("Top-level object parse error");

        table.setWarmupStatus("Loading block index...");
        JsonNode warm = body(rpc.execute("{\"id\":1,\"method\":\"echo\",\"params\":[1]}", "u")).get("error");
        assertThat(warm.get("code").asInt()).isEqualTo(-28);
        assertThat(warm.get("message").asText()).isEqualTo("Loading block index...");
        table.setWarmupFinished();
    }
}
