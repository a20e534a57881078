package io.chainplay.api.feed;

import jakarta.websocket.CloseReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Fans feed events out to the subscribed clients and keeps the replay window.
 *
 * <p>One lock orders everything that touches subscriptions or the replay buffer: a published event
 * enters the buffer and reaches the subscribers under it, and a subscription with a resume point
 * reads the buffer and registers under it. So a resuming client gets every event after its last one
 * exactly once, whether it arrived before or during the subscribe. The fan-out only queues (or
 * starts an asynchronous send), so the lock is held for microseconds per client.
 */
final class FeedHub {

    private static final Logger LOG = LoggerFactory.getLogger(FeedHub.class);

    private final Object lock = new Object();
    private final ReplayBuffer replay; // guarded by lock
    private final Map<String, Set<FeedConnection>> byChannel = new HashMap<>(); // guarded by lock
    private long seq; // guarded by lock

    private final Set<FeedConnection> connections = ConcurrentHashMap.newKeySet();
    private final FeedProperties properties;
    private final JsonMapper json;
    // Closing may wait for a stuck client's socket (up to the blocking send timeout FeedEndpoint
    // sets): never on the relay's own thread, and several at once.
    private final ExecutorService closer = closerPool();

    private static ExecutorService closerPool() {
        java.util.concurrent.ThreadPoolExecutor pool =
                new java.util.concurrent.ThreadPoolExecutor(
                        32,
                        32,
                        30,
                        java.util.concurrent.TimeUnit.SECONDS,
                        new java.util.concurrent.LinkedBlockingQueue<>(),
                        r -> {
                            Thread t = new Thread(r, "feed-closer");
                            t.setDaemon(true);
                            return t;
                        });
        pool.allowCoreThreadTimeOut(true); // no threads while nobody is being dropped
        return pool;
    }

    private final LongAdder delivered = new LongAdder();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong droppedSlow = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();

    FeedHub(FeedProperties properties, JsonMapper json) {
        this.properties = properties;
        this.json = json;
        this.replay = new ReplayBuffer(properties.replayCapacity(), properties.replayWindow());
    }

    /** Registers a new client; false (and closed) when the instance is full. */
    boolean open(FeedConnection connection) {
        if (connections.size() >= properties.maxConnections()) {
            refused.incrementAndGet();
            closeLater(
                    connection,
                    new CloseReason(
                            CloseReason.CloseCodes.TRY_AGAIN_LATER,
                            "too_many_connections: this instance is full"));
            return false;
        }
        connections.add(connection);
        return true;
    }

    /**
     * Adds an event to the replay window and, when {@code live}, delivers it. Called by the one
     * consumer thread, in Kafka order per partition.
     *
     * @param live false for the records read at start only to fill the replay window
     */
    FeedEvent publish(FeedEvent unsequenced, boolean live) {
        synchronized (lock) {
            FeedEvent event =
                    new FeedEvent(
                            ++seq,
                            unsequenced.id(),
                            unsequenced.type(),
                            unsequenced.channels(),
                            unsequenced.text(),
                            unsequenced.topic(),
                            unsequenced.partition(),
                            unsequenced.offset(),
                            unsequenced.kafkaTimestamp(),
                            unsequenced.receivedNanos());
            replay.add(event);
            if (live) {
                published.incrementAndGet();
                for (String channel : event.channels()) {
                    Set<FeedConnection> subscribers = byChannel.get(channel);
                    if (subscribers == null) {
                        continue;
                    }
                    // A client dropped as too slow leaves the set: iterate over a copy then.
                    for (FeedConnection c : subscribers.toArray(new FeedConnection[0])) {
                        offer(c, event);
                    }
                }
            }
            return event;
        }
    }

    /**
     * Subscribes to channels and, with {@code lastEventId}, first replays what the client missed.
     *
     * @return the reply to send, saying what was subscribed and replayed
     */
    void subscribe(FeedConnection c, List<String> channels, String lastEventId) {
        synchronized (lock) {
            for (String channel : channels) {
                if (c.channels.add(channel)) {
                    byChannel.computeIfAbsent(channel, k -> new java.util.HashSet<>()).add(c);
                }
            }
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("channels", new TreeSet<>(c.channels));
            List<FeedEvent> missed = null;
            if (lastEventId != null) {
                missed = replay.after(lastEventId, System.nanoTime());
                Map<String, Object> resume = new LinkedHashMap<>();
                resume.put("from", lastEventId);
                if (missed == null) {
                    resume.put("status", "gap");
                    resume.put(
                            "message",
                            "The event is not in the replay window (the newest "
                                    + properties.replayCapacity()
                                    + " records, at most "
                                    + properties.replayWindow().toSeconds()
                                    + " s old); reload over REST");
                } else {
                    missed = missed.stream().filter(e -> matches(c, e)).toList();
                    resume.put("status", "ok");
                    resume.put("replayed", missed.size());
                }
                data.put("resume", resume);
            }
            c.send(FeedMessages.message(json, "subscribed", data));
            if (missed != null) {
                for (FeedEvent event : missed) {
                    offer(c, event);
                }
            }
        }
    }

    void unsubscribe(FeedConnection c, List<String> channels) {
        synchronized (lock) {
            for (String channel : channels) {
                if (c.channels.remove(channel)) {
                    Set<FeedConnection> set = byChannel.get(channel);
                    if (set != null) {
                        set.remove(c);
                        if (set.isEmpty()) {
                            byChannel.remove(channel);
                        }
                    }
                }
            }
            c.send(
                    FeedMessages.message(
                            json, "unsubscribed", Map.of("channels", new TreeSet<>(c.channels))));
        }
    }

    /** Forgets a client that closed or failed. */
    void remove(FeedConnection c) {
        if (c == null || !connections.remove(c)) {
            return;
        }
        c.markClosed();
        synchronized (lock) {
            for (String channel : c.channels) {
                Set<FeedConnection> set = byChannel.get(channel);
                if (set != null) {
                    set.remove(c);
                    if (set.isEmpty()) {
                        byChannel.remove(channel);
                    }
                }
            }
        }
    }

    /** Drops a client that fell too far behind, telling it why in the close frame. */
    void drop(FeedConnection c, CloseReason reason) {
        droppedSlow.incrementAndGet();
        LOG.info("Dropping feed client {}: {}", c.id(), reason.getReasonPhrase());
        remove(c);
        closeLater(c, reason);
    }

    /** Sends a heartbeat to every client. */
    void heartbeat() {
        String text = FeedMessages.message(json, "heartbeat", null);
        for (FeedConnection c : connections) {
            c.send(text);
        }
    }

    void delivered() {
        delivered.increment();
    }

    int connections() {
        return connections.size();
    }

    /** Counters for {@code /api/admin/feed} and {@code /health/kafka}. */
    Map<String, Object> stats() {
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("connections", connections.size());
        Map<String, Integer> subscribers = new TreeMap<>();
        int replaySize;
        synchronized (lock) {
            byChannel.forEach(
                    (channel, set) -> {
                        // Per-player channels are summed: listing wallets would leak who watches.
                        String name =
                                channel.startsWith(FeedChannels.PLAYER_PREFIX)
                                        ? "player:*"
                                        : channel;
                        subscribers.merge(name, set.size(), Integer::sum);
                    });
            replaySize = replay.size();
        }
        stats.put("subscribers", subscribers);
        stats.put("published", published.get());
        stats.put("delivered", delivered.sum());
        stats.put("droppedSlowClients", droppedSlow.get());
        stats.put("refusedConnections", refused.get());
        stats.put("replayBuffered", replaySize);
        return stats;
    }

    /** Closes every client (shutdown). */
    void closeAll() {
        List<FeedConnection> all = new ArrayList<>(connections);
        for (FeedConnection c : all) {
            remove(c);
            try {
                c.session()
                        .close(
                                new CloseReason(
                                        CloseReason.CloseCodes.GOING_AWAY,
                                        "server shutting down; reconnect with lastEventId"));
            } catch (IOException | RuntimeException e) {
                // gone already
            }
        }
        closer.shutdown();
    }

    // Holding lock.
    private static void offer(FeedConnection c, FeedEvent event) {
        if (c.lastSeq == event.seq() || !matches(c, event)) {
            return;
        }
        c.lastSeq = event.seq();
        c.send(event.text());
    }

    private static boolean matches(FeedConnection c, FeedEvent event) {
        for (String channel : event.channels()) {
            if (c.channels.contains(channel)) {
                return true;
            }
        }
        return false;
    }

    private void closeLater(FeedConnection c, CloseReason reason) {
        if (c.closeWhenIdle(reason)) {
            closeNow(c, reason);
            return;
        }
        // A client that never reads again never completes its write: cut it after the timeout.
        closer.execute(
                () -> {
                    try {
                        Thread.sleep(FeedEndpoint.CLOSE_TIMEOUT_MILLIS);
                    } catch (InterruptedException e) {
                        return;
                    }
                    if (c.session().isOpen()) {
                        closeNow(c, reason);
                    }
                });
    }

    /** Closes the session on a closer thread (the close frame may wait for the socket). */
    void closeNow(FeedConnection c, CloseReason reason) {
        closer.execute(
                () -> {
                    try {
                        c.session().close(reason);
                    } catch (IOException | RuntimeException e) {
                        LOG.debug("Closing feed client {} failed: {}", c.id(), e.toString());
                    }
                });
    }
}
