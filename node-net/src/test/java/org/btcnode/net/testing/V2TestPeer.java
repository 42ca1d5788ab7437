package org.btcnode.net.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.btcnode.core.params.Magic;
import org.btcnode.crypto.cipher.AeadChaCha20Poly1305;
import org.btcnode.crypto.cipher.Bip324Cipher;
import org.btcnode.crypto.ec.EllSwift;

/**
 * The other end of a BIP 324 connection, written from the BIP's text on top of node-crypto's
 * {@link Bip324Cipher} alone (not on the transport under test): it makes the bytes a peer sends
 * (key, garbage, terminator, version packet, packets, decoys, broken packets) and reads what our
 * transport sends. Deterministic for a given seed. Not thread-safe.
 */
public final class V2TestPeer {
    private static final byte[] NONE = new byte[0];

    private final Bip324Cipher cipher;
    private final boolean initiator;
    private final byte[] garbage;
    private final byte[] privkey;
    private final byte[] pubkey;
    private boolean firstPacketSent;
    /** Bytes of the other side not yet parsed. */
    private byte[] inbox = NONE;
    private boolean theirKeySeen;
    private byte[] theirGarbage;
    private boolean firstPacketReceived;
    /** Contents length of the packet being read, -1 until its 3 length bytes are in. */
    private int pendingLength = -1;

    /** One decrypted packet from the other side. */
    public record Packet(boolean decoy, byte[] contents) {
        /** The message type: a short id's name, or the 12-byte form's text. */
        public String type() {
            int first = contents[0] & 0xff;
            if (first != 0) {
                return SHORT.get(first);
            }
            int end = 1;
            while (end < 13 && contents[end] != 0) {
                end++;
            }
            return new String(contents, 1, end - 1, StandardCharsets.US_ASCII);
        }

        public byte[] payload() {
            int skip = (contents[0] & 0xff) != 0 ? 1 : 13;
            return Arrays.copyOfRange(contents, skip, contents.length);
        }
    }

    /** BIP 324's short ids 1-28, as the BIP's table lists them (index 0 unused). */
    public static final List<String> SHORT = List.of("", "addr", "block", "blocktxn", "cmpctblock", "feefilter",
            "filteradd", "filterclear", "filterload", "getblocks", "getblocktxn", "getdata", "getheaders",
            "headers", "inv", "mempool", "merkleblock", "notfound", "ping", "pong", "sendcmpct", "tx",
            "getcfilters", "cfilter", "getcfheaders", "cfheaders", "getcfcheckpt", "cfcheckpt", "addrv2");

    public V2TestPeer(Magic magic, boolean initiator, int garbageLength, long seed) {
        Random random = new Random(seed);
        privkey = new byte[32];
        do {
            random.nextBytes(privkey);
        } while (!EllSwift.isValidPrivateKey(privkey));
        byte[] entropy = new byte[32];
        random.nextBytes(entropy);
        pubkey = EllSwift.ellswiftCreate(privkey, entropy);
        cipher = new Bip324Cipher(magic.toByteArray(), privkey, pubkey, AeadChaCha20Poly1305.Backend.PURE_JAVA);
        this.initiator = initiator;
        garbage = new byte[garbageLength];
        random.nextBytes(garbage);
    }

    /** A peer with this key material, for a transport under test that must be deterministic too. */
    public Bip324Cipher cipherCopy(Magic magic) {
        return new Bip324Cipher(magic.toByteArray(), privkey, pubkey, AeadChaCha20Poly1305.Backend.PURE_JAVA);
    }

    public byte[] pubkey() {
        return pubkey.clone();
    }

    public byte[] garbage() {
        return garbage.clone();
    }

    /** What we send first: the 64-byte key and our garbage. */
    public byte[] keyAndGarbage() {
        return concat(pubkey, garbage);
    }

    /** Derives the session from the other side's 64-byte key. */
    public void theirKey(byte[] key) {
        cipher.initialize(key, initiator);
    }

    public byte[] sessionId() {
        return cipher.sessionId();
    }

    /** Our terminator and version packet (the garbage as its AAD), after {@code decoysBefore} decoys. */
    public byte[] terminatorAndVersion(int decoysBefore) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(cipher.sendGarbageTerminator());
        for (int i = 0; i < decoysBefore; i++) {
            out.writeBytes(decoy(i * 7));
        }
        out.writeBytes(packet(NONE, false));
        return out.toByteArray();
    }

    /** A message in the short form when the type has an id, else the 12-byte form. */
    public byte[] message(String type, byte[] payload) {
        int id = SHORT.indexOf(type);
        return id > 0 ? packet(concat(new byte[] {(byte) id}, payload), false) : longForm(type, payload);
    }

    /** A message in the 12-byte form, whatever the type. */
    public byte[] longForm(String type, byte[] payload) {
        byte[] header = new byte[13];
        byte[] ascii = type.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(ascii, 0, header, 1, ascii.length);
        return packet(concat(header, payload), false);
    }

    /** A packet with these exact contents (no type added). */
    public byte[] raw(byte[] contents) {
        return packet(contents, false);
    }

    /** A decoy packet of {@code length} bytes of contents, to be ignored. */
    public byte[] decoy(int length) {
        return packet(new byte[length], true);
    }

    private byte[] packet(byte[] contents, boolean ignore) {
        byte[] aad = firstPacketSent ? NONE : garbage;
        firstPacketSent = true;
        return cipher.encrypt(contents, aad, ignore);
    }

    /**
     * Reads what the other side sent so far: its key (then the session is derived), its garbage up
     * to the terminator, and whole packets, decrypted; partial data waits for the next call.
     */
    public List<Packet> receive(byte[] bytes) {
        inbox = concat(inbox, bytes);
        List<Packet> packets = new ArrayList<>();
        if (!theirKeySeen) {
            if (inbox.length < 64) {
                return packets;
            }
            theirKey(Arrays.copyOf(inbox, 64));
            theirKeySeen = true;
            inbox = Arrays.copyOfRange(inbox, 64, inbox.length);
        }
        if (theirGarbage == null) {
            byte[] terminator = cipher.receiveGarbageTerminator();
            int at = indexOf(inbox, terminator);
            if (at < 0) {
                return packets;
            }
            theirGarbage = Arrays.copyOf(inbox, at);
            inbox = Arrays.copyOfRange(inbox, at + terminator.length, inbox.length);
        }
        while (inbox.length >= 3) {
            byte[] lengthBytes = Arrays.copyOf(inbox, 3);
            if (pendingLength < 0) {              // decryptLength advances the cipher: once per packet
                pendingLength = cipher.decryptLength(lengthBytes, 0);
            }
            int total = 3 + 1 + pendingLength + 16;
            if (inbox.length < total) {
                return packets;
            }
            byte[] plain = new byte[1 + pendingLength];
            byte[] aad = firstPacketReceived ? NONE : theirGarbage;
            if (!cipher.decrypt(inbox, 3, 1 + pendingLength + 16, aad, plain, 0)) {
                throw new AssertionError("packet from the transport under test failed authentication");
            }
            firstPacketReceived = true;
            packets.add(new Packet(Bip324Cipher.ignore(plain[0]), Arrays.copyOfRange(plain, 1, plain.length)));
            inbox = Arrays.copyOfRange(inbox, total, inbox.length);
            pendingLength = -1;
        }
        return packets;
    }

    /** The garbage the other side sent (null before its terminator). */
    public byte[] theirGarbage() {
        return theirGarbage;
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
