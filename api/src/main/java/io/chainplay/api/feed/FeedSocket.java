package io.chainplay.api.feed;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpUpgradeHandler;
import jakarta.servlet.http.WebConnection;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One WebSocket connection (RFC 6455) on the connection Tomcat hands over after the HTTP upgrade,
 * with non-blocking reads and writes.
 *
 * <p>The relay's own protocol instead of Tomcat's Jakarta WebSocket stack: a broadcast frame is
 * encoded once ({@link Frames#text}) and the same bytes are written to every subscriber, where
 * Tomcat's stack re-encodes the text and dispatches a completion to its executor for every client
 * and message; at 10,000 clients × 20 messages/s that difference is most of the CPU (see
 * api/README.md, Benchmarks).
 *
 * <p>Writes: frames wait in a lock-free queue; one thread at a time (whoever takes the {@code
 * writing} token: a feed writer thread, or Tomcat's thread in {@link #onWritePossible}) writes as
 * many as the socket takes and flushes once. Holding no lock of ours while calling into Tomcat's
 * stream avoids lock-order deadlocks with Tomcat's own socket locks. The queue is bounded: a client
 * that falls {@code capacity} frames behind is closed (1008) after the frames already written.
 *
 * <p>Reads: client frames must be masked (RFC 6455 §5.1); text messages up to {@value #MAX_MESSAGE}
 * bytes, possibly fragmented; ping is answered with pong, close with close.
 */
public final class FeedSocket implements HttpUpgradeHandler, ReadListener, WriteListener {

    /** What the relay does with a connection's events. */
    interface Handler {
        void onOpen(FeedSocket socket);

        void onText(FeedSocket socket, String text);

        void onClose(FeedSocket socket);
    }

    static final int MAX_MESSAGE = 4096;
    private static final AtomicLong IDS = new AtomicLong();

    private final String id = Long.toString(IDS.incrementAndGet());
    private final ConcurrentLinkedQueue<byte[]> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean writing = new AtomicBoolean();

    /** Set while the socket is in its writer's ready list (so it is listed once). */
    final AtomicBoolean scheduled = new AtomicBoolean();

    private volatile boolean closed; // no more frames accepted
    private volatile boolean closeAfterDrain; // the queue ends with a close frame
    private volatile boolean released; // the connection itself is closed

    private Handler handler;
    private FeedWriters writers;
    private int capacity;
    private Object attachment;
    private java.util.Map<String, String[]> query = java.util.Map.of();

    private WebConnection connection;
    private ServletInputStream in;
    private ServletOutputStream out;

    // Reader state (Tomcat calls onDataAvailable on one thread at a time).
    private final byte[] readBuffer = new byte[8192];
    private final byte[] header = new byte[14];
    private int headerLength;
    private long payloadLength = -1;
    private int opcode;
    private boolean fin;
    private final byte[] mask = new byte[4];
    private byte[] payload;
    private int payloadRead;
    private final ByteArrayOutputStream fragments = new ByteArrayOutputStream();
    private int fragmentOpcode = -1;
    private boolean readClosed;

    /** Tomcat instantiates the handler; {@link FeedServlet} configures it before {@link #init}. */
    public FeedSocket() {}

    void configure(
            Handler handler,
            FeedWriters writers,
            int capacity,
            java.util.Map<String, String[]> query) {
        this.handler = handler;
        this.writers = writers;
        this.capacity = capacity;
        this.query = java.util.Map.copyOf(query);
    }

    /** The upgrade request's query parameters. */
    java.util.Map<String, String[]> query() {
        return query;
    }

    String id() {
        return id;
    }

    void attach(Object attachment) {
        this.attachment = attachment;
    }

    Object attachment() {
        return attachment;
    }

    boolean isOpen() {
        return !released;
    }

    /** False once closing: frames are no longer taken. */
    boolean accepting() {
        return !closed;
    }

    int queued() {
        return queued.get();
    }

    @Override
    public void init(WebConnection connection) {
        this.connection = connection;
        try {
            this.in = connection.getInputStream();
            this.out = connection.getOutputStream();
        } catch (IOException e) {
            release();
            return;
        }
        out.setWriteListener(this);
        in.setReadListener(this);
        handler.onOpen(this);
    }

    /**
     * Queues a frame for this client; false when the client is {@code capacity} frames behind (the
     * caller drops it) or closed.
     */
    boolean send(byte[] frame) {
        if (closed) {
            return false;
        }
        if (queued.incrementAndGet() > capacity) {
            queued.decrementAndGet();
            return false;
        }
        queue.add(frame);
        writers.schedule(this);
        return true;
    }

    /** Queues a frame and writes it from this thread if nobody else is writing (replies). */
    boolean sendNow(byte[] frame) {
        if (!send(frame)) {
            return false;
        }
        drain();
        return true;
    }

    /**
     * Stops accepting frames, drops those not yet written, and closes with this code and reason
     * once the frame being written (if any) is out.
     */
    void close(int code, String reason) {
        if (closed) {
            return;
        }
        closed = true;
        byte[] dropped;
        while ((dropped = queue.poll()) != null) {
            queued.decrementAndGet();
        }
        queue.add(Frames.close(code, reason));
        queued.incrementAndGet();
        closeAfterDrain = true;
        writers.schedule(this);
    }

    /** Closes the connection at once, without a close frame (a client that stopped reading). */
    void abort() {
        closed = true;
        release();
    }

    /**
     * Writes queued frames while the socket accepts them, then flushes. Safe from any thread; one
     * writes at a time, the others return.
     */
    void drain() {
        while (!released) {
            if (!writing.compareAndSet(false, true)) {
                return;
            }
            boolean blocked;
            try {
                blocked = writeQueued();
            } catch (IOException | RuntimeException e) {
                writing.set(false);
                release();
                return;
            }
            writing.set(false);
            if (blocked) {
                return; // Tomcat calls onWritePossible when the socket takes more
            }
            if (queue.isEmpty()) {
                if (closeAfterDrain) {
                    release(); // the close frame is out
                }
                return;
            }
            // A frame was queued while we held the token and its sender gave up: go round again.
        }
    }

    // Holding the writing token. True when the socket stopped accepting (frames or bytes remain).
    private boolean writeQueued() throws IOException {
        boolean wrote = false;
        while (true) {
            if (!out.isReady()) {
                return true;
            }
            byte[] frame = queue.poll();
            if (frame == null) {
                if (wrote && out.isReady()) {
                    out.flush(); // one flush (one write to the socket) for all frames written
                }
                return !out.isReady();
            }
            queued.decrementAndGet();
            out.write(frame);
            wrote = true;
        }
    }

    @Override
    public void onWritePossible() {
        drain();
    }

    @Override
    public void onDataAvailable() throws IOException {
        while (in.isReady() && !in.isFinished()) {
            int n = in.read(readBuffer);
            if (n < 0) {
                release();
                return;
            }
            if (n == 0) {
                return;
            }
            parse(readBuffer, n);
            if (released) {
                return;
            }
        }
    }

    @Override
    public void onAllDataRead() {
        release();
    }

    @Override
    public void onError(Throwable t) {
        release();
    }

    @Override
    public void destroy() {
        release();
    }

    private void release() {
        if (released) {
            return;
        }
        released = true;
        closed = true;
        queue.clear();
        queued.set(0);
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (Exception e) {
            // gone already
        }
        if (handler != null) {
            handler.onClose(this);
        }
    }

    // --- reading client frames

    private void parse(byte[] buffer, int length) {
        if (readClosed) {
            return; // after a close frame or a protocol error, input is ignored
        }
        int i = 0;
        while (i < length && !released && !readClosed) {
            if (payloadLength < 0) {
                header[headerLength++] = buffer[i++];
                int needed = headerNeeded();
                if (needed < 0 || headerLength < needed) {
                    continue;
                }
                if (!startFrame()) {
                    return;
                }
                if (payloadLength == 0) {
                    endFrame();
                }
            } else {
                int take = (int) Math.min(length - i, payloadLength - payloadRead);
                for (int k = 0; k < take; k++) {
                    payload[payloadRead] = (byte) (buffer[i + k] ^ mask[payloadRead & 3]);
                    payloadRead++;
                }
                i += take;
                if (payloadRead == payloadLength) {
                    endFrame();
                }
            }
        }
    }

    // The header's full length once its first two bytes are in; -1 before.
    private int headerNeeded() {
        if (headerLength < 2) {
            return -1;
        }
        int len = header[1] & 0x7f;
        int extended = len == 126 ? 2 : len == 127 ? 8 : 0;
        return 2 + extended + 4; // clients always mask
    }

    private boolean startFrame() {
        fin = (header[0] & 0x80) != 0;
        opcode = header[0] & 0x0f;
        if ((header[0] & 0x70) != 0) {
            return protocolError(1002, "reserved bits set (no extension was negotiated)");
        }
        if ((header[1] & 0x80) == 0) {
            return protocolError(1002, "client frames must be masked");
        }
        int len = header[1] & 0x7f;
        int at = 2;
        long length = len;
        if (len == 126) {
            length = ((header[2] & 0xff) << 8) | (header[3] & 0xff);
            at = 4;
        } else if (len == 127) {
            length = 0;
            for (int k = 0; k < 8; k++) {
                length = (length << 8) | (header[2 + k] & 0xff);
            }
            at = 10;
        }
        System.arraycopy(header, at, mask, 0, 4);
        if (length > MAX_MESSAGE || length < 0) {
            return protocolError(1009, "messages are limited to " + MAX_MESSAGE + " bytes");
        }
        payloadLength = length;
        payload = new byte[(int) length];
        payloadRead = 0;
        return true;
    }

    private void endFrame() {
        byte[] data = payload;
        int op = opcode;
        boolean last = fin;
        headerLength = 0;
        payloadLength = -1;
        payload = null;
        switch (op) {
            case Frames.PING -> sendNow(Frames.frame(Frames.PONG, data));
            case Frames.PONG -> {}
            case Frames.CLOSE -> {
                readClosed = true;
                int code = data.length >= 2 ? ((data[0] & 0xff) << 8) | (data[1] & 0xff) : 1000;
                close(code == 1005 || code == 1006 || code == 1015 ? 1000 : code, "");
            }
            case Frames.TEXT, Frames.BINARY, Frames.CONTINUATION -> message(op, data, last);
            default -> protocolError(1002, "unknown opcode " + op);
        }
    }

    private void message(int op, byte[] data, boolean last) {
        if (op == Frames.CONTINUATION) {
            if (fragmentOpcode < 0) {
                protocolError(1002, "continuation without a first fragment");
                return;
            }
        } else if (fragmentOpcode >= 0) {
            protocolError(1002, "a new message inside a fragmented one");
            return;
        } else {
            fragmentOpcode = op;
        }
        if (fragments.size() + data.length > MAX_MESSAGE) {
            protocolError(1009, "messages are limited to " + MAX_MESSAGE + " bytes");
            return;
        }
        fragments.write(data, 0, data.length);
        if (!last) {
            return;
        }
        byte[] whole = fragments.toByteArray();
        int type = fragmentOpcode;
        fragments.reset();
        fragmentOpcode = -1;
        if (type == Frames.BINARY) {
            close(1003, "send JSON text messages");
            return;
        }
        String text;
        try {
            text =
                    StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(java.nio.ByteBuffer.wrap(whole))
                            .toString();
        } catch (CharacterCodingException e) {
            protocolError(1007, "text messages must be UTF-8");
            return;
        }
        handler.onText(this, text);
    }

    private boolean protocolError(int code, String reason) {
        readClosed = true;
        close(code, reason);
        payloadLength = -1;
        headerLength = 0;
        return false;
    }
}
