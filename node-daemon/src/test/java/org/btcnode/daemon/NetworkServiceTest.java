package org.btcnode.daemon;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;

import org.btcnode.core.params.NetworkParameters;
import org.btcnode.daemon.config.NodeOptions;
import org.btcnode.daemon.config.OptionsParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The network service maps the bootstrap options onto node-net: with {@code -dnsseedresolver}
 * the chain's seeds are asked at that server (here one the test runs on 127.0.0.1, answering
 * NXDOMAIN so that nothing is ever stored or dialled). BootstrapTest in node-net covers the
 * schedule itself (-dnsseed=0, fallbacks) on a manual clock.
 */
class NetworkServiceTest {
    @TempDir
    Path home;

    @Test
    void theRegtestSeedIsAskedAtTheConfiguredResolver() throws Exception {
        try (NxDomainServer dns = new NxDomainServer()) {
            withNetwork(List.of("-forcednsseed=1", "-dnsseedresolver=127.0.0.1:" + dns.port()), () ->
                    awaitQuestion(dns, "x9.dummySeed.invalid. A"));
            assertThat(dns.questions).contains("x9.dummySeed.invalid. AAAA");
        }
    }

    private void withNetwork(List<String> extra, Runnable body) throws Exception {
        Path datadir = home.resolve("data");
        Files.createDirectories(datadir.resolve("regtest"));
        List<String> args = new ArrayList<>(List.of("-regtest", "-datadir=" + datadir, "-printtoconsole=0",
                "-listen=0"));
        args.addAll(extra);
        NodeOptions options = OptionsParser.parse(args, home);
        DatabaseService database = new DatabaseService(options.chainDataDir(), NetworkParameters.REGTEST.magic());
        database.start();
        NetworkService network = new NetworkService(options, "v0.1.0", database);
        try {
            network.start();
            body.run();
        } finally {
            network.stop();
            database.stop();
        }
    }

    private static void awaitQuestion(NxDomainServer dns, String question) {
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!dns.questions.contains(question)) {
            assertThat(System.nanoTime()).as("waiting for %s, got %s", question, dns.questions).isLessThan(until);
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
    }

    /** A DNS server on 127.0.0.1 that records each question and answers NXDOMAIN. */
    private static final class NxDomainServer implements AutoCloseable {
        final List<String> questions = new CopyOnWriteArrayList<>();
        private final DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));

        NxDomainServer() throws IOException {
            Thread t = new Thread(this::serve, "test-nxdomain-dns");
            t.setDaemon(true);
            t.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        private void serve() {
            byte[] buffer = new byte[512];
            while (!socket.isClosed()) {
                try {
                    DatagramPacket in = new DatagramPacket(buffer, buffer.length);
                    socket.receive(in);
                    Message query = new Message(Arrays.copyOf(in.getData(), in.getLength()));
                    questions.add(query.getQuestion().getName() + " " + Type.string(query.getQuestion().getType()));
                    Message reply = new Message(query.getHeader().getID());
                    reply.getHeader().setFlag(Flags.QR);
                    reply.getHeader().setRcode(Rcode.NXDOMAIN);
                    reply.addRecord(query.getQuestion(), Section.QUESTION);
                    byte[] out = reply.toWire();
                    socket.send(new DatagramPacket(out, out.length, in.getSocketAddress()));
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
}
