package io.chainplay.connectors.solana.source.enumerator;

import io.chainplay.connectors.solana.source.split.SolanaSplit;
import io.chainplay.connectors.solana.source.split.SolanaSplitSerializer;

import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Checkpoints the splits the enumerator has not assigned yet. */
public final class EnumeratorStateSerializer
        implements SimpleVersionedSerializer<List<SolanaSplit>> {

    private static final int VERSION = 1;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(List<SolanaSplit> splits) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        out.writeInt(splits.size());
        for (SolanaSplit split : splits) {
            SolanaSplitSerializer.write(split, out);
        }
        return out.getCopyOfBuffer();
    }

    @Override
    public List<SolanaSplit> deserialize(int version, byte[] serialized) throws IOException {
        if (version != VERSION) {
            throw new IOException("Unknown Solana enumerator state version " + version);
        }
        DataInputDeserializer in = new DataInputDeserializer(serialized);
        int count = in.readInt();
        List<SolanaSplit> splits = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            splits.add(SolanaSplitSerializer.read(in));
        }
        return splits;
    }
}
