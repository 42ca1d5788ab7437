package org.btcnode.bench.p2p;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;

/**
 * One keep-alive HTTP/1.1 connection to the daemon's JSON-RPC server on 127.0.0.1, on a plain
 * blocking socket with TCP_NODELAY: a POST to {@code /} with Basic authentication, then the reply's
 * status line, headers and a body of exactly {@code Content-Length} bytes. Requests go one at a
 * time (no pipelining). A reply with {@code Connection: close} (or a server that closed) is
 * recorded and the next call opens a new connection, so a benchmark can report whether keep-alive
 * held. Not thread-safe: one per client thread.
 */
final class RpcConnection implements Closeable {
    /** Longer than any reply of ours; a limit so a broken server cannot make us buffer forever. */
    private static final int MAX_HEADER_BYTES = 16 * 1024;

    /** One reply: the HTTP status, the body, and the bytes of the status line plus headers. */
    record Reply(int status, byte[] body, int headerBytes) {}

    private final int port;
    private final String authorization;
    private final Duration timeout;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private int connects;

    /** {@code cookie} is the cookie file's content, {@code __cookie__:<hex>}. */
    RpcConnection(int port, String cookie, Duration timeout) {
        this.port = port;
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString(cookie.strip().getBytes(StandardCharsets.UTF_8));
        this.timeout = timeout;
    }

    /** TCP connections opened so far: 1 after the first call when keep-alive held throughout. */
    int connects() {
        return connects;
    }

    /** Opens the connection now (so a timed set does not pay for it); a no-op when open. */
    void open() throws IOException {
        if (socket != null) {
            return;
        }
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.setSoTimeout((int) timeout.toMillis());
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), (int) timeout.toMillis());
            in = new BufferedInputStream(s.getInputStream(), 64 * 1024);
            out = s.getOutputStream();
            socket = s;
            connects++;
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    /** POSTs one JSON-RPC body and reads the whole reply. */
    Reply post(String json) throws IOException {
        open();
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String head = "POST / HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: " + authorization
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, request, 0, headBytes.length);
        System.arraycopy(body, 0, request, headBytes.length, body.length);
        try {
            out.write(request);                 // one write: one segment for small requests
            out.flush();
            return readReply();
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    private Reply readReply() throws IOException {
        String statusLine = readLine();
        // "HTTP/1.1 200 OK"
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP reply: " + statusLine);
        }
        int status = Integer.parseInt(parts[1]);
        int headerBytes = statusLine.length() + 2;
        int length = -1;
        boolean close = parts[0].equals("HTTP/1.0");
        while (true) {
            String line = readLine();
            headerBytes += line.length() + 2;
            if (headerBytes > MAX_HEADER_BYTES) {
                throw new IOException("reply headers over " + MAX_HEADER_BYTES + " bytes");
            }
            if (line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                throw new IOException("bad header line: " + line);
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> length = Integer.parseInt(value);
                case "connection" -> close = value.equalsIgnoreCase("close");
                case "transfer-encoding" -> throw new IOException("unexpected Transfer-Encoding: " + value);
                default -> { }
            }
        }
        if (length < 0) {
            throw new IOException("reply without Content-Length (HTTP " + status + ")");
        }
        byte[] body = in.readNBytes(length);
        if (body.length != length) {
            throw new EOFException("reply body cut at " + body.length + " of " + length + " bytes");
        }
        if (close) {
            close();
        }
        return new Reply(status, body, headerBytes);
    }

    /** One CRLF-terminated header line, without the CRLF. */
    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed in the reply headers");
            }
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
            }
            if (line.size() >= MAX_HEADER_BYTES) {
                throw new IOException("reply header line over " + MAX_HEADER_BYTES + " bytes");
            }
            line.write(b);
        }
    }

    @Override
    public void close() throws IOException {
        if (socket != null) {
            Socket s = socket;
            socket = null;
            s.close();
        }
    }
}
