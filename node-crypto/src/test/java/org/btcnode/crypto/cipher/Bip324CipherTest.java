package org.btcnode.crypto.cipher;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.btcnode.crypto.cipher.AeadChaCha20Poly1305.Backend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.btcnode.crypto.hash.Vectors.csv;
import static org.btcnode.crypto.hash.Vectors.hex;

/**
 * BIP 324's packet_encoding_test_vectors.csv, every row on every AEAD backend, checked as Core's
 * bip324_tests.cpp does: keys, session id, terminators, the in_idx-th packet after in_idx empty ones,
 * and decryption by a cipher initialised with selfDecrypt (here on each other backend too).
 */
class Bip324CipherTest {
    private static final byte[] MAINNET_MAGIC = hex("f9beb4d9"); // the vectors use mainnet's salt
    private static final byte[] EMPTY = new byte[0];

    private static List<Map<String, String>> rows() {
        List<Map<String, String>> rows = csv("bip324/packet_encoding_test_vectors.csv");
        assertThat(rows).hasSize(7);
        return rows;
    }

    private static Bip324Cipher cipher(Map<String, String> row, Backend backend, boolean selfDecrypt) {
        Bip324Cipher cipher = new Bip324Cipher(MAINNET_MAGIC, hex(row.get("in_priv_ours")),
                hex(row.get("in_ellswift_ours")), backend);
        cipher.initialize(hex(row.get("in_ellswift_theirs")), row.get("in_initiating").equals("1"), selfDecrypt);
        return cipher;
    }

    private static byte[] contents(Map<String, String> row) {
        byte[] unit = hex(row.get("in_contents"));
        int times = Integer.parseInt(row.get("in_multiply"));
        byte[] contents = new byte[unit.length * times];
        for (int i = 0; i < times; i++) {
            System.arraycopy(unit, 0, contents, i * unit.length, unit.length);
        }
        return contents;
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void encryptsEveryPacketVectorAndItsMirrorDecryptsIt(Backend backend) {
        for (Map<String, String> row : rows()) {
            String what = "in_idx " + row.get("in_idx") + " on " + backend;
            Bip324Cipher cipher = cipher(row, backend, false);
            assertThat(hex(cipher.ourPubkey())).isEqualTo(row.get("in_ellswift_ours"));
            assertThat(hex(cipher.sessionId())).as(what).isEqualTo(row.get("out_session_id"));
            assertThat(hex(cipher.sendGarbageTerminator())).as(what).isEqualTo(row.get("mid_send_garbage_terminator"));
            assertThat(hex(cipher.receiveGarbageTerminator())).as(what).isEqualTo(row.get("mid_recv_garbage_terminator"));

            int index = Integer.parseInt(row.get("in_idx"));
            List<byte[]> decoys = new ArrayList<>();
            for (int i = 0; i < index; i++) {
                decoys.add(cipher.encrypt(EMPTY, EMPTY, false));
            }
            byte[] contents = contents(row);
            byte[] aad = hex(row.get("in_aad"));
            boolean ignore = row.get("in_ignore").equals("1");
            byte[] packet = cipher.encrypt(contents, aad, ignore);
            assertThat(packet).hasSize(contents.length + Bip324Cipher.EXPANSION);
            if (!row.get("out_ciphertext").isEmpty()) {
                assertThat(hex(packet)).as(what).isEqualTo(row.get("out_ciphertext"));
            }
            if (!row.get("out_ciphertext_endswith").isEmpty()) {
                assertThat(hex(packet)).as(what).endsWith(row.get("out_ciphertext_endswith"));
            }

            for (Backend receiverBackend : Backend.values()) {
                Bip324Cipher mirror = cipher(row, receiverBackend, true);
                for (byte[] decoy : decoys) {
                    assertThat(mirror.decryptLength(decoy, 0)).isZero();
                    byte[] header = new byte[1];
                    assertThat(mirror.decrypt(decoy, 3, decoy.length - 3, EMPTY, header, 0)).isTrue();
                    assertThat(Bip324Cipher.ignore(header[0])).isFalse();
                }
                assertThat(mirror.decryptLength(packet, 0)).as(what).isEqualTo(contents.length);
                byte[] plaintext = new byte[packet.length - 3 - FSChaCha20Poly1305.EXPANSION];
                assertThat(mirror.decrypt(packet, 3, packet.length - 3, aad, plaintext, 0))
                        .as(what + ", decrypted on " + receiverBackend).isTrue();
                assertThat(Bip324Cipher.ignore(plaintext[0])).isEqualTo(ignore);
                assertThat(Arrays.copyOfRange(plaintext, 1, plaintext.length)).isEqualTo(contents);
            }
        }
    }

    @Test
    void jdkAndBouncyCastleAndPureJavaAgreeOnEveryPacketVector() {
        for (Map<String, String> row : rows()) {
            byte[] contents = contents(row);
            byte[] aad = hex(row.get("in_aad"));
            List<String> packets = new ArrayList<>();
            for (Backend backend : Backend.values()) {
                Bip324Cipher cipher = cipher(row, backend, false);
                for (int i = 0; i < Integer.parseInt(row.get("in_idx")); i++) {
                    cipher.encrypt(EMPTY, EMPTY, false);
                }
                packets.add(hex(cipher.encrypt(contents, aad, row.get("in_ignore").equals("1"))));
            }
            assertThat(packets).as("in_idx " + row.get("in_idx")).containsOnly(packets.get(0));
        }
    }

    @Test
    void aWrongAadOrAFlippedBitFailsTheTagAndTheNextPacketStillDecrypts() {
        Map<String, String> row = rows().get(2); // in_idx 0 with 8190 bytes of AAD
        byte[] aad = hex(row.get("in_aad"));
        assertThat(aad).isNotEmpty();
        Bip324Cipher sender = cipher(row, Backend.fastest(), false);
        byte[] first = sender.encrypt(contents(row), aad, false);
        byte[] second = sender.encrypt(hex("0102"), EMPTY, false);
        Bip324Cipher receiver = cipher(row, Backend.fastest(), true);
        int length = receiver.decryptLength(first, 0);
        byte[] plaintext = new byte[length + 1];
        byte[] wrongAad = aad.clone();
        wrongAad[wrongAad.length - 1] ^= 1;
        assertThat(receiver.decrypt(first, 3, first.length - 3, wrongAad, plaintext, 0)).isFalse();
        // a failed packet still moves the counter on, as Core's, so the next one decrypts
        assertThat(receiver.decryptLength(second, 0)).isEqualTo(2);
        byte[] secondPlain = new byte[3];
        assertThat(receiver.decrypt(second, 3, second.length - 3, EMPTY, secondPlain, 0)).isTrue();
        assertThat(secondPlain).isEqualTo(hex("000102"));
    }

    @Property(tries = 6)
    void roundTripsFiveHundredPacketsEachWayAcrossRekeyings(@ForAll long seed) {
        Random random = new Random(seed);
        Bip324Cipher initiator = new Bip324Cipher(MAINNET_MAGIC, key(random), bytes(random, 32));
        Bip324Cipher responder = new Bip324Cipher(MAINNET_MAGIC, key(random), bytes(random, 32));
        initiator.initialize(responder.ourPubkey(), true);
        responder.initialize(initiator.ourPubkey(), false);
        assertThat(initiator.sessionId()).isEqualTo(responder.sessionId());
        assertThat(initiator.sendGarbageTerminator()).isEqualTo(responder.receiveGarbageTerminator());
        assertThat(initiator.receiveGarbageTerminator()).isEqualTo(responder.sendGarbageTerminator());
        for (int i = 0; i < 500; i++) {  // 500 > 2 * REKEY_INTERVAL: both ciphers rekey twice
            roundTrip(random, initiator, responder, i == 0 ? bytes(random, 40) : EMPTY);
            roundTrip(random, responder, initiator, EMPTY);
        }
    }

    private static void roundTrip(Random random, Bip324Cipher from, Bip324Cipher to, byte[] aad) {
        byte[] contents = bytes(random, random.nextInt(300));
        boolean ignore = random.nextBoolean();
        byte[] packet = new byte[contents.length + Bip324Cipher.EXPANSION + 5];
        from.encrypt(contents, 0, contents.length, aad, ignore, packet, 5); // at an offset
        assertThat(to.decryptLength(packet, 5)).isEqualTo(contents.length);
        byte[] plaintext = new byte[contents.length + 1];
        assertThat(to.decrypt(packet, 8, packet.length - 8, aad, plaintext, 0)).isTrue();
        assertThat(Bip324Cipher.ignore(plaintext[0])).isEqualTo(ignore);
        assertThat(Arrays.copyOfRange(plaintext, 1, plaintext.length)).isEqualTo(contents);
    }

    @Property(tries = 30)
    void anySingleFlippedBitAfterTheLengthFailsTheTag(@ForAll @IntRange(min = 0, max = 8 * (1 + 20 + 16) - 1) int bit) {
        Map<String, String> row = rows().get(0);
        byte[] packet = cipher(row, Backend.fastest(), false).encrypt(new byte[20], EMPTY, false);
        packet[3 + bit / 8] ^= (byte) (1 << (bit % 8));
        Bip324Cipher receiver = cipher(row, Backend.fastest(), true);
        assertThat(receiver.decryptLength(packet, 0)).isEqualTo(20);
        assertThat(receiver.decrypt(packet, 3, packet.length - 3, EMPTY, new byte[21], 0)).isFalse();
    }

    @Test
    void refusesUseBeforeInitializeAndASecondInitialize() {
        Map<String, String> row = rows().get(0);
        Bip324Cipher cipher = new Bip324Cipher(MAINNET_MAGIC, hex(row.get("in_priv_ours")),
                hex(row.get("in_ellswift_ours")), Backend.PURE_JAVA);
        assertThat(cipher.initialized()).isFalse();
        assertThatThrownBy(() -> cipher.encrypt(EMPTY, EMPTY, false)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(cipher::sessionId).isInstanceOf(IllegalStateException.class);
        cipher.initialize(hex(row.get("in_ellswift_theirs")), true);
        assertThat(cipher.initialized()).isTrue();
        assertThatThrownBy(() -> cipher.initialize(hex(row.get("in_ellswift_theirs")), true))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new Bip324Cipher(new byte[3], new byte[32], new byte[64], Backend.JDK))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] key(Random random) {
        byte[] key = bytes(random, 32);
        key[0] &= 0x7f; // below the group order
        key[31] |= 1;   // not zero
        return key;
    }

    private static byte[] bytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
