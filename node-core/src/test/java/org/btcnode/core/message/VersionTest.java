package org.btcnode.core.message;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.btcnode.core.wire.WireFormatException.Kind.TRUNCATED;

/** version's optional trailing fields, read only while bytes remain, as net_processing.cpp does. */
class VersionTest {
    private static final byte[] FULL = TestVectors.annotatedHex("developer-reference/version.txt");
    /** version, services, time and addrTo: what every peer must send. */
    private static final int MANDATORY = 4 + 8 + 8 + 26;

    private static Version decode(byte[] payload) {
        return (Version) Messages.decode("version", payload);
    }

    @Test
    void missingOptionalFieldsTakeCoresDefaults() {
        Version v = decode(TestVectors.prefix(FULL, MANDATORY));
        assertThat(v.version()).isEqualTo(new ProtocolVersion(70002));
        assertThat(v.addrTo().address()).isEqualTo(NetAddress.ipv4(198, 27, 100, 9));
        assertThat(v.addrFrom()).isEqualTo(Version.Endpoint.NONE);
        assertThat(v.nonce()).isEqualTo(Version.DEFAULT_NONCE);
        assertThat(v.userAgent()).isEmpty();
        assertThat(v.startingHeight()).isEqualTo(Version.DEFAULT_STARTING_HEIGHT);
        assertThat(v.relay()).isTrue();

        Version withNonce = decode(TestVectors.prefix(FULL, MANDATORY + 26 + 8));
        assertThat(withNonce.nonce()).isEqualTo(0xf85379c9cb358012L);
        assertThat(withNonce.userAgent()).isEmpty();

        Version noRelay = decode(TestVectors.prefix(FULL, FULL.length - 1));
        assertThat(noRelay.startingHeight()).isEqualTo(329167);
        assertThat(noRelay.relay()).isTrue();
        // encoding always writes every field
        assertThat(Messages.encode(noRelay)).isEqualTo(FULL);
    }

    @Test
    void addrFromAndNonceAreOneGroupAsInCore() {
        // Core skips 26 bytes and reads the nonce in one go: part of the group is a short read
        TestVectors.assertFails(TRUNCATED, () -> decode(TestVectors.prefix(FULL, MANDATORY + 26)));
        TestVectors.assertFails(TRUNCATED, () -> decode(TestVectors.prefix(FULL, MANDATORY + 30)));
    }

    @Test
    void relayIsAnyNonZeroByte() {
        byte[] payload = FULL.clone();
        payload[payload.length - 1] = 2;
        assertThat(decode(payload).relay()).isTrue();
        payload[payload.length - 1] = 0;
        assertThat(decode(payload).relay()).isFalse();
    }

    @Test
    void malformedUtf8InTheUserAgentBecomesQuestionMarksAndNeverGrows() {
        byte[] payload = TestVectors.hex(TestVectors.toHex(TestVectors.prefix(FULL, MANDATORY + 34)), "04", "fffe41c3",
                "00000000", "01");
        Version v = decode(payload);
        assertThat(v.userAgent()).isEqualTo("??A?");
        assertThat(TestVectors.toHex(Messages.encode(v))).contains("043f3f413f");

        String worst = "ff".repeat(Version.MAX_SUBVERSION_LENGTH);
        byte[] longest = TestVectors.hex(TestVectors.toHex(TestVectors.prefix(FULL, MANDATORY + 34)), "fd0001", worst);
        assertThat(decode(longest).userAgent()).hasSize(Version.MAX_SUBVERSION_LENGTH).matches("\\?+");
    }

    @Test
    void anOnionCatAddressReadsAsTheUnspecifiedAddressAsCoreZeroesIt() {
        byte[] payload = FULL.clone();
        byte[] onionCat = TestVectors.hex("fd87d87eeb430102030405060708090a");
        System.arraycopy(onionCat, 0, payload, 4 + 8 + 8 + 8, 16);
        assertThat(decode(payload).addrTo().address()).isEqualTo(NetAddress.IPV6_ANY);
    }

    @Test
    void theConstructorRefusesWhatCannotBeSent() {
        Version v = decode(FULL);
        assertThatThrownBy(() -> new Version(v.version(), v.services(), v.timestampSeconds(), v.addrTo(), v.addrFrom(),
                v.nonce(), "é".repeat(129), v.startingHeight(), v.relay())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Version(v.version(), v.services(), v.timestampSeconds(), v.addrTo(), v.addrFrom(),
                v.nonce(), "\ud800", v.startingHeight(), v.relay())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Version.Endpoint(ServiceFlags.NODE_NONE, NetAddress.of(NetworkId.TORV3, new byte[32]), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
