package io.chainplay.schemas;

import org.apache.kafka.common.serialization.Serde;

/**
 * A Kafka topic with the serdes of its keys and values.
 *
 * @param name the topic name
 * @param keySerde how keys are written
 * @param valueSerde how values are written
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {

    /** The same record types under another name, e.g. a per-test or per-tenant topic. */
    public Topic<K, V> withName(String otherName) {
        return new Topic<>(otherName, keySerde, valueSerde);
    }

    public byte[] serializeKey(K key) {
        return keySerde.serializer().serialize(name, key);
    }

    public byte[] serializeValue(V value) {
        return valueSerde.serializer().serialize(name, value);
    }

    public K deserializeKey(byte[] key) {
        return keySerde.deserializer().deserialize(name, key);
    }

    public V deserializeValue(byte[] value) {
        return valueSerde.deserializer().deserialize(name, value);
    }
}
