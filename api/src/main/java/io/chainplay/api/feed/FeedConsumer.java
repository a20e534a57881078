package io.chainplay.api.feed;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads the {@code feed.*} topics and hands every record to the {@link FeedHub}, on one thread.
 *
 * <p>Each API instance reads every partition itself ({@code assign}, no consumer group, no
 * committed offsets), so instances side by side each relay the whole feed and share nothing; a
 * client may reconnect to any of them. At start each partition is read from up to {@code
 * replay-capacity} records back, only to fill the replay window (a client that reconnects to a
 * freshly started instance can still resume); records from then on are live. A topic that appears
 * later is read from its beginning, since all of it is new. Partitions and topics are re-checked
 * every {@code topic-refresh}, so the API may start before the jobs create their topics.
 */
final class FeedConsumer implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(FeedConsumer.class);

    private final FeedProperties properties;
    private final KafkaSettings kafka;
    private final FeedHub hub;
    private final JsonMapper json;

    private volatile boolean running;
    private Thread thread;
    private KafkaConsumer<byte[], byte[]> consumer;

    // Read by health/admin threads.
    private volatile Map<String, Object> status = Map.of("state", "starting");
    private final AtomicLong consumed = new AtomicLong();
    private final AtomicLong invalid = new AtomicLong();
    private volatile long lastPollMillis;

    FeedConsumer(FeedProperties properties, KafkaSettings kafka, FeedHub hub, JsonMapper json) {
        this.properties = properties;
        this.kafka = kafka;
        this.hub = hub;
        this.json = json;
    }

    @Override
    public void start() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(
                ConsumerConfig.CLIENT_ID_CONFIG,
                "chainplay-api-feed-" + UUID.randomUUID().toString().substring(0, 8));
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        // No group: partitions are assigned here and nothing is committed. group.protocol stays
        // classic in case a group is ever configured against the 3.9 broker.
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
        // Asking for a topic's partitions must not create it on the broker.
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
        // A broker that is down is retried quietly rather than logged every 50 ms.
        config.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 5000);
        consumer = new KafkaConsumer<>(config);
        running = true;
        thread = new Thread(this::run, "feed-consumer");
        thread.setDaemon(true);
        thread.start();
        LOG.info(
                "Relaying {} from Kafka at {} to /ws",
                properties.topics(),
                kafka.bootstrapServers());
    }

    @Override
    public void stop() {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        hub.closeAll();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** What the relay reads, for {@code /health/kafka}. */
    Map<String, Object> status() {
        Map<String, Object> out = new LinkedHashMap<>(status);
        out.put("consumed", consumed.get());
        out.put("invalidRecords", invalid.get());
        out.put(
                "lastPollMillisAgo",
                lastPollMillis == 0 ? -1 : System.currentTimeMillis() - lastPollMillis);
        return out;
    }

    private void run() {
        Map<TopicPartition, Long> liveFrom = new HashMap<>();
        Set<String> seenTopics = new HashSet<>();
        boolean firstDiscovery = true;
        long nextRefresh = 0;
        try {
            while (running) {
                try {
                    if (System.nanoTime() >= nextRefresh) {
                        boolean discovered =
                                refreshAssignment(liveFrom, seenTopics, firstDiscovery);
                        firstDiscovery &= !discovered;
                        nextRefresh = System.nanoTime() + properties.topicRefresh().toNanos();
                    }
                    if (liveFrom.isEmpty()) {
                        Thread.sleep(Math.min(1000, properties.topicRefresh().toMillis()));
                        continue;
                    }
                    ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
                    long received = System.nanoTime();
                    lastPollMillis = System.currentTimeMillis();
                    for (ConsumerRecord<byte[], byte[]> record : records) {
                        consumed.incrementAndGet();
                        FeedEvent event = parse(record, received);
                        if (event == null) {
                            invalid.incrementAndGet();
                            continue;
                        }
                        Long from =
                                liveFrom.get(
                                        new TopicPartition(record.topic(), record.partition()));
                        hub.publish(event, from == null || record.offset() >= from);
                    }
                    if (!records.isEmpty()) {
                        updateStatus(liveFrom.keySet());
                    }
                } catch (WakeupException e) {
                    // stop() or shutdown
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (RuntimeException e) {
                    status = Map.of("state", "error", "reason", String.valueOf(e.getMessage()));
                    LOG.warn("Feed consumer error (retrying in 2 s): {}", e.toString());
                    Thread.sleep(2000);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    /** True when the broker answered (topics were looked up), whatever it had. */
    private boolean refreshAssignment(
            Map<TopicPartition, Long> liveFrom, Set<String> seenTopics, boolean firstDiscovery) {
        List<TopicPartition> all = new ArrayList<>();
        boolean answered = false;
        Map<String, List<PartitionInfo>> topics;
        try {
            topics = consumer.listTopics(Duration.ofSeconds(2));
            answered = true;
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            status = Map.of("state", "unreachable", "reason", "Kafka did not answer in 2 s");
            return false;
        }
        for (String topic : properties.topics()) {
            List<PartitionInfo> partitions = topics.get(topic);
            if (partitions == null) {
                continue;
            }
            for (PartitionInfo p : partitions) {
                all.add(new TopicPartition(topic, p.partition()));
            }
        }
        List<TopicPartition> fresh = all.stream().filter(tp -> !liveFrom.containsKey(tp)).toList();
        if (!fresh.isEmpty()) {
            consumer.assign(all);
            Map<TopicPartition, Long> ends = consumer.endOffsets(fresh, Duration.ofSeconds(5));
            Map<TopicPartition, Long> begins =
                    consumer.beginningOffsets(fresh, Duration.ofSeconds(5));
            for (TopicPartition tp : fresh) {
                // Topics there at the first look have history: read back only for the replay
                // window. A topic (or partition) that appears later is new from its start.
                boolean history = firstDiscovery || seenTopics.contains(tp.topic());
                long end = ends.getOrDefault(tp, 0L);
                long begin = begins.getOrDefault(tp, 0L);
                long live = history ? end : begin;
                long start = Math.max(begin, live - properties.replayCapacity());
                consumer.seek(tp, start);
                liveFrom.put(tp, live);
            }
            LOG.info("Feed relay reads {} partitions of {}", all.size(), properties.topics());
        }
        for (TopicPartition tp : all) {
            seenTopics.add(tp.topic());
        }
        // Topics looked up and not there yet count as seen-empty: when they appear, all is new.
        if (answered) {
            for (String topic : properties.topics()) {
                if (!topics.containsKey(topic)) {
                    seenTopics.remove(topic);
                }
            }
        }
        updateStatus(liveFrom.keySet());
        return answered;
    }

    private void updateStatus(Set<TopicPartition> assigned) {
        Map<String, Object> partitions = new TreeMap<>();
        long totalLag = 0;
        for (TopicPartition tp : assigned) {
            long lag = consumer.currentLag(tp).orElse(-1);
            partitions.put(tp.toString(), lag);
            totalLag += Math.max(0, lag);
        }
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("state", "reading");
        s.put("partitions", partitions.size());
        s.put("lag", totalLag);
        status = s;
    }

    private FeedEvent parse(ConsumerRecord<byte[], byte[]> record, long receivedNanos) {
        if (record.value() == null) {
            return null;
        }
        JsonNode node;
        try {
            // A text frame must be valid UTF-8, and it is relayed byte for byte: check it strictly.
            String text =
                    StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(record.value()))
                            .toString();
            node = json.readTree(text);
        } catch (JacksonException | CharacterCodingException e) {
            return null;
        }
        JsonNode type = node.get("type");
        if (!node.isObject() || type == null || !type.isString()) {
            return null;
        }
        JsonNode id = node.get("id");
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        return new FeedEvent(
                0,
                id != null && id.isValueNode() ? id.asString() : null,
                type.asString(),
                FeedChannels.of(record.topic(), type.asString(), key, node.get("data")),
                Frames.frame(Frames.TEXT, record.value()),
                record.topic(),
                record.partition(),
                record.offset(),
                record.timestamp(),
                receivedNanos);
    }
}
