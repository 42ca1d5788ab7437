package org.btcnode.core.log;

/**
 * Makes strings a peer sent us (user agents, reject reasons, addresses) safe to put in a log line,
 * as Core's {@code SanitizeString} ({@code util/strencodings.cpp}) does: every character outside
 * the chosen safe set is removed. Stateless.
 */
public final class LogText {
    private static final String CHARS_ALPHA_NUM =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /** Core's {@code SafeChars}: which characters survive. */
    public enum SafeChars {
        /** SAFE_CHARS_DEFAULT: the default for log output. */
        DEFAULT(CHARS_ALPHA_NUM + " .,;-_/:?@()"),
        /** SAFE_CHARS_UA_COMMENT: BIP 14 user-agent comments. */
        UA_COMMENT(CHARS_ALPHA_NUM + " .,;-_?@"),
        /** SAFE_CHARS_FILENAME: file names. */
        FILENAME(CHARS_ALPHA_NUM + ".-_"),
        /** SAFE_CHARS_URI: characters allowed in a URI (RFC 3986). */
        URI(CHARS_ALPHA_NUM + "!*'();:@&=+$,/?#[]-_.~%");

        private final String allowed;

        SafeChars(String allowed) {
            this.allowed = allowed;
        }

        boolean allows(char c) {
            return allowed.indexOf(c) >= 0;
        }
    }

    private LogText() {
    }

    /** Removes every character not in {@link SafeChars#DEFAULT}. {@code null} becomes "". */
    public static String sanitize(String text) {
        return sanitize(text, SafeChars.DEFAULT);
    }

    /** Removes every character not in {@code rule}'s set. {@code null} becomes "". */
    public static String sanitize(String text, SafeChars rule) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (rule.allows(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }
}
