package org.btcnode.daemon.rpc;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Who may call the RPC (Core's httprpc.cpp {@code g_rpcauth}, {@code RPCAuthorized},
 * {@code CheckUserAuthorized}): every credential is kept as {@code user, salt, HMAC-SHA256(salt,
 * password)}; the cookie and -rpcuser/-rpcpassword are hashed with a fresh random salt as Core
 * does, -rpcauth lines arrive hashed. A check decodes HTTP Basic, splits at the first colon and
 * compares user and hash in constant time. Immutable, thread-safe.
 */
public final class RpcAuth {
    /** The user name of the cookie credential (request.cpp COOKIEAUTH_USER). */
    public static final String COOKIE_USER = "__cookie__";

    private record Credential(byte[] user, String salt, byte[] hash) {}

    private final List<Credential> credentials;

    private RpcAuth(List<Credential> credentials) {
        this.credentials = List.copyOf(credentials);
    }

    /** Builds the table from plain user/password pairs (cookie, -rpcuser) and -rpcauth lines. */
    public static RpcAuth of(List<String[]> plainUserPasswords, List<String> rpcAuthLines, SecureRandom random) {
        List<Credential> out = new ArrayList<>();
        for (String[] userPassword : plainUserPasswords) {
            byte[] raw = new byte[16];
            random.nextBytes(raw);
            String salt = HexFormat.of().formatHex(raw);
            out.add(new Credential(utf8(userPassword[0]), salt, hmacHex(salt, userPassword[1])));
        }
        for (String line : rpcAuthLines) {
            Optional<String[]> fields = parseRpcAuth(line);
            if (fields.isEmpty()) {
                throw new IllegalArgumentException("Invalid -rpcauth argument.");
            }
            out.add(new Credential(utf8(fields.get()[0]), fields.get()[1], utf8(fields.get()[2])));
        }
        return new RpcAuth(out);
    }

    /** httprpc.cpp: {@code <user>:<salt>$<hash>}, exactly one colon and one dollar sign. */
    static Optional<String[]> parseRpcAuth(String line) {
        String[] fields = line.split(":", -1);
        if (fields.length != 2) {
            return Optional.empty();
        }
        String[] saltHash = fields[1].split("\\$", -1);
        if (saltHash.length != 2) {
            return Optional.empty();
        }
        return Optional.of(new String[] {fields[0], saltHash[0], saltHash[1]});
    }

    /** Whether any credential exists (with none, nothing is served). */
    public boolean isEmpty() {
        return credentials.isEmpty();
    }

    /** The authenticated user for an Authorization header value, empty when it does not authenticate. */
    public Optional<String> authenticate(String authorizationHeader) {
        if (!authorizationHeader.startsWith("Basic ")) {
            return Optional.empty();
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(authorizationHeader.substring(6).strip());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String userPass = new String(decoded, StandardCharsets.UTF_8);
        int colon = userPass.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        String user = userPass.substring(0, colon);
        String pass = userPass.substring(colon + 1);
        byte[] userBytes = utf8(user);
        boolean ok = false;
        for (Credential c : credentials) {
            // constant time per entry, and every entry is checked: the time says nothing about which matched
            boolean match = MessageDigest.isEqual(c.user(), userBytes)
                    & MessageDigest.isEqual(hmacHex(c.salt(), pass), c.hash());
            ok |= match;
        }
        return ok ? Optional.of(user) : Optional.empty();
    }

    /** Lower-case hex of HMAC-SHA256 keyed with the salt text, over the password (share/rpcauth/rpcauth.py). */
    static byte[] hmacHex(String salt, String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            // JCE refuses an empty key; HMAC pads keys with zeros to the 64-byte block, so 64 zeros are the same key
            byte[] key = salt.isEmpty() ? new byte[64] : utf8(salt);
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return utf8(HexFormat.of().formatHex(mac.doFinal(utf8(password))));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
