package org.btcnode.net.testing;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Consumer;

import org.btcnode.core.message.Message;
import org.btcnode.core.message.Messages;
import org.btcnode.core.message.Ping;
import org.btcnode.core.message.Pong;
import org.btcnode.core.message.ProtocolVersion;
import org.btcnode.core.message.ServiceFlags;
import org.btcnode.core.message.Verack;
import org.btcnode.core.message.Version;
import org.btcnode.core.params.NetworkParameters;
import org.btcnode.crypto.hash.Sha256;

/**
 * A minimal v1 peer over a blocking {@link Socket}, written apart from node-net's codecs so that
 * it can say things node-net never would: frames are built here (magic, NUL-padded command,
 * little-endian length, SHA256d checksum), payloads come from node-core's {@link Messages}. Every
 * read is bounded by a socket timeout; a timeout fails the test. One thread at a time.
 */
public final class RawV1Peer implements AutoCloseable {
    /** How long one read may block before the test fails. */
    public static final Duration READ_TIMEOUT = Duration.ofSeconds(15);
    /** The user agent our raw peers announce. */
    public static final String USER_AGENT = "/raw-v1-test:0.1/";

    /** One received frame; the checksum was verified on arrival. */
    public record Frame(String command, byte[] payload) {
        public Message decode() {
            return Messages.decode(command, payload);
        }
    }

    private final NetworkParameters params;
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private RawV1Peer(NetworkParameters params, Socket socket) throws IOException {
        this.params = params;
        this.socket = socket;
        socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
        socket.setTcpNoDelay(true);
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    public static RawV1Peer connect(NetworkParameters params, InetSocketAddress node) throws IOException {
        return connect(params, node, s -> { });
    }

    /** Connects after {@code configure} has set socket options that must precede the connect (buffer sizes). */
    public static RawV1Peer connect(NetworkParameters params, InetSocketAddress node, Consumer<Socket> configure)
            throws IOException {
        Socket s = new Socket();
        try {
            configure.accept(s);
            s.connect(node, (int) READ_TIMEOUT.toMillis());
            return new RawV1Peer(params, s);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    public Socket socket() {
        return socket;
    }

    /** The 24-byte v1 header and the payload: magic, command, length, first 4 bytes of SHA256d(payload). */
    public static byte[] frame(byte[] magic, String command, byte[] payload) {
        byte[] c = command.getBytes(StandardCharsets.US_ASCII);
        if (c.length > 12) {
            throw new IllegalArgumentException("command over 12 bytes: " + command);
        }
        ByteBuffer b = ByteBuffer.allocate(24 + payload.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(magic).put(Arrays.copyOf(c, 12)).putInt(payload.length).put(Sha256.hashTwice(payload), 0, 4)
                .put(payload);
        return b.array();
    }

    /** A frame of {@code message} for this peer's chain. */
    public byte[] frame(Message message) {
        return frame(params.magic().toByteArray(), Messages.command(message), Messages.encode(message));
    }

    /** A frame of {@code payload} under {@code command}, with a correct checksum, for this peer's chain. */
    public byte[] frame(String command, byte[] payload) {
        return frame(params.magic().toByteArray(), command, payload);
    }

    public void send(Message message) throws IOException {
        sendBytes(frame(message));
    }

    public void sendBytes(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The next frame, or empty when the node closed the connection (end of stream or reset). */
    public Optional<Frame> read() throws IOException {
        byte[] header = new byte[24];
        try {
            in.readFully(header);
            ByteBuffer h = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
            byte[] magic = Arrays.copyOfRange(header, 0, 4);
            if (!Arrays.equals(magic, params.magic().toByteArray())) {
                throw new AssertionError("node sent a frame with magic " + Arrays.toString(magic));
            }
            int end = 4;
            while (end < 16 && header[end] != 0) {
                end++;
            }
            String command = new String(header, 4, end - 4, StandardCharsets.US_ASCII);
            int length = h.getInt(16);
            if (length < 0 || length > Messages.MAX_PROTOCOL_MESSAGE_LENGTH) {
                throw new AssertionError("node announced " + command + " of " + length + " bytes");
            }
            byte[] payload = new byte[length];
            in.readFully(payload);
            byte[] checksum = Arrays.copyOf(Sha256.hashTwice(payload), 4);
            if (!Arrays.equals(checksum, Arrays.copyOfRange(header, 20, 24))) {
                throw new AssertionError("node sent " + command + " with a wrong checksum");
            }
            return Optional.of(new Frame(command, payload));
        } catch (EOFException | SocketException closed) {
            return Optional.empty();
        } catch (SocketTimeoutException e) {
            throw new AssertionError("nothing from the node within " + READ_TIMEOUT, e);
        }
    }

    /** Reads until a frame with {@code command}; fails if the node closes first. */
    public Frame await(String command) throws IOException {
        for (int i = 0; i < 10_000; i++) {
            Optional<Frame> f = read();
            if (f.isEmpty()) {
                throw new AssertionError("node closed the connection while we waited for " + command);
            }
            if (f.get().command().equals(command)) {
                return f.get();
            }
        }
        throw new AssertionError("no " + command + " among 10,000 frames");
    }

    /** A version as a current node sends it, with our user agent. */
    public static Version version(long nonce) {
        return new Version(ProtocolVersion.PROTOCOL_VERSION,
                ServiceFlags.of(ServiceFlags.NODE_NETWORK, ServiceFlags.NODE_WITNESS), 1_764_028_800L,
                Version.Endpoint.NONE, Version.Endpoint.NONE, nonce, USER_AGENT, 0, true);
    }

    /**
     * Inbound handshake from our side: our version, their version (returned) and verack, our verack.
     * Frames the node sends in between (wtxidrelay, sendaddrv2) are skipped.
     */
    public Version handshake(long nonce) throws IOException {
        send(version(nonce));
        Version theirs = (Version) await("version").decode();
        await("verack");
        send(new Verack());
        return theirs;
    }

    /**
     * Sends a ping and returns the first pong that comes back (the node's own pings and anything
     * else are skipped): with one ping in flight its nonce must be ours.
     */
    public Pong pingPong(long nonce) throws IOException {
        send(new Ping(nonce));
        return (Pong) await("pong").decode();
    }

    /**
     * Whether the node closes the connection: reads (discarding) until end of stream or a reset.
     * Fails the test if the node keeps it open past {@link #READ_TIMEOUT}.
     */
    public boolean closedByNode() throws IOException {
        byte[] buffer = new byte[8192];
        try {
            for (int i = 0; i < 100_000; i++) {
                if (in.read(buffer) < 0) {
                    return true;
                }
            }
        } catch (SocketException reset) {
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
        return false;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
