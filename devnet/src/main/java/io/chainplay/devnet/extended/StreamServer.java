package io.chainplay.devnet.extended;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The account stream: {@code GET /stream.extended.exchange/v1/account} upgraded to a WebSocket,
 * authenticated by the {@code X-Api-Key} header, sending Extended's account messages {@code
 * {"type", "data": {"orders", "positions", "trades", "balance"}, "error", "ts", "seq"}}.
 *
 * <p>A minimal RFC 6455 server written by hand: the devnet must stay free of Flink and Spring, the
 * JDK's {@code HttpServer} cannot hand over a connection for an upgrade, and no WebSocket server
 * library is part of the build (web3j's Java-WebSocket is excluded on purpose). It does what the
 * stream needs and no more: the opening handshake, unfragmented text frames out, and ping/pong and
 * close in; client frames must be masked, as the RFC requires.
 *
 * <p>{@code seq} counts the messages of one connection from 1, as the real stream does; a gap means
 * a lost message, which only happens here when a connection is dropped (see {@link Faults}). A new
 * connection first receives BALANCE, ORDER (open orders) and POSITION snapshots, taken atomically
 * with its subscription so that no update falls between snapshot and live messages.
 */
final class StreamServer implements AutoCloseable {

    static final String ACCOUNT_PATH = "/stream.extended.exchange/v1/account";
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final Logger LOG = LoggerFactory.getLogger(StreamServer.class);
    private static final Object CLOSE = new Object();

    private final ServerSocket server;
    private final Exchange exchange;
    private final Faults faults;
    private final Clock clock;
    private final List<Connection> connections = new CopyOnWriteArrayList<>();
    private final Thread acceptor;
    private volatile boolean closed;

    StreamServer(String host, int port, Exchange exchange, Faults faults, Clock clock)
            throws IOException {
        this.exchange = exchange;
        this.faults = faults;
        this.clock = clock;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(host, port), 128);
        exchange.sink(this::publish);
        this.acceptor = new Thread(this::acceptLoop, "extended-devnet-stream-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Open account-stream connections. */
    int connections() {
        return connections.size();
    }

    /** Drops every open connection now, without a close frame. */
    void disconnectAll() {
        for (Connection c : connections) {
            c.drop();
        }
    }

    private void publish(List<Exchange.StreamMessage> messages) {
        for (Exchange.StreamMessage m : messages) {
            for (Connection c : connections) {
                if (c.accountId == m.accountId()) {
                    c.queue.add(m);
                }
            }
        }
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket socket = server.accept();
                socket.setTcpNoDelay(true);
                Thread t = new Thread(() -> handshake(socket), "extended-devnet-stream");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("Stream accept failed", e);
                }
            }
        }
    }

    private void handshake(Socket socket) {
        try {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            String head = readHead(in);
            if (head == null) {
                socket.close();
                return;
            }
            String[] lines = head.split("\r\n");
            String[] requestLine = lines[0].split(" ");
            Map<String, String> headers = new HashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.put(
                            lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            lines[i].substring(colon + 1).trim());
                }
            }
            String path = requestLine.length > 1 ? requestLine[1].split("\\?")[0] : "";
            if (!requestLine[0].equals("GET") || !path.equals(ACCOUNT_PATH)) {
                reject(socket, 404, "Not Found", "no stream at " + path);
                return;
            }
            String key = headers.get("sec-websocket-key");
            if (key == null
                    || !"websocket".equalsIgnoreCase(headers.get("upgrade"))
                    || !"13".equals(headers.get("sec-websocket-version"))) {
                reject(socket, 400, "Bad Request", "a WebSocket (version 13) upgrade is required");
                return;
            }
            Exchange.Account account;
            try {
                account = exchange.authenticate(headers.get("x-api-key"));
            } catch (ApiException e) {
                reject(socket, 401, "Unauthorized", e.getMessage());
                return;
            }
            String accept =
                    Base64.getEncoder()
                            .encodeToString(
                                    MessageDigest.getInstance("SHA-1")
                                            .digest(
                                                    (key + GUID)
                                                            .getBytes(StandardCharsets.US_ASCII)));
            Connection c = new Connection(socket, account.config.accountId());
            // Snapshot and subscription under the exchange's lock, so nothing happens in between;
            // and before the 101, so an order placed once the client sees it is on this stream.
            synchronized (exchange) {
                c.queue.addAll(exchange.snapshot(account));
                connections.add(c);
            }
            try {
                out.write(
                        ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                                        + "Connection: Upgrade\r\nSec-WebSocket-Accept: "
                                        + accept
                                        + "\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException e) {
                c.drop(); // already subscribed: unsubscribe, or its queue would grow forever
                return;
            }
            Thread writer = new Thread(c::writeLoop, "extended-devnet-stream-writer");
            writer.setDaemon(true);
            writer.start();
            c.readLoop();
        } catch (IOException | NoSuchAlgorithmException e) {
            closeQuietly(socket);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0 || head.size() > 16_384) {
                return null;
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    private static void reject(Socket socket, int status, String reason, String message)
            throws IOException {
        byte[] body =
                ("{\"status\":\"ERROR\",\"error\":{\"code\":"
                                + status
                                + ",\"message\":"
                                + Exchange.MAPPER.writeValueAsString(message)
                                + "}}")
                        .getBytes(StandardCharsets.UTF_8);
        socket.getOutputStream()
                .write(
                        ("HTTP/1.1 "
                                        + status
                                        + " "
                                        + reason
                                        + "\r\nContent-Type: application/json\r\nContent-Length: "
                                        + body.length
                                        + "\r\nConnection: close\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().write(body);
        socket.getOutputStream().flush();
        socket.close();
    }

    private final class Connection {
        final Socket socket;
        final long accountId;
        final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
        private long seq;
        private volatile boolean gone;

        Connection(Socket socket, long accountId) {
            this.socket = socket;
            this.accountId = accountId;
        }

        void writeLoop() {
            try {
                while (!gone) {
                    Object next = queue.take();
                    if (next == CLOSE) {
                        return;
                    }
                    Exchange.StreamMessage m = (Exchange.StreamMessage) next;
                    if (faults.drawDisconnect()) {
                        drop(); // this message, and what follows, never reach this connection
                        return;
                    }
                    ObjectNode msg = Exchange.MAPPER.createObjectNode();
                    msg.put("type", m.type());
                    msg.set("data", m.data());
                    msg.putNull("error");
                    msg.put("ts", clock.millis());
                    msg.put("seq", ++seq);
                    sendFrame(0x1, Exchange.MAPPER.writeValueAsBytes(msg));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                drop();
            } catch (RuntimeException e) {
                // Never leave a client on an open but silent connection: close it, as a real
                // server's failure would, so the client reconnects and catches up.
                LOG.warn("Stream writer of account {} failed", accountId, e);
                drop();
            }
        }

        void readLoop() {
            try {
                InputStream in = socket.getInputStream();
                while (!gone) {
                    int b0 = in.read();
                    int b1 = in.read();
                    if (b0 < 0 || b1 < 0) {
                        break;
                    }
                    int opcode = b0 & 0x0F;
                    boolean masked = (b1 & 0x80) != 0;
                    long len = b1 & 0x7F;
                    if (len == 126) {
                        len = (in.read() << 8) | in.read();
                    } else if (len == 127) {
                        len = 0;
                        for (int i = 0; i < 8; i++) {
                            len = (len << 8) | in.read();
                        }
                    }
                    if (!masked || len > 1 << 20) {
                        break; // RFC 6455 5.1: a server closes on an unmasked client frame
                    }
                    byte[] mask = in.readNBytes(4);
                    byte[] payload = in.readNBytes((int) len);
                    for (int i = 0; i < payload.length; i++) {
                        payload[i] ^= mask[i % 4];
                    }
                    if (opcode == 0x8) {
                        sendFrame(
                                0x8,
                                payload.length >= 2
                                        ? new byte[] {payload[0], payload[1]}
                                        : new byte[0]);
                        break;
                    } else if (opcode == 0x9) {
                        sendFrame(0xA, payload);
                    }
                    // Text from the client (subscriptions) is not part of the account stream.
                }
            } catch (IOException e) {
                // the connection is gone
            }
            drop();
        }

        synchronized void sendFrame(int opcode, byte[] payload) throws IOException {
            OutputStream out = socket.getOutputStream();
            out.write(0x80 | opcode);
            if (payload.length < 126) {
                out.write(payload.length);
            } else if (payload.length < 65_536) {
                out.write(126);
                out.write(payload.length >>> 8);
                out.write(payload.length & 0xFF);
            } else {
                out.write(127);
                for (int i = 7; i >= 0; i--) {
                    out.write((int) ((long) payload.length >>> (8 * i)) & 0xFF);
                }
            }
            out.write(payload);
            out.flush();
        }

        void drop() {
            if (gone) {
                return;
            }
            gone = true;
            connections.remove(this);
            queue.add(CLOSE);
            closeQuietly(socket);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() {
        closed = true;
        disconnectAll();
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
