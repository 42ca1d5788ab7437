package org.btcnode.bench.p2p;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.btcnode.core.message.Message;
import org.btcnode.core.message.Ping;
import org.btcnode.core.message.Pong;
import org.btcnode.core.message.Verack;
import org.btcnode.core.message.Version;

/**
 * Opens many TCP connections to the daemon at once on one selector thread, sends each a version and
 * follows it until it completes the handshake (the daemon's version and verack in) or is closed by
 * the daemon: closed before the handshake means refused (inbound slots full, no eviction candidate)
 * or evicted early; closed after it means evicted for a newer connection. Bounded by a deadline.
 * Not thread-safe; one run per instance.
 */
final class AcceptStorm {
    /** What became of one connection. */
    enum Outcome {
        /** TCP connect failed (refused by the kernel, backlog full). */
        CONNECT_FAILED,
        /** Connected; no handshake and not closed by the deadline. */
        PENDING,
        /** Closed by the daemon before it sent anything: refused (slots full) or evicted before our version was read. */
        CLOSED_SILENT,
        /** Closed by the daemon after its version, before its verack: evicted mid-handshake. */
        CLOSED_AFTER_VERSION,
        /** Handshake done and still open at the end. */
        HANDSHAKE_OPEN,
        /** Handshake done, closed by the daemon later (evicted). */
        HANDSHAKE_THEN_CLOSED
    }

    /** The counts and times of one run; nanos measured from the first connect call. */
    record Result(int connections, long allConnectedNanos, long allDecidedNanos, int[] outcomes,
            List<String> errors) {
        int count(Outcome o) {
            return outcomes[o.ordinal()];
        }
    }

    private static final class Conn {
        final SocketChannel channel;
        final ByteBuffer in = ByteBuffer.allocate(256 * 1024);
        final List<ByteBuffer> out = new ArrayList<>();
        boolean connected;
        boolean connectFailed;
        boolean gotVersion;
        boolean gotVerack;
        boolean closed;

        Conn(SocketChannel channel) {
            this.channel = channel;
        }

        boolean decided() {
            return connectFailed || closed || gotVerack;
        }
    }

    private final int port;
    private final List<String> errors = new ArrayList<>();

    AcceptStorm(int port) {
        this.port = port;
    }

    /**
     * Opens {@code count} connections as fast as the kernel allows, runs until every one is decided
     * (or {@code limit} passes), then keeps reading for {@code settle} to catch late evictions.
     */
    Result run(int count, Duration limit, Duration settle) throws IOException {
        InetSocketAddress target = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        List<Conn> conns = new ArrayList<>(count);
        long allConnected = -1;
        long allDecided = -1;
        try (Selector selector = Selector.open()) {
            long start = System.nanoTime();
            long deadline = start + limit.toNanos();
            for (int i = 0; i < count; i++) {
                SocketChannel ch = SocketChannel.open();
                ch.configureBlocking(false);
                ch.socket().setTcpNoDelay(true);
                Conn c = new Conn(ch);
                conns.add(c);
                try {
                    if (ch.connect(target)) {
                        connected(c);
                        ch.register(selector, SelectionKey.OP_READ | SelectionKey.OP_WRITE, c);
                    } else {
                        ch.register(selector, SelectionKey.OP_CONNECT, c);
                    }
                } catch (IOException e) {
                    failConnect(c, e);
                }
                selector.selectNow();
                handle(selector);
            }
            long settleEnd = Long.MAX_VALUE;
            while (true) {
                long now = System.nanoTime();
                if (allConnected < 0 && conns.stream().allMatch(c -> c.connected || c.connectFailed)) {
                    allConnected = now - start;
                }
                if (allDecided < 0 && conns.stream().allMatch(Conn::decided)) {
                    allDecided = now - start;
                    settleEnd = now + settle.toNanos();
                }
                if (now >= deadline || now >= settleEnd) {
                    break;
                }
                selector.select(Math.max(1, Math.min(deadline, settleEnd) - now) / 1_000_000 + 1);
                handle(selector);
            }
        }
        int[] outcomes = new int[Outcome.values().length];
        for (Conn c : conns) {
            outcomes[outcome(c).ordinal()]++;
            c.channel.close();
        }
        return new Result(count, allConnected, allDecided, outcomes, List.copyOf(errors));
    }

    private static Outcome outcome(Conn c) {
        if (c.connectFailed) {
            return Outcome.CONNECT_FAILED;
        }
        if (c.gotVerack) {
            return c.closed ? Outcome.HANDSHAKE_THEN_CLOSED : Outcome.HANDSHAKE_OPEN;
        }
        if (!c.closed) {
            return Outcome.PENDING;
        }
        return c.gotVersion ? Outcome.CLOSED_AFTER_VERSION : Outcome.CLOSED_SILENT;
    }

    private void handle(Selector selector) {
        Iterator<SelectionKey> it = selector.selectedKeys().iterator();
        while (it.hasNext()) {
            SelectionKey key = it.next();
            it.remove();
            Conn c = (Conn) key.attachment();
            try {
                if (!key.isValid()) {
                    continue;
                }
                if (key.isConnectable()) {
                    c.channel.finishConnect();
                    connected(c);
                    key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                }
                if (key.isValid() && key.isWritable()) {
                    flush(c, key);
                }
                if (key.isValid() && key.isReadable()) {
                    read(c, key);
                }
            } catch (IOException e) {
                if (!c.connected) {
                    failConnect(c, e);
                } else {
                    c.closed = true;                   // reset by the daemon, or a frame we cannot read
                    String text = String.valueOf(e.getMessage());
                    if (!text.contains("reset") && !text.contains("Broken pipe") && errors.size() < 5) {
                        errors.add("read/write: " + e);
                    }
                }
                key.cancel();
            }
        }
    }

    private void connected(Conn c) {
        c.connected = true;
        c.out.add(ByteBuffer.wrap(V1Frame.encode(LoadPeer.version(port))));
    }

    private void failConnect(Conn c, IOException e) {
        c.connectFailed = true;
        if (errors.size() < 5) {
            errors.add("connect: " + e);
        }
    }

    private static void flush(Conn c, SelectionKey key) throws IOException {
        while (!c.out.isEmpty()) {
            ByteBuffer b = c.out.get(0);
            c.channel.write(b);
            if (b.hasRemaining()) {
                return;
            }
            c.out.remove(0);
        }
        key.interestOps(SelectionKey.OP_READ);
    }

    private void read(Conn c, SelectionKey key) throws IOException {
        int n = c.channel.read(c.in);
        if (n < 0) {
            c.closed = true;
            key.cancel();
            return;
        }
        c.in.flip();
        while (c.in.remaining() >= V1Frame.HEADER_SIZE) {
            c.in.mark();
            V1Frame.Header h = V1Frame.Header.read(c.in);
            if (c.in.remaining() < h.length()) {
                c.in.reset();
                if (h.length() + V1Frame.HEADER_SIZE > c.in.capacity()) {
                    throw new IOException("frame of " + h.length() + " bytes does not fit");
                }
                break;
            }
            byte[] payload = new byte[h.length()];
            c.in.get(payload);
            Message m = h.decode(payload);
            if (m instanceof Version) {
                c.gotVersion = true;
                c.out.add(ByteBuffer.wrap(V1Frame.encode(new Verack())));
            } else if (m instanceof Verack) {
                c.gotVerack = true;
            } else if (m instanceof Ping) {
                c.out.add(ByteBuffer.wrap(V1Frame.encode(new Pong(((Ping) m).nonce()))));
            }
        }
        c.in.compact();
        if (!c.out.isEmpty()) {
            key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
        }
    }
}
