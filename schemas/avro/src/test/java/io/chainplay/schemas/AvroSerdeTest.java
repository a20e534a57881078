package io.chainplay.schemas;

import io.chainplay.schemas.chain.Chain;
import io.chainplay.schemas.chain.ChainEvent;
import io.chainplay.schemas.chain.Finality;
import io.chainplay.schemas.dlq.DeadLetter;

import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AvroSerdeTest {

    private static final AvroSerde<ChainEvent> SERDE = AvroSerde.of(ChainEvent.class);

    @Test
    void writesSingleObjectEncodingWithTheSchemaFingerprint() {
        byte[] bytes = SERDE.encode(event());

        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        long fingerprint =
                org.apache.avro.SchemaNormalization.parsingFingerprint64(
                        ChainEvent.getClassSchema());
        assertThat(ByteBuffer.wrap(bytes, 2, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong())
                .isEqualTo(fingerprint);
    }

    @Test
    void roundTripsThroughTheTopicSerdes() {
        Topic<String, ChainEvent> topic = Topics.RAW_SOLANA_FARE_VAULT;

        byte[] value = topic.serializeValue(event());

        assertThat(topic.deserializeValue(value)).isEqualTo(event());
        assertThat(topic.deserializeKey(topic.serializeKey("sig"))).isEqualTo("sig");
    }

    @Test
    void refusesBytesThatAreNotARecordOfThisSchema() {
        byte[] good = SERDE.encode(event());
        byte[] otherSchema =
                AvroSerde.of(DeadLetter.class)
                        .encode(
                                DeadLetter.newBuilder()
                                        .setSource("x")
                                        .setReason("y")
                                        .setFailedAt(Instant.EPOCH)
                                        .build());

        assertThatThrownBy(() -> SERDE.decode("hello".getBytes()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Not a single-object encoded ChainEvent");
        assertThatThrownBy(() -> SERDE.decode(Arrays.copyOf(good, good.length - 5)))
                .isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> SERDE.decode(otherSchema))
                .isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> SERDE.decode(null)).isInstanceOf(SerializationException.class);
    }

    @Test
    void namesDeadLetterTopicsBySource() {
        assertThat(Topics.deadLetters("solana").name()).isEqualTo("dlq.solana");
        assertThat(Topics.DLQ_CASINO.name()).isEqualTo("dlq.casino");
    }

    private static ChainEvent event() {
        return ChainEvent.newBuilder()
                .setEventId("solana:5xyz:1:0")
                .setChain(Chain.SOLANA)
                .setProgram("FAREvmepkHArRWwLjHmwPQGL9Byg8iKF3hu1vewxTSXe")
                .setProgramName("fare_vault")
                .setEventName("TrialResolved")
                .setTxSignature("5xyz")
                .setSlot(300_000_000L)
                .setBlockHash("hash")
                .setInstructionIndex(1)
                .setEventIndex(0)
                .setEventTime(Instant.ofEpochMilli(1_700_000_000_000L))
                .setCommitment("confirmed")
                .setFinality(Finality.OBSERVED)
                .setRetracted(false)
                .setPayload("{\"a\":1}")
                .build();
    }
}
