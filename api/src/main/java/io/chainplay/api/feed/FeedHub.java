package io.chainplay.api.feed;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fans feed events out to the subscribed clients and keeps the replay window.
 *
 * <p>One lock orders everything that touches subscriptions or the replay buffer: a published event
 * enters the buffer and reaches the subscribers under it, and a subscription with a resume point
 * reads the buffer and registers under it. So a resuming client gets every event after its last one
 * exactly once, whether it arrived before or during the subscribe. The fan-out only queues the
 * event's frame (encoded once) for each client; the {@link FeedWriters} threads do the socket
 * writes, so the lock is held for well under a microsecond per client.
 */
final class FeedHub {

    static final int SLOW_CONSUMER = 1008;
    static final int TRY_AGAIN_LATER = 1013;
    static final int GOING_AWAY = 1001;

    private static final Logger LOG = LoggerFactory.getLogger(FeedHub.class);

    private final Object lock = new Object();
    private final ReplayBuffer replay; // guarded by lock
    private final Map<String, Subscribers> byChannel = new HashMap<>(); // guarded by lock
    private long seq; // guarded by lock

    private final Set<FeedConnection> connections = ConcurrentHashMap.newKeySet();
    private final FeedProperties properties;
    private final JsonMapper json;
    private final FeedWriters writers;
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(
                    r -> {
                        Thread t = new Thread(r, "feed-close-timer");
                        t.setDaemon(true);
                        return t;
                    });

    private final AtomicLong published = new AtomicLong();
    private final AtomicLong queuedFrames = new AtomicLong();
    private final AtomicLong droppedSlow = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();

    FeedHub(FeedProperties properties, JsonMapper json, FeedWriters writers) {
        this.properties = properties;
        this.json = json;
        this.writers = writers;
        this.replay = new ReplayBuffer(properties.replayCapacity(), properties.replayWindow());
    }

    FeedWriters writers() {
        return writers;
    }

    /** Registers a new client; false (and closing it) when the instance is full. */
    boolean open(FeedConnection connection) {
        if (connections.size() >= properties.maxConnections()) {
            refused.incrementAndGet();
            connection.socket.close(TRY_AGAIN_LATER, "too_many_connections: this instance is full");
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
            FeedEvent event = unsequenced.withSeq(++seq);
            replay.add(event);
            if (live) {
                published.incrementAndGet();
                for (String channel : event.channels()) {
                    Subscribers subscribers = byChannel.get(channel);
                    if (subscribers == null) {
                        continue;
                    }
                    // Each one is subscribed to this channel, so it matches the event by
                    // construction: only an event on two of its channels needs the seq check.
                    for (FeedConnection c : subscribers.snapshot()) {
                        offer(c, event);
                    }
                }
            }
            return event;
        }
    }

    /** Subscribes to channels and, with {@code lastEventId}, first replays what was missed. */
    void subscribe(FeedConnection c, List<String> channels, String lastEventId) {
        synchronized (lock) {
            for (String channel : channels) {
                if (c.channels.add(channel)) {
                    byChannel.computeIfAbsent(channel, k -> new Subscribers()).add(c);
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
            // Queued (not written here) so that it goes out before the replayed events.
            send(c, Frames.text(FeedMessages.message(json, "subscribed", data)));
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
                    Subscribers set = byChannel.get(channel);
                    if (set != null && set.remove(c)) {
                        byChannel.remove(channel);
                    }
                }
            }
            send(
                    c,
                    Frames.text(
                            FeedMessages.message(
                                    json,
                                    "unsubscribed",
                                    Map.of("channels", new TreeSet<>(c.channels)))));
        }
    }

    /** Forgets a client that closed or failed. */
    void remove(FeedConnection c) {
        if (c == null || !connections.remove(c)) {
            return;
        }
        synchronized (lock) {
            for (String channel : c.channels) {
                Subscribers set = byChannel.get(channel);
                if (set != null && set.remove(c)) {
                    byChannel.remove(channel);
                }
            }
        }
    }

    /**
     * Drops a client that fell too far behind: its unsent frames are discarded and it gets a close
     * frame with the reason after the frame it is reading; cut off if it does not read even that.
     */
    void drop(FeedConnection c) {
        if (!connections.contains(c)) {
            return;
        }
        droppedSlow.incrementAndGet();
        String reason =
                "slow_consumer: more than " + properties.clientBuffer() + " messages behind";
        LOG.info("Dropping feed client {}: {}", c.id(), reason);
        remove(c);
        c.socket.close(SLOW_CONSUMER, reason);
        timer.schedule(
                () -> {
                    if (c.socket.isOpen()) {
                        c.socket.abort();
                    }
                },
                properties.closeTimeout().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Sends a heartbeat to every client. */
    void heartbeat() {
        byte[] frame = Frames.text(FeedMessages.message(json, "heartbeat", null));
        for (FeedConnection c : connections) {
            send(c, frame);
        }
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
        stats.put("queuedFrames", queuedFrames.get());
        stats.put("droppedSlowClients", droppedSlow.get());
        stats.put("refusedConnections", refused.get());
        stats.put("replayBuffered", replaySize);
        return stats;
    }

    /** Closes every client (shutdown), telling them to come back with their last event id. */
    void closeAll() {
        List<FeedConnection> all = new ArrayList<>(connections);
        for (FeedConnection c : all) {
            remove(c);
            c.socket.close(GOING_AWAY, "server shutting down; reconnect with lastEventId");
        }
        timer.shutdownNow();
    }

    // Holding lock. The caller knows that c matches the event (a subscriber of one of its
    // channels, or a replayed event filtered by matches).
    private void offer(FeedConnection c, FeedEvent event) {
        if (c.lastSeq == event.seq()) {
            return;
        }
        c.lastSeq = event.seq();
        send(c, event.frame());
    }

    private void send(FeedConnection c, byte[] frame) {
        if (c.send(frame)) {
            queuedFrames.incrementAndGet();
        } else if (c.socket.accepting()) {
            drop(c); // full, not closing
        }
    }

    private static boolean matches(FeedConnection c, FeedEvent event) {
        for (String channel : event.channels()) {
            if (c.channels.contains(channel)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A channel's subscribers and, built on the first publish after a change, an array of them. The
     * fan-out walks the array: no per-event copy of the set (a slow client dropped during the walk
     * leaves the set, not the array being walked), and no hashing per client. In the api-feed
     * benchmark the copy and a per-client channel lookup were half the consumer thread's time.
     * Guarded by the hub's lock.
     */
    private static final class Subscribers {
        private static final FeedConnection[] NONE = {};

        private final Set<FeedConnection> set = new HashSet<>();
        private FeedConnection[] array = NONE;
        private boolean stale;

        void add(FeedConnection c) {
            stale |= set.add(c);
        }

        /** Removes c; true when none is left. */
        boolean remove(FeedConnection c) {
            stale |= set.remove(c);
            return set.isEmpty();
        }

        int size() {
            return set.size();
        }

        FeedConnection[] snapshot() {
            if (stale) {
                array = set.toArray(NONE);
                stale = false;
            }
            return array;
        }
    }
}
