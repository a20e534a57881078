package io.chainplay.bench.casino;

import io.chainplay.devnet.solana.GeneratedEvent;
import io.chainplay.devnet.solana.SolanaDevnet;
import io.chainplay.schemas.Topics;
import io.chainplay.schemas.chain.Chain;
import io.chainplay.schemas.chain.ChainEvent;
import io.chainplay.schemas.chain.Finality;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The benchmark's input: fare_vault activity from the devnet (bets with their fees and jackpot
 * events, resolutions, pool registrations and admin updates, with the real IDL's fields), written
 * to a Kafka topic as the ingest job writes {@code raw.solana.fare_vault}: Avro ChainEvent
 * envelopes keyed by transaction, timestamped with block time, each event once at finalized.
 *
 * <p>Generated slot by slot and written as it goes, with the devnet keeping only recent slots, so
 * the input size is not bounded by memory. Once enough events are written the input is drained:
 * only the resolutions (and jackpot releases) of the bets already written follow, so that every bet
 * of the input is settled and the job's totals and the seed processor's count the same bets.
 */
final class BenchInput {

    /** Resolutions come 2 to 8 slots after their registration: far more than enough. */
    private static final int MAX_DRAIN_SLOTS = 200;

    private BenchInput() {}

    /** The payload's {@code trial_id}, or null: a scan, not a JSON parse (millions of events). */
    static String trialId(String payload) {
        int field = payload.indexOf("\"trial_id\"");
        if (field < 0) {
            return null;
        }
        int open = payload.indexOf('"', field + 10);
        int close = payload.indexOf('"', open + 1);
        return payload.substring(open + 1, close);
    }

    /**
     * Writes at least {@code events} events to the topic, then the resolutions of the bets still
     * open; returns how many events in all.
     *
     * @param betsPerSecond player transactions per second of chain time
     */
    static long produce(
            String bootstrapServers, String topic, long events, double betsPerSecond, int players) {
        long written = 0;
        try (SolanaDevnet devnet =
                        SolanaDevnet.builder()
                                .manualClock()
                                .seed(42)
                                .genesisTime(Instant.parse("2026-03-02T12:00:00Z"))
                                .transactionsPerSecond(betsPerSecond)
                                .players(players)
                                .mafiaShare(0)
                                .failedTransactionFraction(0)
                                .retainSlots(200)
                                .start();
                KafkaProducer<String, byte[]> producer =
                        new KafkaProducer<>(
                                Map.of(
                                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                        bootstrapServers,
                                        ProducerConfig.LINGER_MS_CONFIG,
                                        "20",
                                        ProducerConfig.BATCH_SIZE_CONFIG,
                                        "262144",
                                        ProducerConfig.COMPRESSION_TYPE_CONFIG,
                                        "none"),
                                new StringSerializer(),
                                new ByteArraySerializer())) {
            long from = devnet.startSlot();
            Set<String> open = new HashSet<>(); // trials written and not yet resolved
            boolean draining = false;
            int drainSlots = 0;
            while (!draining || (!open.isEmpty() && drainSlots < MAX_DRAIN_SLOTS)) {
                devnet.advance(20);
                long to = devnet.tipSlot();
                // While draining: only events of the trials open before this batch (a resolution
                // transaction's release comes after its TrialResolved).
                Set<String> wanted = draining ? Set.copyOf(open) : null;
                for (GeneratedEvent g : devnet.groundTruth().events(from, to)) {
                    if (!g.programName().equals("fare_vault") || !g.isFinal()) {
                        continue;
                    }
                    String trial = trialId(g.fieldsJson());
                    if (wanted != null && (trial == null || !wanted.contains(trial))) {
                        continue;
                    }
                    if (g.eventName().equals("TrialRegistered")) {
                        open.add(trial);
                    } else if (g.eventName().equals("TrialResolved")) {
                        open.remove(trial);
                    }
                    ChainEvent event = envelope(g);
                    producer.send(
                            new ProducerRecord<>(
                                    topic,
                                    null,
                                    event.getEventTime().toEpochMilli(),
                                    event.getTxSignature(),
                                    Topics.RAW_SOLANA_FARE_VAULT.serializeValue(event)));
                    written++;
                }
                from = to + 1;
                if (draining) {
                    drainSlots += 20;
                }
                draining = draining || written >= events;
            }
            if (!open.isEmpty()) {
                throw new IllegalStateException(
                        open.size()
                                + " bets still open "
                                + MAX_DRAIN_SLOTS
                                + " slots after the end");
            }
            producer.flush();
        }
        return written;
    }

    static ChainEvent envelope(GeneratedEvent g) {
        return ChainEvent.newBuilder()
                .setEventId(g.eventId())
                .setChain(Chain.SOLANA)
                .setProgram(g.programId())
                .setProgramName(g.programName())
                .setEventName(g.eventName())
                .setTxSignature(g.txSignature())
                .setSlot(g.slot())
                .setInstructionIndex(g.instructionIndex())
                .setEventIndex(g.eventIndex())
                .setEventTime(Instant.ofEpochSecond(g.blockTime()))
                .setCommitment("finalized")
                .setFinality(Finality.FINALIZED)
                .setRetracted(false)
                .setPayload(g.fieldsJson())
                .build();
    }
}
