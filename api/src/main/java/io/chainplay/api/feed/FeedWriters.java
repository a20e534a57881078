package io.chainplay.api.feed;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * The threads that write queued frames to the sockets, each owning a share of the connections, so a
 * broadcast's thousands of socket writes run on every core while the Kafka thread only queues.
 *
 * <p>A socket is listed in its writer's ready queue at most once ({@link FeedSocket#scheduled});
 * the fan-out queues a frame to every subscriber, then {@link #wakeAll} wakes each writer once.
 */
final class FeedWriters implements AutoCloseable {

    private final List<Writer> writers = new ArrayList<>();

    FeedWriters(int threads) {
        for (int i = 0; i < threads; i++) {
            Writer writer = new Writer("feed-writer-" + i);
            writers.add(writer);
            writer.start();
        }
    }

    /** Lists the socket with its writer; the writer runs at the next wake. */
    void schedule(FeedSocket socket) {
        if (socket.scheduled.compareAndSet(false, true)) {
            Writer writer = writers.get(Math.floorMod(socket.hashCode(), writers.size()));
            writer.ready.add(socket);
            writer.wake();
        }
    }

    void wakeAll() {
        for (Writer w : writers) {
            w.wake();
        }
    }

    @Override
    public void close() {
        for (Writer w : writers) {
            w.running = false;
            LockSupport.unpark(w);
        }
    }

    private static final class Writer extends Thread {
        final ConcurrentLinkedQueue<FeedSocket> ready = new ConcurrentLinkedQueue<>();
        final AtomicBoolean parked = new AtomicBoolean();
        volatile boolean running = true;

        Writer(String name) {
            super(name);
            setDaemon(true);
        }

        // Unpark costs a system call: only when the writer is (about to be) parked.
        void wake() {
            if (parked.get()) {
                LockSupport.unpark(this);
            }
        }

        @Override
        public void run() {
            while (running) {
                FeedSocket socket = ready.poll();
                if (socket == null) {
                    parked.set(true);
                    if (ready.isEmpty()) {
                        LockSupport.parkNanos(50_000_000L);
                    }
                    parked.set(false);
                    continue;
                }
                socket.scheduled.set(false);
                try {
                    socket.drain();
                } catch (RuntimeException e) {
                    socket.abort();
                }
            }
        }
    }
}
