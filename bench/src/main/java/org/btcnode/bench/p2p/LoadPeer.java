package org.btcnode.bench.p2p;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

import org.btcnode.core.message.Message;
import org.btcnode.core.message.NetAddress;
import org.btcnode.core.message.Ping;
import org.btcnode.core.message.Pong;
import org.btcnode.core.message.ProtocolVersion;
import org.btcnode.core.message.ServiceFlags;
import org.btcnode.core.message.Verack;
import org.btcnode.core.message.Version;

/**
 * One blocking v1 connection to the daemon on 127.0.0.1, playing an inbound peer: sends version,
 * answers version with verack and ping with pong, ignores everything else. Not thread-safe.
 */
final class LoadPeer implements Closeable {
    static final String USER_AGENT = "/btcnode-peerload:0.1.0/";

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final int port;

    private LoadPeer(Socket socket, int port) throws IOException {
        this.socket = socket;
        this.port = port;
        this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 64 * 1024));
        this.out = new BufferedOutputStream(socket.getOutputStream(), 8 * 1024);
    }

    /** Connects to 127.0.0.1:{@code port}; every later read fails after {@code readTimeout}. */
    static LoadPeer connect(int port, Duration readTimeout) throws IOException {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.setSoTimeout((int) readTimeout.toMillis());
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), (int) readTimeout.toMillis());
            return new LoadPeer(s, port);
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    /** The version an inbound test peer sends: no services, no tx relay, a fresh nonce. */
    static Version version(int port) {
        return new Version(ProtocolVersion.PROTOCOL_VERSION, ServiceFlags.NODE_NONE, Instant.now().getEpochSecond(),
                new Version.Endpoint(ServiceFlags.NODE_NONE, NetAddress.ipv4(127, 0, 0, 1), port),
                Version.Endpoint.NONE, ThreadLocalRandom.current().nextLong(), USER_AGENT, 0, false);
    }

    void send(Message message) throws IOException {
        out.write(V1Frame.encode(message));
        out.flush();
    }

    /** The next message; EOFException when the daemon closed the connection. */
    Message receive() throws IOException {
        byte[] header = new byte[V1Frame.HEADER_SIZE];
        in.readFully(header);
        V1Frame.Header h = V1Frame.Header.read(ByteBuffer.wrap(header));
        byte[] payload = new byte[h.length()];
        in.readFully(payload);
        return h.decode(payload);
    }

    /** Sends version; returns once the daemon's version and verack are in (our verack sent). */
    void handshake() throws IOException {
        send(version(port));
        boolean version = false;
        boolean verack = false;
        while (!(version && verack)) {
            Message m = receive();
            if (m instanceof Version) {
                version = true;
                send(new Verack());
            } else if (m instanceof Verack) {
                verack = true;
            } else {
                answer(m);
            }
        }
    }

    /** One ping and its pong (BIP 31); other messages are answered or ignored. */
    void pingRoundTrip(long nonce) throws IOException {
        send(new Ping(nonce));
        while (true) {
            Message m = receive();
            if (m instanceof Pong && ((Pong) m).nonce() == nonce) {
                return;
            }
            answer(m);
        }
    }

    /**
     * Reads (and answers pings) until nothing arrives for {@code quiet}; false when the daemon has
     * closed the connection.
     */
    boolean drain(Duration quiet) throws IOException {
        int before = socket.getSoTimeout();
        socket.setSoTimeout((int) Math.max(1, quiet.toMillis()));
        try {
            while (true) {
                answer(receive());
            }
        } catch (SocketTimeoutException e) {
            return true;                          // a timeout mid-frame is not expected from a local daemon
        } catch (EOFException e) {
            return false;
        } catch (IOException e) {
            if (socket.isClosed() || "Connection reset".equals(e.getMessage())) {
                return false;
            }
            throw e;
        } finally {
            if (!socket.isClosed()) {
                socket.setSoTimeout(before);
            }
        }
    }

    private void answer(Message m) throws IOException {
        if (m instanceof Ping) {
            send(new Pong(((Ping) m).nonce()));
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
