package org.btcnode.bench.p2p;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import org.btcnode.core.message.Message;
import org.btcnode.core.message.Messages;
import org.btcnode.core.params.NetworkParameters;
import org.btcnode.crypto.hash.Sha256;

/**
 * BIP 324's "v1" message framing as Core's {@code CMessageHeader} lays it out: 4-byte magic, 12-byte
 * NUL-padded command, payload length (uint32 LE), first 4 bytes of SHA256d(payload). Regtest magic
 * only: the load generator talks to a regtest daemon. Stateless.
 */
final class V1Frame {
    /** protocol.h: bytes in a v1 header. */
    static final int HEADER_SIZE = 24;
    /** protocol.h: the command field's width. */
    static final int COMMAND_SIZE = 12;
    /** chainparams.cpp: regtest's pchMessageStart, fa bf b5 da. */
    static final byte[] REGTEST_MAGIC = NetworkParameters.REGTEST.magic().toByteArray();

    private V1Frame() {
    }

    /** One whole frame: header and payload. */
    static byte[] encode(Message message) {
        byte[] payload = Messages.encode(message);
        byte[] command = Messages.command(message).getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(HEADER_SIZE + payload.length);
        b.put(REGTEST_MAGIC);
        b.put(command).put(new byte[COMMAND_SIZE - command.length]);
        b.order(ByteOrder.LITTLE_ENDIAN).putInt(payload.length);
        b.put(Sha256.hashTwice(payload), 0, 4);
        b.put(payload);
        return b.array();
    }

    /** A parsed header: the command, the payload length and the 4 checksum bytes as an int (wire order). */
    record Header(String command, int length, int checksum) {
        /** Parses 24 bytes from {@code buffer}'s position (consumes them); fails on bad magic or padding. */
        static Header read(ByteBuffer buffer) throws IOException {
            byte[] magic = new byte[4];
            buffer.get(magic);
            if (magic[0] != REGTEST_MAGIC[0] || magic[1] != REGTEST_MAGIC[1] || magic[2] != REGTEST_MAGIC[2]
                    || magic[3] != REGTEST_MAGIC[3]) {
                throw new IOException("not regtest magic");
            }
            byte[] command = new byte[COMMAND_SIZE];
            buffer.get(command);
            int end = 0;
            while (end < COMMAND_SIZE && command[end] != 0) {
                end++;
            }
            for (int i = end; i < COMMAND_SIZE; i++) {
                if (command[i] != 0) {
                    throw new IOException("command not NUL-padded");
                }
            }
            int length = buffer.order(ByteOrder.LITTLE_ENDIAN).getInt();
            buffer.order(ByteOrder.BIG_ENDIAN);
            int checksum = buffer.getInt();
            if (length < 0 || length > Messages.MAX_PROTOCOL_MESSAGE_LENGTH) {
                throw new IOException("payload of " + Integer.toUnsignedString(length) + " bytes");
            }
            return new Header(new String(command, 0, end, StandardCharsets.US_ASCII), length, checksum);
        }

        /** Checks the checksum and decodes the payload. */
        Message decode(byte[] payload) throws IOException {
            byte[] hash = Sha256.hashTwice(payload);
            int actual = (hash[0] & 0xff) << 24 | (hash[1] & 0xff) << 16 | (hash[2] & 0xff) << 8 | (hash[3] & 0xff);
            if (actual != checksum) {
                throw new IOException("bad checksum on " + command);
            }
            return Messages.decode(command, payload);
        }
    }
}
