package org.btcnode.crypto.hash;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.btcnode.crypto.hash.Vectors.hex;

class TaggedHashTest {
    private static final List<TaggedHash> CONSTANTS = List.of(TaggedHash.TAP_LEAF, TaggedHash.TAP_BRANCH,
            TaggedHash.TAP_TWEAK, TaggedHash.TAP_SIGHASH, TaggedHash.BIP0340_CHALLENGE, TaggedHash.BIP0340_AUX,
            TaggedHash.BIP0340_NONCE, TaggedHash.BIP324_ELLSWIFT_XONLY_ECDH);

    /** BIP 340's definition, spelled out with a plain digest: SHA256(SHA256(tag) || SHA256(tag) || msg). */
    private static byte[] plainTaggedHash(String tag, byte[] msg) throws Exception {
        byte[] tagHash = MessageDigest.getInstance("SHA-256").digest(tag.getBytes(StandardCharsets.UTF_8));
        MessageDigest d = MessageDigest.getInstance("SHA-256");
        d.update(tagHash);
        d.update(tagHash);
        d.update(msg);
        return d.digest();
    }

    @Test
    void constantsCarryTheTagsOfBip340Bip341AndBip324() {
        assertThat(CONSTANTS).extracting(TaggedHash::tag).containsExactly("TapLeaf", "TapBranch", "TapTweak",
                "TapSighash", "BIP0340/challenge", "BIP0340/aux", "BIP0340/nonce", "bip324_ellswift_xonly_ecdh");
    }

    @Test
    void equalsTheDefinitionForEveryTag() throws Exception {
        byte[][] messages = {new byte[0], hex("00"), new byte[32], new byte[64], new byte[100]};
        Arrays.fill(messages[3], (byte) 0xa5);
        for (TaggedHash tagged : CONSTANTS) {
            for (byte[] msg : messages) {
                assertThat(tagged.hash(msg)).as(tagged.tag()).isEqualTo(plainTaggedHash(tagged.tag(), msg));
                assertThat(TaggedHash.of(tagged.tag()).hash(msg)).isEqualTo(tagged.hash(msg));
            }
        }
    }

    // ---- BIP 341 wallet vectors: script trees

    private static byte[] compactSize(int n) {
        return n < 0xfd ? new byte[] {(byte) n} : new byte[] {(byte) 0xfd, (byte) n, (byte) (n >>> 8)};
    }

    /** BIP 341 taproot_tree_helper: the merkle root of a leaf (an object) or of a pair (an array). */
    private static byte[] treeHash(JsonNode node, Map<Integer, byte[]> leafHashes) {
        if (node.isArray()) {
            byte[] a = treeHash(node.get(0), leafHashes);
            byte[] b = treeHash(node.get(1), leafHashes);
            return Arrays.compareUnsigned(a, b) <= 0 ? TaggedHash.TAP_BRANCH.hash(a, b)
                    : TaggedHash.TAP_BRANCH.hash(b, a);
        }
        byte[] script = hex(node.get("script").asText());
        MessageDigest d = TaggedHash.TAP_LEAF.newDigest();   // streamed: version, size, script
        d.update((byte) node.get("leafVersion").asInt());
        d.update(compactSize(script.length));
        d.update(script);
        byte[] leaf = d.digest();
        leafHashes.put(node.get("id").asInt(), leaf);
        return leaf;
    }

    @Test
    void computesBip341LeafHashesMerkleRootsAndTweaks() {
        JsonNode vectors = Vectors.json("core/bip341_wallet_vectors.json").get("scriptPubKey");
        int trees = 0;
        for (JsonNode v : vectors) {
            JsonNode given = v.get("given");
            JsonNode intermediary = v.get("intermediary");
            byte[] internalKey = hex(given.get("internalPubkey").asText());
            byte[] tweak;
            if (given.get("scriptTree").isNull()) {
                assertThat(intermediary.get("merkleRoot").isNull()).isTrue();
                tweak = TaggedHash.TAP_TWEAK.hash(internalKey);
            } else {
                Map<Integer, byte[]> leafHashes = new TreeMap<>();
                byte[] root = treeHash(given.get("scriptTree"), leafHashes);
                JsonNode expectedLeaves = intermediary.get("leafHashes");
                assertThat(leafHashes).hasSize(expectedLeaves.size());
                leafHashes.forEach((id, leaf) -> assertThat(hex(leaf)).isEqualTo(expectedLeaves.get(id).asText()));
                assertThat(hex(root)).isEqualTo(intermediary.get("merkleRoot").asText());
                tweak = TaggedHash.TAP_TWEAK.hash(internalKey, root);
                trees++;
            }
            assertThat(hex(tweak)).isEqualTo(intermediary.get("tweak").asText());
        }
        assertThat(trees).isGreaterThanOrEqualTo(5);
    }

    @Test
    void computesBip341KeyPathTweaksAndSignatureHashes() {
        int inputs = 0;
        for (JsonNode spending : Vectors.json("core/bip341_wallet_vectors.json").get("keyPathSpending")) {
            for (JsonNode input : spending.get("inputSpending")) {
                JsonNode given = input.get("given");
                JsonNode intermediary = input.get("intermediary");
                byte[] internalKey = hex(intermediary.get("internalPubkey").asText());
                byte[] tweak = given.get("merkleRoot").isNull() ? TaggedHash.TAP_TWEAK.hash(internalKey)
                        : TaggedHash.TAP_TWEAK.hash(internalKey, hex(given.get("merkleRoot").asText()));
                assertThat(hex(tweak)).isEqualTo(intermediary.get("tweak").asText());
                // sigMsg starts with the epoch byte 0x00 already
                assertThat(hex(TaggedHash.TAP_SIGHASH.hash(hex(intermediary.get("sigMsg").asText()))))
                        .isEqualTo(intermediary.get("sigHash").asText());
                inputs++;
            }
        }
        assertThat(inputs).isGreaterThanOrEqualTo(7);
    }

    @Test
    void computesBip324SharedSecrets() {
        List<Map<String, String>> rows = Vectors.csv("bip324/packet_encoding_test_vectors.csv");
        assertThat(rows).isNotEmpty();
        for (Map<String, String> row : rows) {
            byte[] ours = hex(row.get("in_ellswift_ours"));
            byte[] theirs = hex(row.get("in_ellswift_theirs"));
            boolean initiating = row.get("in_initiating").equals("1");
            // BIP 324: initiator's encoding first, then the responder's, then the shared x coordinate
            byte[] secret = TaggedHash.BIP324_ELLSWIFT_XONLY_ECDH.hash(initiating ? ours : theirs,
                    initiating ? theirs : ours, hex(row.get("mid_x_shared")));
            assertThat(hex(secret)).as("row " + row.get("in_idx")).isEqualTo(row.get("mid_shared_secret"));
        }
    }

    @Property
    void offsetPartsAndStreamingEqualOneShot(@ForAll @Size(max = 200) byte[] data,
            @ForAll @IntRange(max = 200) int from, @ForAll @IntRange(max = 200) int length) throws Exception {
        int start = Math.min(from, data.length);
        int n = Math.min(length, data.length - start);
        byte[] slice = Arrays.copyOfRange(data, start, start + n);
        TaggedHash tagged = TaggedHash.TAP_SIGHASH;
        byte[] expected = plainTaggedHash(tagged.tag(), slice);
        assertThat(tagged.hash(slice)).isEqualTo(expected);
        assertThat(tagged.hash(data, start, n)).isEqualTo(expected);
        assertThat(tagged.hash(Arrays.copyOf(slice, n / 3), Arrays.copyOfRange(slice, n / 3, n), new byte[0]))
                .isEqualTo(expected);
        MessageDigest d = tagged.newDigest();            // one byte at a time
        for (byte b : slice) {
            d.update(b);
        }
        assertThat(d.digest()).isEqualTo(expected);
    }
}
