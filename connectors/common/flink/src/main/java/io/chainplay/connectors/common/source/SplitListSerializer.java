package io.chainplay.connectors.common.source;

import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Checkpoints the splits an {@link OwnedSplitEnumerator} has not assigned yet: their count, then
 * each split in its source's own format.
 *
 * @param <S> the source's split type
 */
public final class SplitListSerializer<S> implements SimpleVersionedSerializer<List<S>> {

    /** Writes one split. */
    @FunctionalInterface
    public interface Writer<S> {
        void write(S split, DataOutputView out) throws IOException;
    }

    /** Reads what the {@link Writer} wrote. */
    @FunctionalInterface
    public interface Reader<S> {
        S read(DataInputView in) throws IOException;
    }

    private static final int VERSION = 1;

    private final String what;
    private final Writer<S> writer;
    private final Reader<S> reader;

    /**
     * @param what names the state in errors, e.g. "Solana enumerator state"
     */
    public SplitListSerializer(String what, Writer<S> writer, Reader<S> reader) {
        this.what = what;
        this.writer = writer;
        this.reader = reader;
    }

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(List<S> splits) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        out.writeInt(splits.size());
        for (S split : splits) {
            writer.write(split, out);
        }
        return out.getCopyOfBuffer();
    }

    @Override
    public List<S> deserialize(int version, byte[] serialized) throws IOException {
        if (version != VERSION) {
            throw new IOException("Unknown " + what + " version " + version);
        }
        DataInputDeserializer in = new DataInputDeserializer(serialized);
        int count = in.readInt();
        List<S> splits = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            splits.add(reader.read(in));
        }
        return splits;
    }
}
