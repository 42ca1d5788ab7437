package org.btcnode.core.address;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;

import org.btcnode.crypto.hash.Sha256;

/**
 * Base58 and Base58Check (base58.cpp): Bitcoin's alphabet without 0, O, I and l, leading zero
 * bytes as leading '1's, and for Base58Check a 4-byte SHA-256d checksum appended. Stateless.
 */
public final class Base58 {
    private static final String ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final int[] INDEXES = new int[128];
    private static final BigInteger FIFTY_EIGHT = BigInteger.valueOf(58);
    private static final int CHECKSUM_SIZE = 4;

    static {
        Arrays.fill(INDEXES, -1);
        for (int i = 0; i < ALPHABET.length(); i++) {
            INDEXES[ALPHABET.charAt(i)] = i;
        }
    }

    private Base58() {
    }

    /** base58.cpp: EncodeBase58. */
    public static String encode(byte[] data) {
        int zeros = 0;
        while (zeros < data.length && data[zeros] == 0) {
            zeros++;
        }
        StringBuilder sb = new StringBuilder();
        BigInteger n = new BigInteger(1, data);
        while (n.signum() > 0) {
            BigInteger[] qr = n.divideAndRemainder(FIFTY_EIGHT);
            sb.append(ALPHABET.charAt(qr[1].intValue()));
            n = qr[0];
        }
        sb.append("1".repeat(zeros));
        return sb.reverse().toString();
    }

    /**
     * base58.cpp: DecodeBase58. Leading and trailing ASCII whitespace is skipped as Core does;
     * empty if a character is outside the alphabet or the result would exceed {@code maxLength}.
     */
    public static Optional<byte[]> decode(String text, int maxLength) {
        String s = stripSpaces(text);
        int zeros = 0;
        while (zeros < s.length() && s.charAt(zeros) == '1') {
            zeros++;
        }
        if (zeros > maxLength) {
            return Optional.empty();
        }
        BigInteger n = BigInteger.ZERO;
        for (int i = zeros; i < s.length(); i++) {
            char c = s.charAt(i);
            int digit = c < 128 ? INDEXES[c] : -1;
            if (digit < 0) {
                return Optional.empty();
            }
            n = n.multiply(FIFTY_EIGHT).add(BigInteger.valueOf(digit));
            // Core bounds its work the same way: give up once the number has more bytes than allowed.
            if ((n.bitLength() + 7) / 8 + zeros > maxLength) {
                return Optional.empty();
            }
        }
        byte[] magnitude = n.signum() == 0 ? new byte[0] : unsigned(n);
        byte[] out = new byte[zeros + magnitude.length];
        System.arraycopy(magnitude, 0, out, zeros, magnitude.length);
        return Optional.of(out);
    }

    /** base58.cpp: EncodeBase58Check, the data then the first 4 bytes of its SHA-256d. */
    public static String encodeCheck(byte[] payload) {
        byte[] withChecksum = Arrays.copyOf(payload, payload.length + CHECKSUM_SIZE);
        System.arraycopy(Sha256.hashTwice(payload), 0, withChecksum, payload.length, CHECKSUM_SIZE);
        return encode(withChecksum);
    }

    /**
     * base58.cpp: DecodeBase58Check, the payload of at most {@code maxPayloadLength} bytes, or empty
     * if the text is not Base58, too long, or its checksum does not match.
     */
    public static Optional<byte[]> decodeCheck(String text, int maxPayloadLength) {
        int limit = maxPayloadLength > Integer.MAX_VALUE - CHECKSUM_SIZE ? Integer.MAX_VALUE
                : maxPayloadLength + CHECKSUM_SIZE;
        Optional<byte[]> decoded = decode(text, limit);
        if (decoded.isEmpty() || decoded.get().length < CHECKSUM_SIZE) {
            return Optional.empty();
        }
        byte[] all = decoded.get();
        byte[] payload = Arrays.copyOf(all, all.length - CHECKSUM_SIZE);
        byte[] hash = Sha256.hashTwice(payload);
        if (!Arrays.equals(hash, 0, CHECKSUM_SIZE, all, payload.length, all.length)) {
            return Optional.empty();
        }
        return Optional.of(payload);
    }

    private static byte[] unsigned(BigInteger n) {
        byte[] b = n.toByteArray();
        return b[0] == 0 ? Arrays.copyOfRange(b, 1, b.length) : b;
    }

    /** util/strencodings.h IsSpace: space, \f, \n, \r, \t, \v. */
    private static String stripSpaces(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\f' || c == '\n' || c == '\r' || c == '\t' || c == 0x0b;
    }
}
