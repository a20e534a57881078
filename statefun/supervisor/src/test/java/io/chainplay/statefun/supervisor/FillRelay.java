package io.chainplay.statefun.supervisor;

import io.chainplay.connectors.exchange.fills.ApiKeyRef;
import io.chainplay.connectors.exchange.fills.FillMapper;
import io.chainplay.connectors.exchange.fills.InvalidFillException;
import io.chainplay.connectors.exchange.fills.PlayerAccount;
import io.chainplay.devnet.extended.ExtendedDevnet;
import io.chainplay.devnet.extended.Fill;
import io.chainplay.schemas.AvroSerde;
import io.chainplay.schemas.Topics;
import io.chainplay.schemas.exchange.ExchangeFill;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * What the fills source does, from the devnet's ground truth: each new fill of a workflow player's
 * account as ExchangeFill (Avro) on {@code raw.exchange.fills}, keyed by the player, polled every
 * {@code interval}. Pausable, to hold fills back while the runtime is down.
 *
 * <p>Shared (test-jar) by {@link DailyTradeWorkflowITCase} and the daily-trade benchmark, which
 * need the runtime's fill ingress fed without running the Flink 2 ingest job beside it.
 */
public final class FillRelay extends Thread implements AutoCloseable {

    private final ExtendedDevnet devnet;
    private final Map<Long, String> playerOfAccount;
    private final long intervalNanos;
    private final Set<Long> relayed = new HashSet<>();
    private final AvroSerde<ExchangeFill> serde = AvroSerde.of(ExchangeFill.class);
    private final KafkaProducer<String, byte[]> producer;
    private volatile boolean paused;
    private volatile boolean stopped;

    /**
     * @param playerOfAccount the player of each exchange account; fills of other accounts are not
     *     relayed (read on every poll, so it may be a concurrent map that grows)
     */
    public FillRelay(
            ExtendedDevnet devnet,
            String bootstrapServers,
            Map<Long, String> playerOfAccount,
            Duration interval) {
        super("fill-relay");
        setDaemon(true);
        this.devnet = devnet;
        this.playerOfAccount = playerOfAccount;
        this.intervalNanos = interval.toNanos();
        this.producer =
                new KafkaProducer<>(
                        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                        new StringSerializer(),
                        new ByteArraySerializer());
    }

    /** While paused, new fills wait; they are relayed once resumed. */
    public void setPaused(boolean paused) {
        this.paused = paused;
    }

    @Override
    public void run() {
        while (!stopped) {
            if (!paused) {
                relayNew();
            }
            LockSupport.parkNanos(intervalNanos);
        }
    }

    private void relayNew() {
        boolean sent = false;
        for (Fill fill : devnet.groundTruth()) {
            String player = playerOfAccount.get(fill.accountId());
            if (player != null && relayed.add(fill.id())) {
                producer.send(
                        new ProducerRecord<>(
                                Topics.RAW_EXCHANGE_FILLS.name(),
                                player,
                                serde.encode(toExchangeFill(fill, player))));
                sent = true;
            }
        }
        if (sent) {
            producer.flush();
        }
    }

    /** Through the fills source's own mapping, as if the stream had delivered it. */
    private static ExchangeFill toExchangeFill(Fill fill, String player) {
        try {
            return FillMapper.toFill(
                    fill.toJson(),
                    new PlayerAccount(fill.accountId(), player, ApiKeyRef.literal("unused")),
                    FillMapper.VIA_STREAM);
        } catch (InvalidFillException e) {
            throw new IllegalStateException("the devnet made a fill we cannot read: " + fill, e);
        }
    }

    @Override
    public void close() {
        stopped = true;
        try {
            join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close();
    }
}
