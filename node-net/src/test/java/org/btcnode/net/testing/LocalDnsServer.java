package org.btcnode.net.testing;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * A DNS server for tests, on 127.0.0.1 (UDP, port 0), built from dnsjava's message classes: it
 * parses each query, remembers its question ("name TYPE"), and sends back whatever the test's
 * handler returns for it: a reply's bytes, garbage, or nothing at all (a server that never
 * answers). Never forwards anything anywhere. One daemon thread; close() stops it.
 */
public final class LocalDnsServer implements AutoCloseable {
    private final DatagramSocket socket;
    private final Function<Message, Optional<byte[]>> handler;
    private final List<String> questions = new CopyOnWriteArrayList<>();
    private final Thread thread;

    public LocalDnsServer(Function<Message, Optional<byte[]>> handler) throws SocketException {
        this.handler = handler;
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.thread = new Thread(this::serve, "test-dns-server");
        thread.setDaemon(true);
        thread.start();
    }

    /** Where the resolver should send its queries. */
    public InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    /** Every question received so far, as "name TYPE" (e.g. "x9.seed.example. A"). */
    public List<String> questions() {
        return List.copyOf(questions);
    }

    /** A reply to {@code query} with the given answer records and NOERROR. */
    public static byte[] reply(Message query, List<Record> answers) {
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(org.xbill.DNS.Flags.QR);
        response.getHeader().setFlag(org.xbill.DNS.Flags.RD);
        response.getHeader().setFlag(org.xbill.DNS.Flags.RA);
        response.addRecord(query.getQuestion(), org.xbill.DNS.Section.QUESTION);
        for (Record r : answers) {
            response.addRecord(r, org.xbill.DNS.Section.ANSWER);
        }
        return response.toWire(65535);
    }

    /** A reply to {@code query} with no records and the given rcode (e.g. Rcode.NXDOMAIN). */
    public static byte[] error(Message query, int rcode) {
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(org.xbill.DNS.Flags.QR);
        response.getHeader().setRcode(rcode);
        response.addRecord(query.getQuestion(), org.xbill.DNS.Section.QUESTION);
        return response.toWire();
    }

    private void serve() {
        byte[] buffer = new byte[65535];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
                byte[] in = java.util.Arrays.copyOf(packet.getData(), packet.getLength());
                Message query = new Message(in);
                questions.add(query.getQuestion().getName() + " " + Type.string(query.getQuestion().getType()));
                Optional<byte[]> out = handler.apply(query);
                if (out.isPresent()) {
                    socket.send(new DatagramPacket(out.get(), out.get().length, packet.getSocketAddress()));
                }
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
