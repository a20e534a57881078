package io.chainplay.connectors.solana.source.reader;

import io.chainplay.connectors.solana.source.SolanaChain;
import io.chainplay.connectors.solana.source.SolanaRecord;
import io.chainplay.schemas.AvroSerde;
import io.chainplay.schemas.Topics;
import io.chainplay.schemas.chain.Chain;
import io.chainplay.schemas.chain.ChainEvent;
import io.chainplay.schemas.chain.EventKind;
import io.chainplay.schemas.chain.EventMetas;
import io.chainplay.schemas.chain.Finality;
import io.chainplay.schemas.dlq.DeadLetter;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Turns decoded items into Kafka-ready records: ChainEvent envelopes and dead letters. */
final class Envelopes {

    private static final String DEAD_LETTER_SOURCE = "solana";

    /** The value serde of every raw.solana.* topic, made once: encoders are thread-safe. */
    private static final AvroSerde<ChainEvent> CHAIN_EVENTS = AvroSerde.of(ChainEvent.class);

    private Envelopes() {}

    static SolanaRecord event(SolanaChain.Block block, SolanaChain.Item item, boolean finalized) {
        long time = block.blockTime() == null ? 0 : block.blockTime() * 1000;
        ChainEvent event =
                ChainEvent.newBuilder()
                        .setEventId(
                                EventMetas.eventId(
                                        Chain.SOLANA,
                                        item.txSignature(),
                                        item.instructionIndex(),
                                        item.eventIndex()))
                        .setChain(Chain.SOLANA)
                        .setProgram(item.programId())
                        .setProgramName(item.programName())
                        .setEventName(item.eventName())
                        .setTxSignature(item.txSignature())
                        .setSlot(block.slot())
                        .setBlockHash(block.blockhash())
                        .setInstructionIndex(item.instructionIndex())
                        .setEventIndex(item.eventIndex())
                        .setEventTime(Instant.ofEpochMilli(time))
                        .setCommitment(finalized ? "finalized" : "confirmed")
                        .setFinality(finalized ? Finality.FINALIZED : Finality.OBSERVED)
                        .setRetracted(false)
                        .setPayload(item.payloadJson())
                        .build();
        return record(event, time);
    }

    /** The same event, sent again with its new finality, or retracted. */
    static SolanaRecord rekind(SolanaRecord observed, EventKind kind) {
        ChainEvent event = CHAIN_EVENTS.decode(observed.value);
        switch (kind) {
            case FINALIZED -> {
                event.setCommitment("finalized");
                event.setFinality(Finality.FINALIZED);
            }
            case RETRACTED -> {
                // The slot is not on the finalized chain: its block was on a dropped fork.
                event.setCommitment("dropped");
                event.setRetracted(true);
            }
            default -> throw new IllegalArgumentException("Cannot re-send as " + kind);
        }
        return record(event, observed.timestamp);
    }

    static SolanaRecord deadLetter(SolanaChain.Block block, SolanaChain.Item item) {
        DeadLetter letter =
                DeadLetter.newBuilder()
                        .setSource(DEAD_LETTER_SOURCE)
                        .setPosition(
                                "slot "
                                        + block.slot()
                                        + " tx "
                                        + item.txSignature()
                                        + " instruction "
                                        + item.instructionIndex()
                                        + " event "
                                        + item.eventIndex()
                                        + " program "
                                        + item.programId())
                        .setKey(
                                item.txSignature() == null
                                        ? null
                                        : ByteBuffer.wrap(
                                                item.txSignature()
                                                        .getBytes(StandardCharsets.UTF_8)))
                        .setValue(item.rawData() == null ? null : ByteBuffer.wrap(item.rawData()))
                        .setReason(item.failure())
                        .setFailedAt(Instant.now())
                        .build();
        SolanaRecord record = new SolanaRecord();
        record.type = SolanaRecord.Type.DEAD_LETTER;
        record.programName = item.programName();
        record.slot = block.slot();
        record.key = item.txSignature();
        record.timestamp = block.blockTime() == null ? 0 : block.blockTime() * 1000;
        record.value = Topics.DLQ_SOLANA.serializeValue(letter);
        return record;
    }

    private static SolanaRecord record(ChainEvent event, long time) {
        SolanaRecord record = new SolanaRecord();
        record.type = SolanaRecord.Type.EVENT;
        record.programName = event.getProgramName();
        record.eventId = event.getEventId();
        record.eventName = event.getEventName();
        record.kind = EventKind.of(event);
        record.slot = event.getSlot();
        record.key = event.getTxSignature();
        record.timestamp = time;
        record.value = CHAIN_EVENTS.encode(event);
        return record;
    }
}
