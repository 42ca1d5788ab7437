package org.btcnode.daemon.rpc;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Credentials as Core checks them, with Core's rpc_users.py vectors and lines from scripts/rpcauth. */
class RpcAuthTest {
    private static final Path REPO = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();

    /** user, rpcauth value, password per line of vectors/core/rpc_users.txt. */
    private static List<String[]> coreVectors() throws Exception {
        List<String[]> out = new ArrayList<>();
        try (InputStream in = RpcAuthTest.class.getResourceAsStream("/vectors/core/rpc_users.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.startsWith("#") && !line.isBlank()) {
                    out.add(line.split("\\|", -1));
                }
            }
        }
        return out;
    }

    @Test
    void coresRpcauthLinesAcceptTheirPasswordsOnly() throws Exception {
        List<String[]> vectors = coreVectors();
        assertThat(vectors).hasSize(2);
        List<String> lines = vectors.stream().map(v -> v[1]).toList();
        RpcAuth auth = RpcAuth.of(List.of(), lines, new SecureRandom());
        for (String[] v : vectors) {
            assertThat(auth.authenticate(RpcTestClient.basic(v[0], v[2]))).contains(v[0]);
            assertThat(auth.authenticate(RpcTestClient.basic(v[0], v[2] + "x"))).isEmpty();
            assertThat(auth.authenticate(RpcTestClient.basic(v[0] + "x", v[2]))).isEmpty();
        }
        // the password of one user does not open another's account
        assertThat(auth.authenticate(RpcTestClient.basic(vectors.get(0)[0], vectors.get(1)[2]))).isEmpty();
    }

    @Test
    void plainCredentialsAreHashedWithASaltAndMalformedHeadersFail() {
        RpcAuth auth = RpcAuth.of(List.<String[]>of(new String[] {"__cookie__", "ab".repeat(32)},
                new String[] {"alice", "pass:with:colons"}), List.of(), new SecureRandom());
        assertThat(auth.authenticate(RpcTestClient.basic("__cookie__", "ab".repeat(32)))).contains("__cookie__");
        assertThat(auth.authenticate(RpcTestClient.basic("alice", "pass:with:colons"))).contains("alice");
        assertThat(auth.authenticate("Basic  " + RpcTestClient.basic("alice", "pass:with:colons").substring(6) + " "))
                .as("whitespace around the base64 is trimmed, as Core's TrimStringView").contains("alice");
        assertThat(auth.authenticate("Bearer x")).isEmpty();
        assertThat(auth.authenticate("Basic %%%")).isEmpty();
        assertThat(auth.authenticate("Basic " + java.util.Base64.getEncoder().encodeToString("nocolon".getBytes())))
                .isEmpty();
        assertThat(RpcAuth.of(List.of(), List.of(), new SecureRandom()).isEmpty()).isTrue();
        assertThatThrownBy(() -> RpcAuth.of(List.of(), List.of("alice$salt:hash"), new SecureRandom()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theRpcauthScriptPrintsALineThatAuthenticates() throws Exception {
        Process p = new ProcessBuilder("python3", REPO.resolve("scripts/rpcauth").toString(), "carol", "s3cret")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        String[] lines = out.split("\n");
        assertThat(lines[0]).isEqualTo("String to be appended to bitcoin.conf:");
        assertThat(lines[1]).matches("rpcauth=carol:[0-9a-f]{32}\\$[0-9a-f]{64}");
        assertThat(lines[3]).isEqualTo("s3cret");
        RpcAuth auth = RpcAuth.of(List.of(), List.of(lines[1].substring("rpcauth=".length())), new SecureRandom());
        assertThat(auth.authenticate(RpcTestClient.basic("carol", "s3cret"))).contains("carol");
        assertThat(auth.authenticate(RpcTestClient.basic("carol", "s3cre"))).isEmpty();
    }
}
