package io.chainplay.connectors.solana.source.split;

import io.chainplay.connectors.common.source.SplitListSerializer;
import io.chainplay.connectors.solana.source.SolanaRecord;
import io.chainplay.schemas.chain.EventKind;

import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Writes splits, with their cursors and pending events, into checkpoints. */
public final class SolanaSplitSerializer implements SimpleVersionedSerializer<SolanaSplit> {

    /** The enumerator's checkpoint: the splits not assigned yet, each in this format. */
    public static final SplitListSerializer<SolanaSplit> ENUMERATOR_STATE =
            new SplitListSerializer<>(
                    "Solana enumerator state",
                    SolanaSplitSerializer::write,
                    SolanaSplitSerializer::read);

    public static final SolanaSplitSerializer INSTANCE = new SolanaSplitSerializer();
    private static final int VERSION = 1;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(SolanaSplit split) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        write(split, out);
        return out.getCopyOfBuffer();
    }

    @Override
    public SolanaSplit deserialize(int version, byte[] serialized) throws IOException {
        if (version != VERSION) {
            throw new IOException("Unknown Solana split version " + version);
        }
        return read(new DataInputDeserializer(serialized));
    }

    public static void write(SolanaSplit split, DataOutputView out) throws IOException {
        out.writeUTF(split.id());
        out.writeLong(split.firstSlot());
        out.writeLong(split.lastSlot());
        out.writeInt(split.modulus());
        out.writeInt(split.remainder());
        out.writeLong(split.nextSlot());
        out.writeInt(split.emittedInSlot());
        out.writeInt(split.pending().size());
        for (SolanaSplit.PendingSlot slot : split.pending()) {
            out.writeLong(slot.slot());
            out.writeUTF(slot.blockhash());
            out.writeInt(slot.events().size());
            for (SolanaRecord event : slot.events()) {
                writeRecord(event, out);
            }
        }
        out.writeInt(split.finalizingEmitted());
    }

    public static SolanaSplit read(DataInputView in) throws IOException {
        String id = in.readUTF();
        long first = in.readLong();
        long last = in.readLong();
        int modulus = in.readInt();
        int remainder = in.readInt();
        long next = in.readLong();
        int emitted = in.readInt();
        int pendingCount = in.readInt();
        List<SolanaSplit.PendingSlot> pending = new ArrayList<>(pendingCount);
        for (int i = 0; i < pendingCount; i++) {
            long slot = in.readLong();
            String blockhash = in.readUTF();
            int count = in.readInt();
            List<SolanaRecord> events = new ArrayList<>(count);
            for (int j = 0; j < count; j++) {
                events.add(readRecord(in));
            }
            pending.add(new SolanaSplit.PendingSlot(slot, blockhash, events));
        }
        int finalizing = in.readInt();
        return new SolanaSplit(
                id, first, last, modulus, remainder, next, emitted, pending, finalizing);
    }

    private static void writeRecord(SolanaRecord record, DataOutputView out) throws IOException {
        out.writeUTF(record.programName);
        out.writeUTF(record.eventId);
        out.writeUTF(record.eventName);
        out.writeUTF(record.kind.name());
        out.writeLong(record.slot);
        out.writeUTF(record.key);
        out.writeLong(record.timestamp);
        out.writeInt(record.value.length);
        out.write(record.value);
    }

    private static SolanaRecord readRecord(DataInputView in) throws IOException {
        SolanaRecord record = new SolanaRecord();
        record.type = SolanaRecord.Type.EVENT;
        record.programName = in.readUTF();
        record.eventId = in.readUTF();
        record.eventName = in.readUTF();
        record.kind = EventKind.valueOf(in.readUTF());
        record.slot = in.readLong();
        record.key = in.readUTF();
        record.timestamp = in.readLong();
        record.value = new byte[in.readInt()];
        in.readFully(record.value);
        return record;
    }
}
