package io.chainplay.api.trading;

import io.chainplay.api.ApiException;
import io.chainplay.api.feed.KafkaSettings;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Produces trade requests to the daily-trade workflow's topic, keyed by the player's wallet (the
 * workflow's function address), and waits until the broker has them.
 *
 * <p>{@code acks=all} with idempotence: a request answered {@code 202} is on every in-sync replica.
 * When the broker does not acknowledge within {@code sendTimeout} the caller gets {@code 503}; the
 * record may still arrive later, which is harmless because the workflow answers a repeated {@code
 * requestId} with the same result, so clients retry with the same id.
 *
 * <p>The producer is made on the first request, not at start: an idempotent producer connects at
 * once to fetch its producer id, so an API that never takes a trade request (or runs without Kafka,
 * {@code CHAINPLAY_FEED_ENABLED=false}) would otherwise log a failed connection every second.
 */
public class TradeRequestPublisher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TradeRequestPublisher.class);

    private final Supplier<Producer<String, String>> factory;
    private final String topic;
    private final Duration timeout;
    private Producer<String, String> producer; // guarded by this; made on the first send

    public TradeRequestPublisher(KafkaSettings kafka, TradeProperties properties) {
        this(() -> producer(kafka.bootstrapServers(), properties.sendTimeout()), properties);
    }

    TradeRequestPublisher(Supplier<Producer<String, String>> factory, TradeProperties properties) {
        this.factory = factory;
        this.topic = properties.requestsTopic();
        this.timeout = properties.sendTimeout();
    }

    private synchronized Producer<String, String> producer() {
        if (producer == null) {
            producer = factory.get();
        }
        return producer;
    }

    private static Producer<String, String> producer(String bootstrap, Duration timeout) {
        int millis = (int) Math.max(1, timeout.toMillis());
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "chainplay-api-trades");
        // send() blocks for metadata at most this long, and the whole delivery (retries included)
        // is bounded by the same timeout: a request never holds its thread longer than that.
        // delivery.timeout.ms must be >= linger.ms + request.timeout.ms, hence linger 0.
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, millis);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, millis);
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    /** Sends {@code json} keyed by {@code player}; a {@code 503} when the broker does not ack. */
    public void send(String player, String json) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            producer()
                    .send(new ProducerRecord<>(topic, player, json))
                    .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable();
        } catch (ExecutionException | TimeoutException | org.apache.kafka.common.KafkaException e) {
            // send() itself throws a KafkaException (a TimeoutException) when metadata does not
            // come within max.block.ms; the future fails when delivery times out.
            LOG.warn("Trade request not acknowledged by Kafka ({}): {}", topic, e.toString());
            throw unavailable();
        }
    }

    private ApiException unavailable() {
        return new ApiException(
                HttpStatus.SERVICE_UNAVAILABLE,
                "trade_queue_unavailable",
                "The trade request could not be queued within "
                        + timeout.toMillis()
                        + " ms; retry with the same requestId (a repeated id is answered once)");
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(2));
        }
    }
}
