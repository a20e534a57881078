package io.chainplay.bench.api;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Thousands of WebSocket clients on a few selector threads, for load: each does the RFC 6455
 * handshake, then reads the server's (unmasked) frames and, for every text frame carrying {@code
 * "sentNs":<n>}, records now − n as a delivery latency.
 *
 * <p>Written on plain NIO rather than {@code java.net.http.WebSocket}: the JDK client spends
 * several microseconds and a few thread hand-offs per message, so at 200,000 messages/s on the same
 * two cores as the server it would measure itself. This one parses a frame in place and never
 * allocates per message, so nearly all the CPU it leaves goes to the API under test.
 */
final class WsFleet implements AutoCloseable {

    private static final byte[] MARKER = "\"sentNs\":".getBytes(StandardCharsets.US_ASCII);

    private final List<Worker> workers = new ArrayList<>();
    final AtomicLong connected = new AtomicLong();
    final AtomicLong closed = new AtomicLong();
    final AtomicLong handshakeFailures = new AtomicLong();

    WsFleet(int threads) throws IOException {
        for (int i = 0; i < threads; i++) {
            Worker worker = new Worker(i);
            workers.add(worker);
            worker.start();
        }
    }

    /**
     * Opens {@code count} clients to {@code path}, at most {@code inFlight} handshakes at a time,
     * and waits until all are connected or the timeout passes.
     */
    void connect(String host, int port, String path, int count, int inFlight, long timeoutSeconds)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        long before = connected.get() + handshakeFailures.get() + closed.get();
        for (int i = 0; i < count; i++) {
            while (i - (connected.get() + handshakeFailures.get() + closed.get() - before)
                    >= inFlight) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "Only " + connected.get() + " clients connected");
                }
                Thread.sleep(1);
            }
            SocketChannel channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.socket().setTcpNoDelay(true);
            channel.connect(new InetSocketAddress(host, port));
            Worker worker = workers.get(i % workers.size());
            worker.add(new Client(channel, host + ":" + port, path));
        }
        while (connected.get() + handshakeFailures.get() + closed.get() - before < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "Only " + connected.get() + " of " + count + " clients connected");
            }
            Thread.sleep(10);
        }
    }

    /** Starts (or restarts) recording: latencies and counts from now on. */
    void reset() {
        for (Worker w : workers) {
            w.resetRequested = true;
        }
    }

    /** The merged latencies since the last reset, and the number of feed messages received. */
    Latencies latencies() throws InterruptedException {
        Latencies all = new Latencies();
        for (Worker w : workers) {
            CountDownLatch done = new CountDownLatch(1);
            w.tasks.add(
                    () -> {
                        all.merge(w.latencies);
                        done.countDown();
                    });
            w.selector.wakeup();
            done.await(10, TimeUnit.SECONDS);
        }
        return all;
    }

    @Override
    public void close() {
        for (Worker w : workers) {
            w.running = false;
            w.selector.wakeup();
        }
        for (Worker w : workers) {
            try {
                w.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private final class Client {
        final SocketChannel channel;
        final ByteBuffer out;
        final ByteBuffer in = ByteBuffer.allocate(16 * 1024); // feed messages are ~350 bytes
        boolean upgraded;

        Client(SocketChannel channel, String host, String path) {
            this.channel = channel;
            byte[] nonce = new byte[16];
            java.util.concurrent.ThreadLocalRandom.current().nextBytes(nonce);
            String request =
                    "GET "
                            + path
                            + " HTTP/1.1\r\nHost: "
                            + host
                            + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: "
                            + Base64.getEncoder().encodeToString(nonce)
                            + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
            this.out = ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII));
        }
    }

    private final class Worker extends Thread {
        final Selector selector;
        final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
        volatile boolean running = true;
        volatile boolean resetRequested;
        Latencies latencies = new Latencies();

        Worker(int index) throws IOException {
            super("ws-fleet-" + index);
            setDaemon(true);
            selector = Selector.open();
        }

        void add(Client client) {
            tasks.add(
                    () -> {
                        try {
                            client.channel.register(selector, SelectionKey.OP_CONNECT, client);
                        } catch (IOException e) {
                            handshakeFailures.incrementAndGet();
                        }
                    });
            selector.wakeup();
        }

        @Override
        public void run() {
            while (running) {
                try {
                    selector.select(100);
                    Runnable task;
                    while ((task = tasks.poll()) != null) {
                        task.run();
                    }
                    if (resetRequested) {
                        latencies = new Latencies();
                        resetRequested = false;
                    }
                    Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                    while (keys.hasNext()) {
                        SelectionKey key = keys.next();
                        keys.remove();
                        handle(key);
                    }
                } catch (IOException e) {
                    // a selector problem: keep going
                }
            }
            for (SelectionKey key : selector.keys()) {
                try {
                    key.channel().close();
                } catch (IOException e) {
                    // closing anyway
                }
            }
        }

        private void handle(SelectionKey key) {
            Client c = (Client) key.attachment();
            try {
                if (!key.isValid()) {
                    return;
                }
                if (key.isConnectable()) {
                    c.channel.finishConnect();
                    key.interestOps(SelectionKey.OP_WRITE);
                }
                if (key.isWritable()) {
                    c.channel.write(c.out);
                    if (!c.out.hasRemaining()) {
                        key.interestOps(SelectionKey.OP_READ);
                    }
                }
                if (key.isReadable()) {
                    int n = c.channel.read(c.in);
                    if (n < 0) {
                        throw new IOException("closed by the server");
                    }
                    long now = System.nanoTime();
                    c.in.flip();
                    if (!c.upgraded) {
                        int end = headerEnd(c.in);
                        if (end < 0) {
                            c.in.compact();
                            return;
                        }
                        String head = new String(c.in.array(), 0, end, StandardCharsets.US_ASCII);
                        if (!head.startsWith("HTTP/1.1 101")) {
                            handshakeFailures.incrementAndGet();
                            throw new IOException(
                                    "handshake refused: " + head.lines().findFirst().orElse(""));
                        }
                        c.upgraded = true;
                        connected.incrementAndGet();
                        c.in.position(end);
                    }
                    frames(c, now);
                    c.in.compact();
                }
            } catch (IOException e) {
                if (c.upgraded) {
                    closed.incrementAndGet();
                }
                key.cancel();
                try {
                    c.channel.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }

        // Consumes whole frames from c.in (flipped), leaving a partial one in place.
        private void frames(Client c, long now) throws IOException {
            ByteBuffer in = c.in;
            while (in.remaining() >= 2) {
                int start = in.position();
                int b0 = in.get(start) & 0xff;
                int b1 = in.get(start + 1) & 0x7f;
                int header = 2;
                long length = b1;
                if (b1 == 126) {
                    if (in.remaining() < 4) {
                        return;
                    }
                    length = in.getShort(start + 2) & 0xffff;
                    header = 4;
                } else if (b1 == 127) {
                    if (in.remaining() < 10) {
                        return;
                    }
                    length = in.getLong(start + 2);
                    header = 10;
                }
                if (header + length > in.capacity()) {
                    throw new IOException(
                            "frame of " + length + " bytes is larger than the buffer");
                }
                if (in.remaining() < header + length) {
                    return;
                }
                int opcode = b0 & 0x0f;
                if (opcode == 0x8) {
                    throw new IOException("close frame");
                }
                if (opcode == 0x1) {
                    long sent = sentNs(in.array(), start + header, (int) length);
                    if (sent > 0) {
                        latencies.record(now - sent);
                    }
                }
                in.position(start + header + (int) length);
            }
        }
    }

    private static int headerEnd(ByteBuffer in) {
        byte[] a = in.array();
        for (int i = in.position(); i + 3 < in.limit(); i++) {
            if (a[i] == '\r' && a[i + 1] == '\n' && a[i + 2] == '\r' && a[i + 3] == '\n') {
                return i + 4;
            }
        }
        return -1;
    }

    // The number after "sentNs": in the payload, or -1.
    private static long sentNs(byte[] a, int from, int length) {
        int end = from + length - MARKER.length;
        outer:
        for (int i = from; i < end; i++) {
            for (int j = 0; j < MARKER.length; j++) {
                if (a[i + j] != MARKER[j]) {
                    continue outer;
                }
            }
            long value = 0;
            boolean any = false;
            for (int k = i + MARKER.length; k < from + length; k++) {
                byte b = a[k];
                if (b < '0' || b > '9') {
                    break;
                }
                value = value * 10 + (b - '0');
                any = true;
            }
            return any ? value : -1;
        }
        return -1;
    }
}
