package org.btcnode.crypto.cipher;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

import org.btcnode.crypto.ec.EllSwift;
import org.btcnode.crypto.hash.Hkdf;

/**
 * The packet cipher of one BIP 324 connection (Core's {@code BIP324Cipher}, bip324.h): our key and
 * ElligatorSwift public key; after {@link #initialize}, the session id, the garbage terminators and
 * four forward-secure ciphers (length and packet, each way). A packet on the wire is
 * {@code length(3) || AEAD(header(1) || contents) || tag(16)}; the length is encrypted separately so
 * a receiver learns how much to read before it can check a tag.
 *
 * <p>Not thread-safe: one per connection, used by its event loop. Takes the network magic as four
 * bytes so that node-crypto needs nothing from node-core.
 */
public final class Bip324Cipher {
    /** bip324.h: bytes in a garbage terminator. */
    public static final int GARBAGE_TERMINATOR_LEN = 16;
    /** bip324.h: packets (or lengths) between rekeyings of each cipher. */
    public static final int REKEY_INTERVAL = 224;
    /** bip324.h: bytes of the encrypted length. */
    public static final int LENGTH_LEN = 3;
    /** bip324.h: bytes of the header inside the AEAD. */
    public static final int HEADER_LEN = 1;
    /** bip324.h: bytes a packet adds to its contents: length, header and tag. */
    public static final int EXPANSION = LENGTH_LEN + HEADER_LEN + FSChaCha20Poly1305.EXPANSION;
    /** bip324.h: the header bit that marks a decoy packet, to be ignored after decryption. */
    public static final byte IGNORE_BIT = (byte) 0x80;
    /** BIP 324: the largest contents a 3-byte length can announce. */
    public static final int MAX_CONTENTS_LEN = (1 << 24) - 1;

    private static final byte[] SALT_PREFIX = "bitcoin_v2_shared_secret".getBytes(StandardCharsets.US_ASCII);

    private final byte[] networkMagic;
    private final AeadChaCha20Poly1305.Backend backend;
    private byte[] privkey;
    private final byte[] ourPubkey;

    private FSChaCha20 sendLengthCipher;
    private FSChaCha20 receiveLengthCipher;
    private FSChaCha20Poly1305 sendPacketCipher;
    private FSChaCha20Poly1305 receivePacketCipher;
    private final byte[] lengthBuffer = new byte[LENGTH_LEN];
    private byte[] sessionId;
    private byte[] sendGarbageTerminator;
    private byte[] receiveGarbageTerminator;

    /**
     * A cipher for {@code privkey} (32 bytes) whose public key is encoded with {@code entropy} (32
     * random bytes), as Core's {@code BIP324Cipher(key, ent32)}, on the fastest AEAD backend.
     */
    public Bip324Cipher(byte[] networkMagic, byte[] privkey, byte[] entropy) {
        this(networkMagic, privkey, EllSwift.ellswiftCreate(privkey, entropy), AeadChaCha20Poly1305.Backend.fastest());
    }

    /**
     * A cipher with a fresh random key and a uniformly random encoding of its public key (Core's
     * {@code GenerateRandomKey} and {@code GetRandHash} entropy), on the fastest backend.
     */
    public static Bip324Cipher generate(byte[] networkMagic, SecureRandom random) {
        byte[] privkey = new byte[EllSwift.ELEMENT_LENGTH];
        do {
            random.nextBytes(privkey);
        } while (!EllSwift.isValidPrivateKey(privkey));
        byte[] entropy = new byte[EllSwift.ELEMENT_LENGTH];
        random.nextBytes(entropy);
        try {
            return new Bip324Cipher(networkMagic, privkey, entropy);
        } finally {
            Arrays.fill(privkey, (byte) 0);
        }
    }

    /**
     * A cipher for {@code privkey} with a given encoding of its public key (Core's test constructor
     * {@code BIP324Cipher(key, pubkey)}), on {@code backend}.
     */
    public Bip324Cipher(byte[] networkMagic, byte[] privkey, byte[] ourEllswift, AeadChaCha20Poly1305.Backend backend) {
        if (networkMagic.length != 4) {
            throw new IllegalArgumentException("network magic must be 4 bytes, not " + networkMagic.length);
        }
        if (ourEllswift.length != EllSwift.ENCODED_LENGTH) {
            throw new IllegalArgumentException("ElligatorSwift public key must be 64 bytes, not " + ourEllswift.length);
        }
        this.networkMagic = networkMagic.clone();
        this.privkey = privkey.clone();
        this.ourPubkey = ourEllswift.clone();
        this.backend = backend;
    }

    /** Our 64-byte ElligatorSwift public key, to send first (Core's {@code GetOurPubKey}). */
    public byte[] ourPubkey() {
        return ourPubkey.clone();
    }

    /** Whether {@link #initialize} has run. */
    public boolean initialized() {
        return sessionId != null;
    }

    /** {@link #initialize(byte[], boolean, boolean)} without self-decryption: the normal case. */
    public void initialize(byte[] theirEllswift, boolean initiator) {
        initialize(theirEllswift, initiator, false);
    }

    /**
     * Derives the session from their 64-byte public key (Core's {@code Initialize}): ECDH, then
     * HKDF-SHA256 with salt "bitcoin_v2_shared_secret" || magic for the four cipher keys, the garbage
     * terminators and the session id. {@code selfDecrypt} swaps send and receive ciphers, so a test
     * can decrypt its own packets. The private key is wiped afterwards; call once.
     */
    public void initialize(byte[] theirEllswift, boolean initiator, boolean selfDecrypt) {
        if (initialized()) {
            throw new IllegalStateException("BIP 324 cipher is initialized already");
        }
        byte[] secret = EllSwift.ellswiftXdh(ourPubkey, theirEllswift, privkey, initiator);
        byte[] salt = Arrays.copyOf(SALT_PREFIX, SALT_PREFIX.length + 4);
        System.arraycopy(networkMagic, 0, salt, SALT_PREFIX.length, 4);
        Hkdf hkdf = Hkdf.extract(salt, secret);
        Arrays.fill(secret, (byte) 0);
        boolean side = initiator != selfDecrypt;
        byte[] initiatorL = hkdf.expand32("initiator_L");
        byte[] initiatorP = hkdf.expand32("initiator_P");
        byte[] responderL = hkdf.expand32("responder_L");
        byte[] responderP = hkdf.expand32("responder_P");
        sendLengthCipher = new FSChaCha20(side ? initiatorL : responderL, REKEY_INTERVAL);
        receiveLengthCipher = new FSChaCha20(side ? responderL : initiatorL, REKEY_INTERVAL);
        sendPacketCipher = new FSChaCha20Poly1305(side ? initiatorP : responderP, REKEY_INTERVAL, backend);
        receivePacketCipher = new FSChaCha20Poly1305(side ? responderP : initiatorP, REKEY_INTERVAL, backend);
        byte[] terminators = hkdf.expand32("garbage_terminators");
        byte[] first = Arrays.copyOfRange(terminators, 0, GARBAGE_TERMINATOR_LEN);
        byte[] second = Arrays.copyOfRange(terminators, GARBAGE_TERMINATOR_LEN, 2 * GARBAGE_TERMINATOR_LEN);
        // bip324.cpp: the terminators follow `initiator` alone, not selfDecrypt
        sendGarbageTerminator = initiator ? first : second;
        receiveGarbageTerminator = initiator ? second : first;
        sessionId = hkdf.expand32("session_id");
        for (byte[] key : new byte[][] {initiatorL, initiatorP, responderL, responderP, terminators}) {
            Arrays.fill(key, (byte) 0);
        }
        Arrays.fill(privkey, (byte) 0);
        privkey = null;
    }

    /** The 32-byte session id (BIP 324: shown to users to detect a man in the middle). */
    public byte[] sessionId() {
        return requireInitialized(sessionId).clone();
    }

    /** The 16 bytes that end the garbage we send. */
    public byte[] sendGarbageTerminator() {
        return requireInitialized(sendGarbageTerminator).clone();
    }

    /** The 16 bytes that end the garbage we receive. */
    public byte[] receiveGarbageTerminator() {
        return requireInitialized(receiveGarbageTerminator).clone();
    }

    /**
     * Encrypts a packet of {@code length} bytes of {@code contents} into {@code out} from {@code
     * outOffset}: {@code length + EXPANSION} bytes (Core's {@code Encrypt}). {@code aad} is the
     * authenticated data (the garbage, for the first packet; else empty); {@code ignore} sets the
     * decoy bit. {@code contents} and {@code out} may be the same array if the regions do not overlap.
     */
    public void encrypt(byte[] contents, int offset, int length, byte[] aad, boolean ignore, byte[] out, int outOffset) {
        requireInitialized(sendPacketCipher);
        if (length < 0 || length > MAX_CONTENTS_LEN) {
            throw new IllegalArgumentException("BIP 324 contents of " + length + " bytes do not fit a 3-byte length");
        }
        out[outOffset] = (byte) length;
        out[outOffset + 1] = (byte) (length >>> 8);
        out[outOffset + 2] = (byte) (length >>> 16);
        sendLengthCipher.crypt(out, outOffset, out, outOffset, LENGTH_LEN);
        int plain = outOffset + LENGTH_LEN;
        System.arraycopy(contents, offset, out, plain + HEADER_LEN, length);
        out[plain] = ignore ? IGNORE_BIT : 0;
        sendPacketCipher.encrypt(aad, out, plain, HEADER_LEN + length, out, plain);
    }

    /** {@link #encrypt(byte[], int, int, byte[], boolean, byte[], int)} into a new array. */
    public byte[] encrypt(byte[] contents, byte[] aad, boolean ignore) {
        byte[] out = new byte[contents.length + EXPANSION];
        encrypt(contents, 0, contents.length, aad, ignore, out, 0);
        return out;
    }

    /**
     * Decrypts the 3 bytes at {@code offset} into the contents length that follows (Core's {@code
     * DecryptLength}); the caller then reads {@code HEADER_LEN + length + 16} more bytes. Up to
     * {@link #MAX_CONTENTS_LEN}: check it against your own limit before allocating.
     */
    public int decryptLength(byte[] input, int offset) {
        requireInitialized(receiveLengthCipher);
        receiveLengthCipher.crypt(input, offset, lengthBuffer, 0, LENGTH_LEN);
        return (lengthBuffer[0] & 0xff) | (lengthBuffer[1] & 0xff) << 8 | (lengthBuffer[2] & 0xff) << 16;
    }

    /**
     * Decrypts a packet after its length (Core's {@code Decrypt}): {@code length} bytes of header,
     * contents and tag at {@code offset}, into {@code length - 16} bytes of {@code plaintext} from
     * {@code plaintextOffset}: the header byte (see {@link #ignore}), then the contents. Returns false
     * if the tag does not match (the peer is to be disconnected); the plaintext is then unspecified.
     */
    public boolean decrypt(byte[] input, int offset, int length, byte[] aad, byte[] plaintext, int plaintextOffset) {
        requireInitialized(receivePacketCipher);
        if (length < HEADER_LEN + FSChaCha20Poly1305.EXPANSION) {
            throw new IllegalArgumentException("a BIP 324 packet has at least 17 bytes after its length, not " + length);
        }
        return receivePacketCipher.decrypt(aad, input, offset, length, plaintext, plaintextOffset);
    }

    /** Whether a decrypted header byte has the ignore bit: a decoy packet, to be dropped. */
    public static boolean ignore(byte header) {
        return (header & IGNORE_BIT) != 0;
    }

    private <T> T requireInitialized(T field) {
        if (field == null) {
            throw new IllegalStateException("BIP 324 cipher is not initialized");
        }
        return field;
    }
}
