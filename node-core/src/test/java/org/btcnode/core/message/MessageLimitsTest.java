package org.btcnode.core.message;

import java.util.ArrayList;
import java.util.List;

import org.btcnode.core.types.Bytes;
import org.btcnode.core.wire.WireFormatException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.btcnode.core.wire.WireFormatException.Kind.INVALID_VALUE;
import static org.btcnode.core.wire.WireFormatException.Kind.LIMIT_EXCEEDED;
import static org.btcnode.core.wire.WireFormatException.Kind.NON_CANONICAL;

/**
 * Core's limits enforced at decode, one count just over each limit ({@code LIMIT_EXCEEDED}, before
 * anything is allocated), a non-canonical CompactSize in each kind of length field ({@code
 * NON_CANONICAL}), and the values a well-formed length can still make invalid.
 */
class MessageLimitsTest {
    private static final String HASH = "11".repeat(32);
    private static final String ADDR_TO = "0000000000000000" + "00000000000000000000ffff7f000001" + "208d";

    private static void assertDecodeFails(WireFormatException.Kind kind, String command, String... hex) {
        byte[] payload = TestVectors.hex(hex);
        TestVectors.assertFails(kind, command + " " + String.join("", hex), () -> Messages.decode(command, payload));
    }

    @Test
    void countsOverCoresLimitsAreRefusedBeforeTheEntriesArrive() {
        assertDecodeFails(LIMIT_EXCEEDED, "inv", "fd51c3");            // 50,001 > MAX_INV_SZ
        assertDecodeFails(LIMIT_EXCEEDED, "getdata", "fd51c3");
        assertDecodeFails(LIMIT_EXCEEDED, "notfound", "fd51c3");
        assertDecodeFails(LIMIT_EXCEEDED, "addr", "fde903");           // 1,001 > MAX_ADDR_TO_SEND
        assertDecodeFails(LIMIT_EXCEEDED, "addrv2", "fde903");
        assertDecodeFails(LIMIT_EXCEEDED, "getheaders", "80110100", "66");   // 102 > MAX_LOCATOR_SZ
        assertDecodeFails(LIMIT_EXCEEDED, "getblocks", "80110100", "66");
        assertDecodeFails(LIMIT_EXCEEDED, "cfheaders", "00", HASH, HASH, "fdd107");   // 2,001 > MAX_GETCFHEADERS_SIZE
        assertDecodeFails(LIMIT_EXCEEDED, "inv", "ffffffffffffffffff");  // a 64-bit count
    }

    @Test
    void lengthsOverCoresLimitsAreRefused() {
        // version: user agent of 257 bytes > MAX_SUBVERSION_LENGTH
        assertDecodeFails(LIMIT_EXCEEDED, "version", "80110100", "0100000000000000", "0000000000000000", ADDR_TO,
                ADDR_TO,
                "0000000000000000", "fd0101", "41".repeat(257));
        assertDecodeFails(LIMIT_EXCEEDED, "filterload", "fda18c", "00".repeat(36_001), "0b000000", "00000000", "00");
        assertDecodeFails(LIMIT_EXCEEDED, "filterload", "02", "b50f", "33000000", "00000000", "00");   // 51 hash funcs
        assertDecodeFails(LIMIT_EXCEEDED, "filteradd", "fd0902", "00".repeat(521));   // 521 > MAX_SCRIPT_ELEMENT_SIZE
        assertDecodeFails(LIMIT_EXCEEDED, "addrv2", "01", "61bc6649", "00", "01", "fd0102", "ab".repeat(513), "208d");
    }

    @Test
    void exactlyAtTheLimitsDecodes() {
        String version = "80110100" + "0100000000000000" + "0000000000000000" + ADDR_TO + ADDR_TO + "0000000000000000"
                + "fd0001" + "41".repeat(256) + "00000000" + "01";
        assertThat(((Version) Messages.decode("version", TestVectors.hex(version))).userAgent()).hasSize(256);
        assertThat(((FilterLoad) Messages.decode("filterload",
                TestVectors.hex("fda08c", "00".repeat(36_000), "32000000", "00000000",
                        "00"))).hashFuncs()).isEqualTo(50);
        assertThat(((FilterAdd) Messages.decode("filteradd", TestVectors.hex("fd0802",
                "00".repeat(520)))).element().size())
                .isEqualTo(520);
        List<Inventory> inv = new ArrayList<>();
        for (int i = 0; i < Inv.MAX_INV_SZ; i++) {
            inv.add(new Inventory(InventoryType.MSG_WTX, MessageSamples.hash(i)));
        }
        Inv full = new Inv(inv);
        assertThat(Messages.decode("inv", Messages.encode(full))).isEqualTo(full);
        List<org.btcnode.core.types.Hash256> locator = new ArrayList<>();
        for (int i = 0; i < GetHeaders.MAX_LOCATOR_SZ; i++) {
            locator.add(MessageSamples.hash(i));
        }
        GetHeaders getHeaders = new GetHeaders(70016, locator, MessageSamples.hash(0));
        assertThat(Messages.decode("getheaders", Messages.encode(getHeaders))).isEqualTo(getHeaders);
    }

    @Test
    void constructorsRefuseWhatTheDecoderWouldRefuse() {
        List<Inventory> tooMany = new ArrayList<>();
        for (int i = 0; i <= Inv.MAX_INV_SZ; i++) {
            tooMany.add(new Inventory(InventoryType.MSG_TX, MessageSamples.hash(0)));
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Inv(tooMany))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new FilterAdd(Bytes.of(new byte[521])))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Addr(List.of(MessageSamples.address(
                NetAddress.of(NetworkId.TORV3, new byte[32]), 9050)))).isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new GetBlockTxn(MessageSamples.hash(1), List.of(3, 3)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nonCanonicalCompactSizesAreRefusedInEveryKindOfField() {
        String entry = "01000000" + HASH;
        assertDecodeFails(NON_CANONICAL, "inv", "fd0100", entry);                          // list count
        assertDecodeFails(NON_CANONICAL, "getheaders", "80110100", "fe01000000", HASH, HASH);
        assertDecodeFails(NON_CANONICAL, "filteradd", "fd0100", "00");                    // byte-vector length
        // addrv2 services, then address length
        assertDecodeFails(NON_CANONICAL, "addrv2", "01", "61bc6649", "fd0100", "01", "04", "01020304", "208d");
        assertDecodeFails(NON_CANONICAL, "addrv2", "01", "61bc6649", "00", "01", "fd0400", "01020304", "208d");
        assertDecodeFails(NON_CANONICAL, "getblocktxn", HASH, "01", "fd0100");            // a differential index
        assertDecodeFails(NON_CANONICAL, "version", "80110100", "0100000000000000", "0000000000000000", ADDR_TO,
                ADDR_TO,
                "0000000000000000", "fd0300", "414141");                                   // user agent length
    }

    @Test
    void getblocktxnIndexesPastSixteenBitsAreADifferentialOverflow() {
        byte[] max = TestVectors.hex(HASH, "01", "fdffff");
        assertThat(((GetBlockTxn) Messages.decode("getblocktxn", max)).indexes()).containsExactly(0xffff);
        assertDecodeFails(INVALID_VALUE, "getblocktxn", HASH, "02", "fdffff", "00");      // 65535 then 65536
        assertDecodeFails(INVALID_VALUE, "getblocktxn", HASH, "01", "fe00000100");        // 65536 at once
        // blockencodings_tests: 0,1,2,5,10,20,50,100 encode as differences 00 00 00 02 04 09 1d 31
        GetBlockTxn request = new GetBlockTxn(org.btcnode.core.types.Hash256.ZERO, List.of(0, 1, 2, 5, 10, 20, 50,
                100));
        assertThat(TestVectors.toHex(Messages.encode(request))).isEqualTo("00".repeat(32) + "08" + "0000000204091d31");
    }

    @Test
    void anAddrv2AddressOfTheWrongLengthForItsNetworkFailsTheMessage() {
        assertDecodeFails(INVALID_VALUE, "addrv2", "01", "61bc6649", "00", "04", "10", "00".repeat(16), "208d");
    }
}
