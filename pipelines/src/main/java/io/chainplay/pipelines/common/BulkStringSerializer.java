package io.chainplay.pipelines.common;

import org.apache.flink.api.common.typeinfo.BasicTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.StringComparator;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

import java.io.IOException;

/**
 * Flink's {@link StringSerializer}, byte for byte, but written with one call per string instead of
 * one per byte. Written by hand because Flink has no such serializer: its {@code
 * StringValue.writeString} calls {@code DataOutput.write(int)} for every character, and in the
 * casino job's heap snapshots, which write every key of the state and of every timer (event ids of
 * about 100 characters), that was half of the checkpoint thread's time.
 *
 * <p>Use {@link #TYPE} as the key type of a {@code keyBy}. The bytes are the same as Flink's, so
 * state written with either serializer restores with the other ({@link Snapshot}).
 */
public final class BulkStringSerializer extends TypeSerializerSingleton<String> {

    private static final long serialVersionUID = 1L;

    public static final BulkStringSerializer INSTANCE = new BulkStringSerializer();

    /** String keys written by this serializer; compared, hashed and sorted like any string. */
    public static final TypeInformation<String> TYPE = new Type();

    private static final int HIGH_BIT = 0x80;

    /** Per thread: serializers are shared by the task and its snapshot threads. */
    private static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> new byte[256]);

    private BulkStringSerializer() {}

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public String createInstance() {
        return "";
    }

    @Override
    public String copy(String from) {
        return from;
    }

    @Override
    public String copy(String from, String reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return -1;
    }

    /** As {@link StringValue#writeString}: length + 1 as a varint (0 for null), then each char. */
    @Override
    public void serialize(String record, DataOutputView target) throws IOException {
        if (record == null) {
            target.write(0);
            return;
        }
        int length = record.length();
        byte[] buffer = BUFFER.get();
        int worst = 5 + 3 * length; // a char takes at most three bytes
        if (buffer.length < worst) {
            buffer = new byte[Math.max(worst, 2 * buffer.length)];
            BUFFER.set(buffer);
        }
        int at = 0;
        int header = length + 1;
        while (header >= HIGH_BIT) {
            buffer[at++] = (byte) (header | HIGH_BIT);
            header >>>= 7;
        }
        buffer[at++] = (byte) header;
        for (int i = 0; i < length; i++) {
            int c = record.charAt(i);
            while (c >= HIGH_BIT) {
                buffer[at++] = (byte) (c | HIGH_BIT);
                c >>>= 7;
            }
            buffer[at++] = (byte) c;
        }
        target.write(buffer, 0, at);
    }

    @Override
    public String deserialize(DataInputView source) throws IOException {
        return StringValue.readString(source);
    }

    @Override
    public String deserialize(String reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        StringValue.copyString(source, target);
    }

    @Override
    public TypeSerializerSnapshot<String> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Compatible as is with its own snapshots and with Flink's {@link StringSerializer}'s. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<String> {
        public Snapshot() {
            super(() -> INSTANCE);
        }

        @Override
        public TypeSerializerSchemaCompatibility<String> resolveSchemaCompatibility(
                TypeSerializerSnapshot<String> old) {
            if (old instanceof StringSerializer.StringSerializerSnapshot) {
                return TypeSerializerSchemaCompatibility.compatibleAsIs();
            }
            return super.resolveSchemaCompatibility(old);
        }
    }

    private static final class Type extends BasicTypeInfo<String> {
        private static final long serialVersionUID = 1L;

        Type() {
            super(String.class, new Class<?>[] {}, INSTANCE, StringComparator.class);
        }
    }
}
