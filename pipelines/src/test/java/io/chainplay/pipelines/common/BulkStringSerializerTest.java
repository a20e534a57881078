package io.chainplay.pipelines.common;

import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class BulkStringSerializerTest {

    @Test
    void writesTheSameBytesAsFlinksStringSerializer() throws IOException {
        for (String s : samples()) {
            assertThat(bytes(BulkStringSerializer.INSTANCE, s))
                    .as("%s", s == null ? "null" : s.length() + " chars")
                    .isEqualTo(bytes(StringSerializer.INSTANCE, s));
        }
    }

    @Test
    void readsWhatEitherWrote() throws IOException {
        for (String s : samples()) {
            DataInputDeserializer in =
                    new DataInputDeserializer(bytes(StringSerializer.INSTANCE, s));
            assertThat(BulkStringSerializer.INSTANCE.deserialize(in)).isEqualTo(s);
            in = new DataInputDeserializer(bytes(BulkStringSerializer.INSTANCE, s));
            assertThat(StringSerializer.INSTANCE.deserialize(in)).isEqualTo(s);
        }
    }

    @Test
    void writesSeveralStringsInARowAsOneStream() throws IOException {
        DataOutputSerializer bulk = new DataOutputSerializer(16);
        DataOutputSerializer flink = new DataOutputSerializer(16);
        for (String s : samples()) {
            BulkStringSerializer.INSTANCE.serialize(s, bulk);
            StringSerializer.INSTANCE.serialize(s, flink);
        }
        assertThat(bulk.getCopyOfBuffer()).isEqualTo(flink.getCopyOfBuffer());
    }

    @Test
    void restoresStateWrittenWithFlinksStringSerializerAndItsOwn() {
        TypeSerializerSnapshot<String> current =
                BulkStringSerializer.INSTANCE.snapshotConfiguration();

        assertThat(
                        current.resolveSchemaCompatibility(
                                StringSerializer.INSTANCE.snapshotConfiguration()))
                .extracting(TypeSerializerSchemaCompatibility::isCompatibleAsIs)
                .isEqualTo(true);
        assertThat(current.resolveSchemaCompatibility(current))
                .extracting(TypeSerializerSchemaCompatibility::isCompatibleAsIs)
                .isEqualTo(true);
        @SuppressWarnings({"unchecked", "rawtypes"})
        TypeSerializerSnapshot<String> longs =
                (TypeSerializerSnapshot) LongSerializer.INSTANCE.snapshotConfiguration();
        assertThat(current.resolveSchemaCompatibility(longs).isIncompatible()).isTrue();
    }

    @Test
    void theKeyTypeUsesIt() {
        assertThat(BulkStringSerializer.TYPE.createSerializer(null))
                .isSameAs(BulkStringSerializer.INSTANCE);
        assertThat(BulkStringSerializer.TYPE.getTypeClass()).isEqualTo(String.class);
    }

    private static List<String> samples() {
        List<String> samples = new ArrayList<>();
        samples.add(null);
        samples.add("");
        samples.add("a");
        samples.add(
                "solana:5VERv8NMvzbJMEkV8xnrLkEaWRtSz9CosKDYjCJjBRnbJLgp8uirBgmQpjKhoR4tjF3ZpRzr"
                        + "FmBV6UjKdiSZkQUW:2:1");
        samples.add("ü€😀\u0000\u007f\u0080\u3fff\u4000\uffff"); // 1-, 2- and 3-byte chars
        samples.add("x".repeat(127));
        samples.add("x".repeat(128)); // the length takes two bytes from here
        samples.add("y".repeat(16_383));
        samples.add("y".repeat(16_384)); // three
        samples.add("z".repeat(100_000));
        Random random = new Random(7);
        for (int i = 0; i < 500; i++) {
            char[] chars = new char[random.nextInt(300)];
            for (int j = 0; j < chars.length; j++) {
                chars[j] = (char) (random.nextBoolean() ? random.nextInt(128) : random.nextInt());
            }
            samples.add(new String(chars));
        }
        return samples;
    }

    private static byte[] bytes(
            org.apache.flink.api.common.typeutils.TypeSerializer<String> serializer, String s)
            throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(s, out);
        return out.getCopyOfBuffer();
    }
}
