package org.btcnode.crypto.hash;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.btcnode.crypto.hash.Vectors.hex;

class Sha256Test {
    // Bitcoin's genesis block header (80 bytes) and its hash in the usual reversed display order
    private static final String GENESIS_HEADER = "01000000" + "00".repeat(32)
            + "3ba3edfd7a7b12b27ac72c3e67768f617fc81bc3888a51323a9fb8aa4b1e5e4a" + "29ab5f49" + "ffff001d" + "1dac2b7c";
    private static final String GENESIS_HASH = "000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f";

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] reversed(byte[] b) {
        byte[] r = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            r[i] = b[b.length - 1 - i];
        }
        return r;
    }

    @Test
    void matchesFips180Examples() {
        // FIPS 180-2 appendix B: one block, two blocks, one million 'a'
        assertThat(hex(Sha256.hash(ascii("abc"))))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(hex(Sha256.hash(ascii("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"))))
                .isEqualTo("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
        byte[] million = new byte[1_000_000];
        Arrays.fill(million, (byte) 'a');
        assertThat(hex(Sha256.hash(million)))
                .isEqualTo("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
        assertThat(hex(Sha256.hash(new byte[0])))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void doubleHashOfEmptyIsTheV1ChecksumOfAnEmptyPayload() {
        // verack's checksum on the wire is the first 4 bytes: 5df6e0e2
        assertThat(hex(Sha256.hashTwice(new byte[0])))
                .isEqualTo("5df6e0e2761359d30a8275058e299fcc0381534545f55cf43e41983f5d4c9456");
    }

    @Test
    void doubleHashOfTheGenesisHeaderIsTheGenesisBlockHash() {
        byte[] header = hex(GENESIS_HEADER);
        assertThat(header).hasSize(80);
        assertThat(hex(reversed(Sha256.hashTwice(header)))).isEqualTo(GENESIS_HASH);

        // the same header inside a larger buffer, hashed in place into a caller's array
        byte[] buffer = new byte[7 + 80 + 5];
        System.arraycopy(header, 0, buffer, 7, 80);
        assertThat(hex(reversed(Sha256.hashTwice(buffer, 7, 80)))).isEqualTo(GENESIS_HASH);
        MessageDigest digest = Sha256.newDigest();
        byte[] out = new byte[40];
        Arrays.fill(out, (byte) 0x55);
        for (int round = 0; round < 2; round++) {      // the caller's digest is reusable
            Sha256.hashTwice(digest, buffer, 7, 80, out, 3);
            assertThat(hex(reversed(Arrays.copyOfRange(out, 3, 35)))).isEqualTo(GENESIS_HASH);
        }
        assertThat(Arrays.copyOfRange(out, 0, 3)).containsOnly((byte) 0x55);
        assertThat(Arrays.copyOfRange(out, 35, 40)).containsOnly((byte) 0x55);
    }

    @Test
    void byteBufferVariantsConsumeTheRemainingBytes() {
        byte[] header = hex(GENESIS_HEADER);
        ByteBuffer heap = ByteBuffer.wrap(header);
        assertThat(hex(reversed(Sha256.hashTwice(heap)))).isEqualTo(GENESIS_HASH);
        assertThat(heap.hasRemaining()).isFalse();
        ByteBuffer direct = ByteBuffer.allocateDirect(header.length + 2).put((byte) 1).put(header).put((byte) 2);
        direct.position(1).limit(1 + header.length);
        assertThat(Sha256.hash(direct)).isEqualTo(Sha256.hash(header));
    }

    @Property
    void offsetAndStreamingVariantsEqualOneShot(@ForAll @Size(max = 300) byte[] data,
            @ForAll @IntRange(max = 300) int from, @ForAll @IntRange(max = 300) int to) {
        int start = Math.min(from, data.length);
        int end = Math.max(start, Math.min(to, data.length));
        byte[] slice = Arrays.copyOfRange(data, start, end);

        byte[] once = Sha256.hash(slice);
        assertThat(Sha256.hash(data, start, end - start)).isEqualTo(once);
        MessageDigest streamed = Sha256.newDigest();
        streamed.update(data, start, (end - start) / 2);
        streamed.update(data, start + (end - start) / 2, end - start - (end - start) / 2);
        assertThat(streamed.digest()).isEqualTo(once);

        byte[] twice = Sha256.hash(once);
        assertThat(Sha256.hashTwice(slice)).isEqualTo(twice);
        assertThat(Sha256.hashTwice(data, start, end - start)).isEqualTo(twice);
        assertThat(Sha256.hashTwice(ByteBuffer.wrap(data, start, end - start))).isEqualTo(twice);
        byte[] out = new byte[Sha256.HASH_LENGTH];
        Sha256.hashTwice(Sha256.newDigest(), data, start, end - start, out, 0);
        assertThat(out).isEqualTo(twice);
        int half = slice.length / 2;
        assertThat(Sha256.hashTwice(Arrays.copyOf(slice, half), Arrays.copyOfRange(slice, half, slice.length)))
                .isEqualTo(twice);
    }

    @Test
    void hashesInPlaceOverItsOwnInput() {
        byte[] header = hex(GENESIS_HEADER);
        byte[] expected = Sha256.hashTwice(header);
        Sha256.hashTwice(Sha256.newDigest(), header, 0, 80, header, 0);
        assertThat(Arrays.copyOf(header, 32)).isEqualTo(expected);
    }
}
