package io.chainplay.connectors.exchange.source.split;

import io.chainplay.connectors.common.source.SplitListSerializer;

import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/**
 * Writes splits with their cursors into checkpoints. No API key is part of a split (the reader
 * resolves it from the source's account list), so none reaches a checkpoint.
 */
public final class FillsSplitSerializer implements SimpleVersionedSerializer<FillsSplit> {

    /** The enumerator's checkpoint: the splits not assigned yet, each in this format. */
    public static final SplitListSerializer<FillsSplit> ENUMERATOR_STATE =
            new SplitListSerializer<>(
                    "fills enumerator state",
                    FillsSplitSerializer::write,
                    FillsSplitSerializer::read);

    public static final FillsSplitSerializer INSTANCE = new FillsSplitSerializer();
    private static final int VERSION = 1;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(FillsSplit split) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        write(split, out);
        return out.getCopyOfBuffer();
    }

    @Override
    public FillsSplit deserialize(int version, byte[] serialized) throws IOException {
        if (version != VERSION) {
            throw new IOException("Unknown fills split version " + version);
        }
        return read(new DataInputDeserializer(serialized));
    }

    public static void write(FillsSplit split, DataOutputView out) throws IOException {
        out.writeLong(split.accountId());
        out.writeUTF(split.player());
        out.writeLong(split.cursor());
        out.writeLong(split.fromMillis());
        out.writeLong(split.toMillis());
    }

    public static FillsSplit read(DataInputView in) throws IOException {
        return new FillsSplit(
                in.readLong(), in.readUTF(), in.readLong(), in.readLong(), in.readLong());
    }
}
