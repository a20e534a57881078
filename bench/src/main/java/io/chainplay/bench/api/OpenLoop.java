package io.chainplay.bench.api;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * An open-loop HTTP load: requests start on a fixed schedule ({@code rate} per second) whether or
 * not earlier ones have answered, and each latency is measured from the request's scheduled start,
 * so a stall is charged to every request it delays (no coordinated omission).
 *
 * <p>HTTP/1.1 GETs over a pool of keep-alive connections, one request at a time on each (no
 * pipelining), on one thread with a selector: a request goes to an idle connection, or a new one
 * while fewer than {@link #MAX_CONNECTIONS} are open, or waits in line (and its wait counts).
 * Written on plain NIO, like {@link WsFleet}, rather than on {@code java.net.http.HttpClient}: the
 * JDK client hands each request across threads and futures, and at 1,000 requests/s it took about
 * as much CPU as the API it measured (0.6–0.8 of this machine's 2 cores in the 2026-12-07 runs), so
 * the figure was the two processes fighting over the cores. This one parses responses in place:
 * status line, {@code Content-Length} or chunked body, {@code Connection: close}.
 */
final class OpenLoop {

    record Result(Latencies latencies, long errors, double achievedRate, long late) {}

    /** Enough for 1,000 requests/s at up to 0.25 s each before requests queue here. */
    static final int MAX_CONNECTIONS = 256;

    static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);

    private OpenLoop() {}

    /**
     * Runs {@code rate} requests/s for {@code duration}, then waits up to 30 s for the answers; a
     * request unanswered after 10 s counts as an error with a 10 s latency.
     *
     * @param base {@code http://host:port}
     * @param paths the i-th request's path and query
     */
    static Result run(String base, int rate, Duration duration, IntFunction<String> paths)
            throws IOException {
        URI uri = URI.create(base);
        InetSocketAddress address = new InetSocketAddress(uri.getHost(), uri.getPort());
        String host = uri.getHost() + ":" + uri.getPort();
        try (Selector selector = Selector.open()) {
            Run run = new Run(selector, address, host);
            try {
                return run.go(rate, duration, paths);
            } finally {
                run.closeAll();
            }
        }
    }

    /** A request waiting for a connection or for its answer. */
    private record Request(long scheduled, byte[] bytes) {}

    private static final class Run {
        private final Selector selector;
        private final InetSocketAddress address;
        private final String host;
        private final Latencies latencies = new Latencies();
        private final ArrayDeque<Conn> idle = new ArrayDeque<>();
        private final ArrayDeque<Request> waiting = new ArrayDeque<>();
        private final List<Conn> open = new ArrayList<>();
        private long errors;
        private long outstanding;
        private long lastExpiry;

        Run(Selector selector, InetSocketAddress address, String host) {
            this.selector = selector;
            this.address = address;
            this.host = host;
        }

        Result go(int rate, Duration duration, IntFunction<String> paths) throws IOException {
            int total = (int) (rate * duration.toSeconds());
            long interval = 1_000_000_000L / rate;
            long late = 0;
            long start = System.nanoTime() + 100_000_000L;
            int next = 0;
            while (next < total) {
                long scheduled = start + next * interval;
                long wait = scheduled - System.nanoTime();
                if (wait > 0) {
                    poll(wait);
                    continue;
                }
                if (-wait > 1_000_000) {
                    late++; // the generator itself fell behind by more than 1 ms
                }
                String request =
                        "GET " + paths.apply(next) + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n";
                submit(new Request(scheduled, request.getBytes(StandardCharsets.US_ASCII)));
                next++;
            }
            long sent = System.nanoTime();
            long deadline = sent + TimeUnit.SECONDS.toNanos(30);
            while (outstanding > 0 && System.nanoTime() < deadline) {
                poll(TimeUnit.MILLISECONDS.toNanos(5));
            }
            errors += outstanding; // never answered: counted, not silently dropped
            double achieved = total / ((sent - start) / 1e9);
            return new Result(latencies, errors, achieved, late);
        }

        private void submit(Request request) throws IOException {
            outstanding++;
            Conn conn = idle.pollFirst();
            if (conn == null && open.size() < MAX_CONNECTIONS) {
                conn = connect();
            }
            if (conn == null) {
                waiting.addLast(request);
            } else {
                conn.send(request);
            }
        }

        private Conn connect() throws IOException {
            SocketChannel channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
            Conn conn = new Conn(channel);
            channel.connect(address);
            conn.key = channel.register(selector, SelectionKey.OP_CONNECT, conn);
            open.add(conn);
            return conn;
        }

        /** Handles I/O for up to {@code nanos}: a select when there is time, else a short spin. */
        private void poll(long nanos) throws IOException {
            if (nanos > 1_500_000) {
                selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos) - 1));
            } else {
                selector.selectNow();
                if (selector.selectedKeys().isEmpty()) {
                    LockSupport.parkNanos(Math.min(nanos, 100_000));
                }
            }
            for (SelectionKey key : selector.selectedKeys()) {
                Conn conn = (Conn) key.attachment();
                try {
                    if (key.isValid() && key.isConnectable()) {
                        conn.finishConnect();
                    }
                    if (key.isValid() && key.isWritable()) {
                        conn.flush();
                    }
                    if (key.isValid() && key.isReadable()) {
                        conn.read();
                    }
                } catch (IOException e) {
                    conn.fail();
                }
            }
            selector.selectedKeys().clear();
            expire();
        }

        /**
         * Requests past the timeout fail, and their connections with them (checked every 10 ms).
         */
        private void expire() {
            long now = System.nanoTime();
            if (now - lastExpiry < 10_000_000L) {
                return;
            }
            lastExpiry = now;
            for (Conn conn : new ArrayList<>(open)) {
                if (conn.current != null && now - conn.current.scheduled > TIMEOUT_NANOS) {
                    conn.fail();
                }
            }
            while (!waiting.isEmpty() && now - waiting.peekFirst().scheduled > TIMEOUT_NANOS) {
                finish(waiting.pollFirst(), false);
            }
        }

        private void finish(Request request, boolean ok) {
            latencies.record(System.nanoTime() - request.scheduled);
            if (!ok) {
                errors++;
            }
            outstanding--;
        }

        void closeAll() {
            for (Conn conn : open) {
                try {
                    conn.channel.close();
                } catch (IOException ignored) {
                    // closing at the end of a run
                }
            }
        }

        /** One keep-alive connection and the response it is reading. */
        private final class Conn {
            final SocketChannel channel;
            SelectionKey key;
            boolean connected;
            Request current;
            ByteBuffer out;
            byte[] in = new byte[16 * 1024];
            int length;

            Conn(SocketChannel channel) {
                this.channel = channel;
            }

            void send(Request request) throws IOException {
                current = request;
                out = ByteBuffer.wrap(request.bytes());
                length = 0;
                if (connected) {
                    flush();
                }
            }

            void finishConnect() throws IOException {
                channel.finishConnect();
                connected = true;
                key.interestOps(SelectionKey.OP_READ);
                if (current != null) {
                    flush();
                }
            }

            void flush() throws IOException {
                channel.write(out);
                key.interestOps(
                        out.hasRemaining()
                                ? SelectionKey.OP_READ | SelectionKey.OP_WRITE
                                : SelectionKey.OP_READ);
            }

            void read() throws IOException {
                while (true) {
                    if (length == in.length) {
                        in = java.util.Arrays.copyOf(in, in.length * 2);
                    }
                    int n = channel.read(ByteBuffer.wrap(in, length, in.length - length));
                    if (n < 0) {
                        throw new IOException("closed by the server");
                    }
                    if (n == 0) {
                        return;
                    }
                    length += n;
                    Response response = Response.parse(in, length);
                    if (response != null) {
                        if (current == null) {
                            throw new IOException("an answer to no request");
                        }
                        Request done = current;
                        current = null;
                        length = 0;
                        finish(done, response.status == 200);
                        if (response.close) {
                            retire();
                        } else {
                            release();
                        }
                        return;
                    }
                }
            }

            /** Back to the pool, or straight on to the next waiting request. */
            private void release() throws IOException {
                Request next = waiting.pollFirst();
                if (next != null) {
                    send(next);
                } else {
                    idle.addLast(this);
                }
            }

            /** Closed by the server after its answer: the next waiting request gets a new one. */
            private void retire() throws IOException {
                close();
                Request next = waiting.pollFirst();
                if (next != null) {
                    connect().send(next);
                }
            }

            void fail() {
                close();
                if (current != null) {
                    Request failed = current;
                    current = null;
                    finish(failed, false);
                }
            }

            private void close() {
                open.remove(this);
                idle.remove(this);
                key.cancel();
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // already broken
                }
            }
        }
    }

    /** What of a response the load needs: its status and whether the connection ends with it. */
    record Response(int status, boolean close) {

        private static final byte[] HEADERS_END = {'\r', '\n', '\r', '\n'};

        /** The response at the start of {@code buf}, or null while it is incomplete. */
        static Response parse(byte[] buf, int length) {
            int headersEnd = indexOf(buf, 0, length, HEADERS_END);
            if (headersEnd < 0) {
                return null;
            }
            String head = new String(buf, 0, headersEnd, StandardCharsets.ISO_8859_1);
            String[] lines = head.split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ", 3)[1]);
            long contentLength = -1;
            boolean chunked = false;
            boolean close = false;
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = lines[i].substring(colon + 1).trim().toLowerCase(Locale.ROOT);
                switch (name) {
                    case "content-length" -> contentLength = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.contains("chunked");
                    case "connection" -> close = value.contains("close");
                    default -> {}
                }
            }
            int body = headersEnd + HEADERS_END.length;
            if (chunked) {
                return chunkedEnd(buf, body, length) ? new Response(status, close) : null;
            }
            long end = body + Math.max(0, contentLength);
            return length >= end ? new Response(status, close) : null;
        }

        /** Whether the chunked body starting at {@code pos} is complete (no trailers expected). */
        private static boolean chunkedEnd(byte[] buf, int pos, int length) {
            while (true) {
                int lineEnd = indexOf(buf, pos, length, new byte[] {'\r', '\n'});
                if (lineEnd < 0) {
                    return false;
                }
                String sizeLine = new String(buf, pos, lineEnd - pos, StandardCharsets.US_ASCII);
                int semicolon = sizeLine.indexOf(';');
                int size =
                        Integer.parseInt(
                                (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon))
                                        .trim(),
                                16);
                int next = lineEnd + 2 + size + 2; // data, then its CRLF
                if (size == 0) {
                    return length >= lineEnd + 4; // "0\r\n\r\n"
                }
                if (length < next) {
                    return false;
                }
                pos = next;
            }
        }

        private static int indexOf(byte[] buf, int from, int to, byte[] pattern) {
            outer:
            for (int i = from; i <= to - pattern.length; i++) {
                for (int j = 0; j < pattern.length; j++) {
                    if (buf[i + j] != pattern[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }
}
