package io.chainplay.schemas;

import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Kafka serde for a generated Avro record in Avro's single-object encoding.
 *
 * <p>Each value starts with the marker {@code C3 01} and the 8-byte CRC-64-AVRO fingerprint of its
 * writer schema, followed by the binary record. No schema registry is reachable from every machine
 * that runs Chainplay, so the fingerprint is what lets an analyst's reader (Avro's {@code
 * BinaryMessageDecoder}, or any tool that knows the .avsc files in this module) find the schema a
 * record was written with.
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {

    private final Class<T> type;
    private final Schema schema;
    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;

    private AvroSerde(Class<T> type) {
        this.type = type;
        SpecificData model = SpecificData.getForClass(type);
        this.schema = model.getSchema(type);
        this.encoder = new BinaryMessageEncoder<>(model, schema);
        this.decoder = new BinaryMessageDecoder<>(model, schema);
    }

    public static <T extends SpecificRecord> AvroSerde<T> of(Class<T> type) {
        return new AvroSerde<>(type);
    }

    public Schema schema() {
        return schema;
    }

    /** Encodes one record; the encoder is thread-safe. */
    public byte[] encode(T record) {
        try {
            ByteBuffer buffer = encoder.encode(record);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new SerializationException("Cannot encode " + type.getSimpleName(), e);
        }
    }

    /**
     * Decodes one record.
     *
     * @throws SerializationException when the bytes are not a single-object encoded record of this
     *     type's schema (wrong marker, unknown fingerprint, truncated or trailing data)
     */
    public T decode(byte[] bytes) {
        if (bytes == null) {
            throw new SerializationException("No value: expected a " + type.getSimpleName());
        }
        try {
            return decoder.decode(bytes);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException(
                    "Not a single-object encoded "
                            + type.getSimpleName()
                            + " ("
                            + bytes.length
                            + " bytes): "
                            + e.getMessage(),
                    e);
        }
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, data) -> data == null ? null : encode(data);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, data) -> data == null ? null : decode(data);
    }
}
