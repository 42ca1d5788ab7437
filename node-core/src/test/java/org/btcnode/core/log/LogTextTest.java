package org.btcnode.core.log;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LogTextTest {
    @Test
    void keepsARealUserAgent() {
        assertThat(LogText.sanitize("/Satoshi:27.1.0/")).isEqualTo("/Satoshi:27.1.0/");
        assertThat(LogText.sanitize("/btcd:0.24.2/bitcoinj:0.17(Android; 14)/"))
                .isEqualTo("/btcd:0.24.2/bitcoinj:0.17(Android; 14)/");
    }

    @Test
    void dropsTerminalControlNewlinesAndNonAscii() {
        // a peer trying to forge a log line and recolour the terminal
        String hostile = "/evil:1.0/\n2026-11-25T10:00:00Z [net] fake\u001b[31m\u0000\u00e9\u202e";
        assertThat(LogText.sanitize(hostile)).isEqualTo("/evil:1.0/2026-11-25T10:00:00Z net fake31m");
    }

    @Test
    void otherRulesUseCoresOtherSafeSets() {
        assertThat(LogText.sanitize("a b/c(d)", LogText.SafeChars.UA_COMMENT)).isEqualTo("a bcd");
        assertThat(LogText.sanitize("../x y.dat", LogText.SafeChars.FILENAME)).isEqualTo("..xy.dat");
        assertThat(LogText.sanitize("http://h/p?q=1#f <x>", LogText.SafeChars.URI)).isEqualTo("http://h/p?q=1#fx");
        assertThat(LogText.sanitize(null)).isEmpty();
    }
}
