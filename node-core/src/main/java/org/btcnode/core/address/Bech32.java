package org.btcnode.core.address;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import org.btcnode.core.types.Bytes;

/**
 * Bech32 (BIP 173) and Bech32m (BIP 350) strings, after Core's bech32.cpp: a human-readable part,
 * the separator '1', 5-bit data values and a 6-character BCH checksum whose final constant tells
 * the two variants apart. {@link #locateErrors(String)} is Core's LocateErrors: why a string does
 * not decode and which characters are likely wrong (up to two substitutions found from the BCH
 * syndrome, see {@link Bech32ErrorLocator}). Stateless.
 */
public final class Bech32 {
    /** The two checksum variants. */
    public enum Encoding {
        /** BIP 173, constant 1: segwit version 0. */
        BECH32(1),
        /** BIP 350, constant 0x2bc830a3: segwit versions 1 to 16. */
        BECH32M(0x2bc830a3);

        private final int constant;

        Encoding(int constant) {
            this.constant = constant;
        }
    }

    /** A decoded string: its variant, lower-case prefix and 5-bit data values (checksum removed). */
    public record Decoded(Encoding encoding, String hrp, Bytes data) {
        public Decoded {
            Objects.requireNonNull(encoding, "encoding");
            Objects.requireNonNull(hrp, "hrp");
            Objects.requireNonNull(data, "data");
        }
    }

    /** bech32.h: CharLimit::BECH32, the longest string BIP 173 allows. */
    public static final int CHAR_LIMIT = 90;
    private static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private static final int CHECKSUM_SIZE = 6;
    private static final char SEPARATOR = '1';
    private static final int[] CHARSET_REV = new int[128];

    static {
        Arrays.fill(CHARSET_REV, -1);
        for (int i = 0; i < CHARSET.length(); i++) {
            CHARSET_REV[CHARSET.charAt(i)] = i;
            CHARSET_REV[Character.toUpperCase(CHARSET.charAt(i))] = i;
        }
    }

    private Bech32() {
    }

    /** bech32.cpp: Encode, lower case; {@code hrp} must be lower case. */
    public static String encode(Encoding encoding, String hrp, byte[] values) {
        if (!hrp.equals(hrp.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("hrp must be lower case: " + hrp);
        }
        int mod = polymod(hrp, values, new byte[CHECKSUM_SIZE]) ^ encoding.constant;
        StringBuilder sb = new StringBuilder(hrp.length() + 1 + values.length + CHECKSUM_SIZE);
        sb.append(hrp).append(SEPARATOR);
        for (byte v : values) {
            sb.append(CHARSET.charAt(v));
        }
        for (int i = 0; i < CHECKSUM_SIZE; i++) {
            sb.append(CHARSET.charAt((mod >>> (5 * (5 - i))) & 31));
        }
        return sb.toString();
    }

    /** Why a string does not decode: Core's message and the indices of the likely wrong characters. */
    public record DecodeError(String message, List<Integer> locations) {
        public DecodeError {
            Objects.requireNonNull(message, "message");
            locations = List.copyOf(locations);
        }
    }

    /** bech32.cpp: Decode, empty if the string is not valid Bech32 or Bech32m of at most 90 characters. */
    public static Optional<Decoded> decode(String str) {
        return locateErrors(str).isEmpty() ? Optional.of(decodeValid(str)) : Optional.empty();
    }

    /**
     * bech32.cpp: LocateErrors, empty if {@code str} decodes. Otherwise Core's message ("Bech32
     * string too long", "Invalid character or mixed case", "Missing separator", "Invalid separator
     * position", "Invalid Base 32 character", "Invalid Bech32 checksum", "Invalid Bech32m checksum",
     * "Invalid checksum") and the positions it blames: the characters past the limit, the bad or
     * wrong-case characters, the separator, the first bad data character, or up to two
     * substitutions that would make the checksum of either variant valid (none if there is no
     * such correction: "Invalid checksum").
     */
    public static Optional<DecodeError> locateErrors(String str) {
        if (str.length() > CHAR_LIMIT) {
            List<Integer> over = new ArrayList<>();
            for (int i = CHAR_LIMIT; i < str.length(); i++) {
                over.add(i);
            }
            return error("Bech32 string too long", over);
        }
        List<Integer> bad = badCharacters(str);
        if (!bad.isEmpty()) {
            return error("Invalid character or mixed case", bad);
        }
        int pos = str.lastIndexOf(SEPARATOR);
        if (pos < 0) {
            return error("Missing separator", List.of());
        }
        if (pos == 0 || pos + CHECKSUM_SIZE >= str.length()) {
            return error("Invalid separator position", List.of(pos));
        }
        for (int i = pos + 1; i < str.length(); i++) {
            if (CHARSET_REV[str.charAt(i)] < 0) {
                return error("Invalid Base 32 character", List.of(i));
            }
        }
        String hrp = str.substring(0, pos).toLowerCase(Locale.ROOT);
        int mod = polymod(hrp, values(str, pos), new byte[0]);
        List<Integer> fewest = List.of();
        Encoding blamed = null;
        for (Encoding e : Encoding.values()) {
            int residue = mod ^ e.constant;
            if (residue == 0) {
                return Optional.empty();
            }
            List<Integer> found = Bech32ErrorLocator.locate(residue, str.length(), str.length() - 1 - pos);
            // Core keeps the first variant's guess unless the other blames fewer characters.
            if (fewest.isEmpty() || (!found.isEmpty() && found.size() < fewest.size())) {
                fewest = found;
                blamed = found.isEmpty() ? blamed : e;
            }
        }
        String message = blamed == Encoding.BECH32M ? "Invalid Bech32m checksum"
                : blamed == Encoding.BECH32 ? "Invalid Bech32 checksum" : "Invalid checksum";
        return error(message, fewest);
    }

    private static Optional<DecodeError> error(String message, List<Integer> locations) {
        return Optional.of(new DecodeError(message, locations));
    }

    /**
     * bech32.cpp: CheckCharacters, the positions of characters outside 33..126 and of letters whose
     * case differs from the first letter's.
     */
    private static List<Integer> badCharacters(String str) {
        List<Integer> bad = new ArrayList<>();
        boolean lower = false;
        boolean upper = false;
        for (int i = 0; i < str.length(); i++) {
            char c = str.charAt(i);
            if (c >= 'a' && c <= 'z') {
                if (upper) {
                    bad.add(i);
                } else {
                    lower = true;
                }
            } else if (c >= 'A' && c <= 'Z') {
                if (lower) {
                    bad.add(i);
                } else {
                    upper = true;
                }
            } else if (c < 33 || c > 126) {
                bad.add(i);
            }
        }
        return bad;
    }

    private static Decoded decodeValid(String str) {
        int pos = str.lastIndexOf(SEPARATOR);
        String hrp = str.substring(0, pos).toLowerCase(Locale.ROOT);
        byte[] values = values(str, pos);
        return new Decoded(checksumEncoding(str, pos), hrp, Bytes.of(values, 0, values.length - CHECKSUM_SIZE));
    }

    private static Encoding checksumEncoding(String str, int pos) {
        String hrp = str.substring(0, pos).toLowerCase(Locale.ROOT);
        int mod = polymod(hrp, values(str, pos), new byte[0]);
        for (Encoding e : Encoding.values()) {
            if (mod == e.constant) {
                return e;
            }
        }
        return null;
    }

    private static byte[] values(String str, int pos) {
        byte[] values = new byte[str.length() - 1 - pos];
        for (int i = 0; i < values.length; i++) {
            values[i] = (byte) CHARSET_REV[str.charAt(pos + 1 + i)];
        }
        return values;
    }

    /** bech32.cpp: PolyMod over the expanded prefix, the values and {@code tail}. */
    static int polymod(String hrp, byte[] values, byte[] tail) {
        int c = 1;
        for (int i = 0; i < hrp.length(); i++) {
            c = polymodStep(c, hrp.charAt(i) >> 5);
        }
        c = polymodStep(c, 0);
        for (int i = 0; i < hrp.length(); i++) {
            c = polymodStep(c, hrp.charAt(i) & 31);
        }
        for (byte v : values) {
            c = polymodStep(c, v);
        }
        for (byte v : tail) {
            c = polymodStep(c, v);
        }
        return c;
    }

    private static int polymodStep(int c, int value) {
        int c0 = c >>> 25;
        c = ((c & 0x1ffffff) << 5) ^ value;
        if ((c0 & 1) != 0) c ^= 0x3b6a57b2;
        if ((c0 & 2) != 0) c ^= 0x26508e6d;
        if ((c0 & 4) != 0) c ^= 0x1ea119fa;
        if ((c0 & 8) != 0) c ^= 0x3d4233dd;
        if ((c0 & 16) != 0) c ^= 0x2a1462b3;
        return c;
    }

    /**
     * util/strencodings.h: ConvertBits, regrouping {@code fromBits}-bit values into
     * {@code toBits}-bit ones. With {@code pad}, a partial last group is zero-padded; without,
     * leftover bits must be fewer than {@code fromBits} and zero, else empty.
     */
    public static Optional<byte[]> convertBits(byte[] in, int fromBits, int toBits, boolean pad) {
        int acc = 0;
        int bits = 0;
        int maxValue = (1 << toBits) - 1;
        int maxAcc = (1 << (fromBits + toBits - 1)) - 1;
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length * fromBits / toBits + 1);
        for (byte b : in) {
            int value = b & 0xff;
            acc = ((acc << fromBits) | value) & maxAcc;
            bits += fromBits;
            while (bits >= toBits) {
                bits -= toBits;
                out.write((acc >>> bits) & maxValue);
            }
        }
        if (pad) {
            if (bits > 0) {
                out.write((acc << (toBits - bits)) & maxValue);
            }
        } else if (bits >= fromBits || ((acc << (toBits - bits)) & maxValue) != 0) {
            return Optional.empty();
        }
        return Optional.of(out.toByteArray());
    }
}
