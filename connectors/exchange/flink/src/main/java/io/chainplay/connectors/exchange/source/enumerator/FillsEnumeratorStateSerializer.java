package io.chainplay.connectors.exchange.source.enumerator;

import io.chainplay.connectors.exchange.source.split.FillsSplit;
import io.chainplay.connectors.exchange.source.split.FillsSplitSerializer;

import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Checkpoints the splits the enumerator has not assigned yet. */
public final class FillsEnumeratorStateSerializer
        implements SimpleVersionedSerializer<List<FillsSplit>> {

    private static final int VERSION = 1;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(List<FillsSplit> splits) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(128);
        out.writeInt(splits.size());
        for (FillsSplit split : splits) {
            FillsSplitSerializer.write(split, out);
        }
        return out.getCopyOfBuffer();
    }

    @Override
    public List<FillsSplit> deserialize(int version, byte[] serialized) throws IOException {
        if (version != VERSION) {
            throw new IOException("Unknown fills enumerator state version " + version);
        }
        DataInputDeserializer in = new DataInputDeserializer(serialized);
        int count = in.readInt();
        List<FillsSplit> splits = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            splits.add(FillsSplitSerializer.read(in));
        }
        return splits;
    }
}
