package org.btcnode.crypto.hash;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A BIP340 tagged hash, SHA256(SHA256(tag) || SHA256(tag) || msg), for one tag. The 64-byte prefix is
 * one SHA-256 block: it is absorbed once, into a prototype digest that every call clones, so a
 * tagged hash costs what a plain SHA-256 of the message costs. Immutable and thread-safe; make one
 * instance per tag and keep it (the constants below cover the tags Bitcoin uses).
 */
public final class TaggedHash {
    /** BIP 341: hash of a tapscript leaf (leaf version, compact-size script). */
    public static final TaggedHash TAP_LEAF = new TaggedHash("TapLeaf");
    /** BIP 341: hash of two sorted child hashes of the script tree. */
    public static final TaggedHash TAP_BRANCH = new TaggedHash("TapBranch");
    /** BIP 341: the tweak of an internal key by the script tree's merkle root. */
    public static final TaggedHash TAP_TWEAK = new TaggedHash("TapTweak");
    /** BIP 341: the signature hash of a taproot input. */
    public static final TaggedHash TAP_SIGHASH = new TaggedHash("TapSighash");
    /** BIP 340: the challenge e = hash(R.x || P.x || m). */
    public static final TaggedHash BIP0340_CHALLENGE = new TaggedHash("BIP0340/challenge");
    /** BIP 340: the auxiliary randomness mask of signing. */
    public static final TaggedHash BIP0340_AUX = new TaggedHash("BIP0340/aux");
    /** BIP 340: the signing nonce. */
    public static final TaggedHash BIP0340_NONCE = new TaggedHash("BIP0340/nonce");
    /**
     * BIP 324: the shared secret, hash(ellswift_initiator || ellswift_responder || ecdh_x). The tag is
     * lower case, as in BIP 324 and secp256k1's {@code secp256k1_ellswift_xdh_hash_function_bip324}.
     */
    public static final TaggedHash BIP324_ELLSWIFT_XONLY_ECDH = new TaggedHash("bip324_ellswift_xonly_ecdh");

    private final String tag;
    private final MessageDigest prototype;

    private TaggedHash(String tag) {
        this.tag = tag;
        byte[] tagHash = Sha256.hash(tag.getBytes(StandardCharsets.UTF_8));
        MessageDigest d = Sha256.newDigest();
        d.update(tagHash);
        d.update(tagHash);
        this.prototype = d;
    }

    /** The tagged hash for {@code tag} (its UTF-8 bytes are hashed). Build once per tag and keep it. */
    public static TaggedHash of(String tag) {
        return new TaggedHash(Objects.requireNonNull(tag, "tag"));
    }

    /** The tag, as given. */
    public String tag() {
        return tag;
    }

    /**
     * A SHA-256 digest that has absorbed SHA256(tag) twice: update it with the message and call
     * {@code digest()}. For callers that hash a message in several pieces (TapSighash, TapLeaf).
     */
    public MessageDigest newDigest() {
        try {
            return (MessageDigest) prototype.clone();
        } catch (CloneNotSupportedException e) {
            // Sha256.newDigest() only hands out digests whose clone worked once already
            throw new IllegalStateException("SHA-256 digest is not cloneable", e);
        }
    }

    /** The tagged hash of {@code msg}. */
    public byte[] hash(byte[] msg) {
        return hash(msg, 0, msg.length);
    }

    /** The tagged hash of {@code length} bytes of {@code msg} from {@code offset}. */
    public byte[] hash(byte[] msg, int offset, int length) {
        MessageDigest d = newDigest();
        d.update(msg, offset, length);
        return d.digest();
    }

    /** The tagged hash of the concatenation of {@code parts}, without copying them. */
    public byte[] hash(byte[]... parts) {
        MessageDigest d = newDigest();
        for (byte[] part : parts) {
            d.update(part);
        }
        return d.digest();
    }

    @Override
    public String toString() {
        return "TaggedHash(" + tag + ")";
    }
}
