package io.chainplay.pipelines.earnings;

import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/**
 * The compact serializer of the events waiting in a player's buffer (list state, appended to
 * without reading the player's state), in the same format as the journal inside {@link
 * PlayerStateSerializer}, versioned the same way.
 */
public final class MafiaEventSerializer extends TypeSerializerSingleton<MafiaEvent> {

    private static final long serialVersionUID = 1L;

    static final MafiaEventSerializer INSTANCE = new MafiaEventSerializer();

    private static final int VERSION_1 = 1;

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public MafiaEvent createInstance() {
        return new MafiaEvent();
    }

    @Override
    public MafiaEvent copy(MafiaEvent from) {
        return from.copy();
    }

    @Override
    public MafiaEvent copy(MafiaEvent from, MafiaEvent reuse) {
        return from.copy();
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(MafiaEvent event, DataOutputView out) throws IOException {
        out.writeByte(VERSION_1);
        PlayerStateSerializer.writeEvent(event, out);
    }

    @Override
    public MafiaEvent deserialize(DataInputView in) throws IOException {
        int version = in.readUnsignedByte();
        if (version != VERSION_1) {
            throw new IOException("Unknown MafiaEvent format " + version);
        }
        return PlayerStateSerializer.readEvent(in);
    }

    @Override
    public MafiaEvent deserialize(MafiaEvent reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    @Override
    public TypeSerializerSnapshot<MafiaEvent> snapshotConfiguration() {
        return new MafiaEventSerializerSnapshot();
    }

    /** The serializer's snapshot: the format is versioned in the data itself. */
    public static final class MafiaEventSerializerSnapshot
            extends SimpleTypeSerializerSnapshot<MafiaEvent> {
        public MafiaEventSerializerSnapshot() {
            super(() -> INSTANCE);
        }
    }
}
