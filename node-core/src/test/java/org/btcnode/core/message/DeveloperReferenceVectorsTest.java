package org.btcnode.core.message;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.btcnode.core.types.BlockHeader;
import org.btcnode.core.types.Bytes;
import org.btcnode.core.types.Hash256;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.btcnode.core.wire.WireFormatException.Kind.TRUNCATED;

/**
 * Golden bytes: the annotated payloads of the Bitcoin Developer Reference (vectors/developer-reference,
 * see SOURCES.md) decode to the values the annotations state, and those values encode to the same bytes.
 */
class DeveloperReferenceVectorsTest {

    private static void assertGolden(String file, Message expected) {
        byte[] payload = TestVectors.annotatedHex("developer-reference/" + file);
        String command = expected.type().command();
        assertThat(Messages.decode(command, payload)).isEqualTo(expected);
        assertThat(TestVectors.toHex(Messages.encode(expected))).isEqualTo(TestVectors.toHex(payload));
    }

    @Test
    void version() {
        assertGolden("version.txt", new Version(new ProtocolVersion(70002), ServiceFlags.NODE_NETWORK, 1415483324L,
                new Version.Endpoint(ServiceFlags.NODE_NETWORK, NetAddress.ipv4(198, 27, 100, 9), 8333),
                new Version.Endpoint(ServiceFlags.NODE_NETWORK, NetAddress.ipv4(203, 0, 113, 192), 8333),
                0xf85379c9cb358012L, "/Satoshi:0.9.3/", 329167, true));
        // 101 bytes, the length (0x65) of the message header the reference omits
        assertThat(TestVectors.annotatedHex("developer-reference/version.txt")).hasSize(101);
    }

    @Test
    void getblocks() {
        assertGolden("getblocks.txt", new GetBlocks(70001, List.of(
                Hash256.wrap(TestVectors.hex("d39f608a7775b537729884d4e6633bb2105e55a16a14d31b0000000000000000")),
                Hash256.wrap(TestVectors.hex("5c3e6403d40837110a2e8afb602b1c01714bda7ce23bea0a0000000000000000"))),
                Hash256.ZERO));
    }

    @Test
    void headers() {
        Headers expected = new Headers(List.of(new BlockHeader(2,
                Hash256.wrap(TestVectors.hex("b6ff0b1b1680a2862a30ca44d346d9e8910d334beb48ca0c0000000000000000")),
                Hash256.wrap(TestVectors.hex("9d10aa52ee949386ca9385695f04ede270dda20810decd12bc9b048aaab31471")),
                1415239972L, 0x181bc330L, 0x64089ffeL)));
        assertGolden("headers.txt", expected);
        // a real mainnet header: its hash meets the target its bits encode
        assertThat(expected.headers().get(0).hash().toBigInteger())
                .isLessThanOrEqualTo(expected.headers().get(0).target().value());
    }

    @Test
    void merkleblock() {
        assertGolden("merkleblock.txt", new MerkleBlock(new BlockHeader(1,
                Hash256.wrap(TestVectors.hex("82bb869cf3a793432a66e826e05a6fc37469f8efb7421dc88067010000000000")),
                Hash256.wrap(TestVectors.hex("7f16c5962e8bd963659c793ce370d95f093bc7e367117b3c30c1f8fdd0d97287")),
                1293629558L, 0x1b04864cL, 0x29854b55L), 7, List.of(
                Hash256.wrap(TestVectors.hex("3612262624047ee87660be1a707519a443b1c1ce3d248cbfc6c15870f6c5daa2")),
                Hash256.wrap(TestVectors.hex("019f5b01d4195ecbc9398fbf3c3b1fa9bb3183301d7a1fb3bd174fcfa40a2b65")),
                Hash256.wrap(TestVectors.hex("41ed70551dd7e841883ab8f0b16bf04176b7d1480e4f0af9f3d4c3595768d068")),
                Hash256.wrap(TestVectors.hex("20d2a7bc994987302e5b1ac80fc425fe25f8b63169ea78e68fbaaefa59379bbf"))),
                Bytes.fromHex("1d")));
    }

    @Test
    void inv() {
        assertGolden("inv.txt", new Inv(List.of(
                new Inventory(InventoryType.MSG_TX,
                        Hash256.wrap(TestVectors.hex("de55ffd709ac1f5dc509a0925d0b1fc442ca034f224732e429081da1b621f55a"))),
                new Inventory(InventoryType.MSG_TX,
                        Hash256.wrap(TestVectors.hex("91d36d997037e08018262978766f24b8a055aaf1d872e94ae85e9817b2c68dc7"))))));
    }

    @Test
    void feefilter() {
        assertGolden("feefilter.txt", new FeeFilter(48_508));
    }

    @Test
    void filteradd() {
        assertGolden("filteradd.txt", new FilterAdd(
                Bytes.fromHex("fdacf9b3eb077412e7a968d2e4f11b9a9dee312d666187ed77ee7d26af16cb0b")));
    }

    @Test
    void filterload() {
        assertGolden("filterload.txt", new FilterLoad(Bytes.fromHex("b50f"), 11, 0, FilterLoad.BLOOM_UPDATE_NONE));
    }

    @Test
    void ping() {
        assertGolden("ping.txt", new Ping(0x4dafe21121109400L));
    }

    /** The reference shows the first of 1,000 entries; under a count of 1 that entry is a whole addr. */
    @Test
    void addrEntry() {
        byte[] shown = TestVectors.annotatedHex("developer-reference/addr-partial.txt");
        TestVectors.assertFails(TRUNCATED, () -> Addr.CODEC.decode(shown));   // 1,000 announced, 1 present
        byte[] one = oneEntry(shown, 3);
        Addr expected = new Addr(List.of(new Address(Instant.ofEpochSecond(1414012889L), ServiceFlags.NODE_NETWORK,
                NetAddress.ipv4(192, 0, 2, 51), 8333)));
        assertThat(Addr.CODEC.decode(one)).isEqualTo(expected);
        assertThat(Addr.CODEC.encode(expected)).isEqualTo(one);
    }

    @Test
    void addrv2Entry() {
        byte[] shown = TestVectors.annotatedHex("developer-reference/addrv2-partial.txt");
        TestVectors.assertFails(TRUNCATED, () -> AddrV2.CODEC.decode(shown));
        byte[] one = oneEntry(shown, 3);
        AddrV2 expected = new AddrV2(List.of(new Address(Instant.ofEpochSecond(1414012889L),
                ServiceFlags.of(ServiceFlags.NODE_WITNESS, ServiceFlags.NODE_COMPACT_FILTERS,
                        ServiceFlags.NODE_NETWORK_LIMITED),
                NetAddress.ipv4(192, 0, 2, 51), 8333)));
        assertThat(AddrV2.CODEC.decode(one)).isEqualTo(expected);
        assertThat(AddrV2.CODEC.encode(expected)).isEqualTo(one);
    }

    /** Replaces the 3-byte count {@code fde803} (1,000) with {@code 01}. */
    private static byte[] oneEntry(byte[] shown, int countLength) {
        assertThat(TestVectors.toHex(Arrays.copyOf(shown, countLength))).isEqualTo("fde803");
        byte[] one = new byte[shown.length - countLength + 1];
        one[0] = 1;
        System.arraycopy(shown, countLength, one, 1, shown.length - countLength);
        return one;
    }
}
