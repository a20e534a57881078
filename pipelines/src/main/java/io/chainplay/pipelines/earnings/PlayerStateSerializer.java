package io.chainplay.pipelines.earnings;

import io.chainplay.pipelines.common.Varints;
import io.chainplay.schemas.chain.EventKind;

import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A compact serializer of {@link PlayerState}: variable-length integers, a bitmask of occupied
 * slots, no field names or class tags. A player with five businesses and a quiet window takes about
 * 210 bytes, which is what a million players cost in RocksDB and in every checkpoint.
 *
 * <p>Every value starts with a format version; a later format adds a version and keeps reading the
 * older ones, so savepoints restore across upgrades (the snapshot class stays the same). Version 1
 * carried the events waiting for the watermark at the end; version 2 leaves them to their own list
 * state ({@link MafiaEventSerializer}), and a version 1 value's are read into {@link
 * PlayerState#legacyBuffer} for the job to move there.
 */
public final class PlayerStateSerializer extends TypeSerializerSingleton<PlayerState> {

    private static final long serialVersionUID = 1L;

    static final PlayerStateSerializer INSTANCE = new PlayerStateSerializer();

    /** With the buffer at the end. Read, never written. */
    private static final int VERSION_1 = 1;

    /** Without the buffer. */
    private static final int VERSION_2 = 2;

    private static final MafiaEvent.Type[] TYPES = MafiaEvent.Type.values();
    private static final EventKind[] KINDS = EventKind.values();

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public PlayerState createInstance() {
        return new PlayerState();
    }

    @Override
    public PlayerState copy(PlayerState from) {
        return from.copy();
    }

    @Override
    public PlayerState copy(PlayerState from, PlayerState reuse) {
        return from.copy();
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(PlayerState s, DataOutputView out) throws IOException {
        out.writeByte(VERSION_2);
        out.writeByte((s.ledger != null ? 1 : 0) | (s.base != null ? 2 : 0));
        if (s.ledger != null) {
            writeLedger(s.ledger, out);
        }
        if (s.base != null) {
            writeLedger(s.base, out);
            writeVarLong(s.baseHorizon, out);
        }
        writeVarLong(s.horizon, out);
        writeVarLong(s.timerAt, out);
        writeVarLong(s.epoch, out);
        writeEvents(s.journal, out);
    }

    @Override
    public PlayerState deserialize(DataInputView in) throws IOException {
        int version = in.readUnsignedByte();
        if (version != VERSION_1 && version != VERSION_2) {
            throw new IOException("Unknown PlayerState format " + version);
        }
        PlayerState s = new PlayerState();
        int flags = in.readUnsignedByte();
        if ((flags & 1) != 0) {
            s.ledger = readLedger(in);
        }
        if ((flags & 2) != 0) {
            s.base = readLedger(in);
            s.baseHorizon = readVarLong(in);
        }
        s.horizon = readVarLong(in);
        s.timerAt = readVarLong(in);
        s.epoch = readVarLong(in);
        readEvents(s.journal, in);
        if (version == VERSION_1) {
            List<MafiaEvent> buffered = new ArrayList<>();
            readEvents(buffered, in);
            s.legacyBuffer = buffered.isEmpty() ? null : buffered;
        }
        return s;
    }

    @Override
    public PlayerState deserialize(PlayerState reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    @Override
    public TypeSerializerSnapshot<PlayerState> snapshotConfiguration() {
        return new PlayerStateSerializerSnapshot();
    }

    /** The serializer's snapshot: the format is versioned in the data itself. */
    public static final class PlayerStateSerializerSnapshot
            extends SimpleTypeSerializerSnapshot<PlayerState> {
        public PlayerStateSerializerSnapshot() {
            super(() -> INSTANCE);
        }
    }

    // ------------------------------------------------------------------ ledger

    private static void writeLedger(Ledger l, DataOutputView out) throws IOException {
        out.writeByte((l.known ? 1 : 0) | (l.joined ? 2 : 0) | (l.hasProgramPending ? 4 : 0));
        writeVarLong(l.joinedAt, out);
        writeVarLong(l.entryFee, out);
        writeVarLong(l.lastUpdate, out);
        writeVarLong(l.pending, out);
        writeVarLong(l.nextDue, out);
        writeVarLong(l.lastDue, out);
        writeVarLong(l.rowBalance, out);
        writeVarLong(l.balance, out);
        writeVarLong(l.balanceAt, out);
        writeVarLong(l.rowsAt, out);
        writeVarLong(l.lastEventAt, out);
        writeVarLong(l.programPending, out);
        writeVarLong(l.totalInvested, out);
        writeVarLong(l.totalUpgradeSpent, out);
        writeVarLong(l.totalSlotSpent, out);
        writeVarLong(l.totalReturned, out);
        writeVarLong(l.totalSellFees, out);
        writeVarLong(l.totalClaimed, out);
        writeVarLong(l.updatesReconciled, out);
        writeVarLong(l.updatesMismatched, out);
        writeVarLong(l.businessSeq, out);
        int occupied = 0;
        for (int i = 0; i < Ledger.MAX_SLOTS; i++) {
            if (l.slots[i] != null) {
                occupied |= 1 << i;
            }
        }
        writeVarLong(occupied, out);
        for (Business b : l.slots) {
            if (b != null) {
                writeVarLong(b.no, out);
                writeVarLong(b.type, out);
                writeVarLong(b.level, out);
                writeVarLong(b.rate, out);
                writeVarLong(b.baseCost, out);
                writeVarLong(b.slotCost, out);
                writeVarLong(b.upgradeSpent, out);
                writeVarLong(b.invested, out);
                writeVarLong(b.createdAt, out);
                writeVarLong(b.earned, out);
                out.writeBoolean(b.legacy);
            }
        }
        writeVarLong(l.dueUndo.length, out);
        for (long v : l.dueUndo) {
            writeVarLong(v, out);
        }
    }

    private static Ledger readLedger(DataInputView in) throws IOException {
        Ledger l = new Ledger();
        int flags = in.readUnsignedByte();
        l.known = (flags & 1) != 0;
        l.joined = (flags & 2) != 0;
        l.hasProgramPending = (flags & 4) != 0;
        l.joinedAt = readVarLong(in);
        l.entryFee = readVarLong(in);
        l.lastUpdate = readVarLong(in);
        l.pending = readVarLong(in);
        l.nextDue = readVarLong(in);
        l.lastDue = readVarLong(in);
        l.rowBalance = readVarLong(in);
        l.balance = readVarLong(in);
        l.balanceAt = readVarLong(in);
        l.rowsAt = readVarLong(in);
        l.lastEventAt = readVarLong(in);
        l.programPending = readVarLong(in);
        l.totalInvested = readVarLong(in);
        l.totalUpgradeSpent = readVarLong(in);
        l.totalSlotSpent = readVarLong(in);
        l.totalReturned = readVarLong(in);
        l.totalSellFees = readVarLong(in);
        l.totalClaimed = readVarLong(in);
        l.updatesReconciled = readVarLong(in);
        l.updatesMismatched = readVarLong(in);
        l.businessSeq = (int) readVarLong(in);
        int occupied = (int) readVarLong(in);
        for (int i = 0; i < Ledger.MAX_SLOTS; i++) {
            if ((occupied & (1 << i)) != 0) {
                Business b = new Business();
                b.slot = i;
                b.no = (int) readVarLong(in);
                b.type = (int) readVarLong(in);
                b.level = (int) readVarLong(in);
                b.rate = (int) readVarLong(in);
                b.baseCost = readVarLong(in);
                b.slotCost = readVarLong(in);
                b.upgradeSpent = readVarLong(in);
                b.invested = readVarLong(in);
                b.createdAt = readVarLong(in);
                b.earned = readVarLong(in);
                b.legacy = in.readBoolean();
                l.slots[i] = b;
            }
        }
        int undo = (int) readVarLong(in);
        l.dueUndo = undo == 0 ? Ledger.EMPTY : new long[undo];
        for (int i = 0; i < undo; i++) {
            l.dueUndo[i] = readVarLong(in);
        }
        return l;
    }

    // ------------------------------------------------------------------ events

    static void writeEvents(List<MafiaEvent> events, DataOutputView out) throws IOException {
        writeVarLong(events.size(), out);
        for (MafiaEvent e : events) {
            writeEvent(e, out);
        }
    }

    static void writeEvent(MafiaEvent e, DataOutputView out) throws IOException {
        out.writeByte(e.type.ordinal());
        out.writeByte(e.kind.ordinal());
        StringValue.writeString(e.eventId, out);
        StringValue.writeString(e.txSignature, out);
        StringValue.writeString(e.player, out);
        writeVarLong(e.slot, out);
        writeVarLong(e.instructionIndex, out);
        writeVarLong(e.eventIndex, out);
        writeVarLong(e.eventTime, out);
        writeVarLong(e.slotIndex, out);
        writeVarLong(e.businessType, out);
        writeVarLong(e.level, out);
        writeVarLong(e.oldLevel, out);
        writeVarLong(e.dailyRate, out);
        writeVarLong(e.entryFee, out);
        writeVarLong(e.invested, out);
        writeVarLong(e.treasuryFee, out);
        writeVarLong(e.slotCost, out);
        writeVarLong(e.totalPaid, out);
        writeVarLong(e.upgradeCost, out);
        writeVarLong(e.daysHeld, out);
        writeVarLong(e.baseFeePercent, out);
        writeVarLong(e.slotDiscount, out);
        writeVarLong(e.feePercent, out);
        writeVarLong(e.returnAmount, out);
        writeVarLong(e.totalInvested, out);
        writeVarLong(e.claimAmount, out);
        writeVarLong(e.earningsAdded, out);
        writeVarLong(e.totalPending, out);
        writeVarLong(e.businessesCount, out);
        writeVarLong(e.nextEarningsTime, out);
        writeVarLong(e.chainTime, out);
    }

    private static void readEvents(List<MafiaEvent> events, DataInputView in) throws IOException {
        int n = (int) readVarLong(in);
        for (int i = 0; i < n; i++) {
            events.add(readEvent(in));
        }
    }

    static MafiaEvent readEvent(DataInputView in) throws IOException {
        MafiaEvent e = new MafiaEvent();
        e.type = TYPES[in.readUnsignedByte()];
        e.kind = KINDS[in.readUnsignedByte()];
        e.eventId = StringValue.readString(in);
        e.txSignature = StringValue.readString(in);
        e.player = StringValue.readString(in);
        e.slot = readVarLong(in);
        e.instructionIndex = (int) readVarLong(in);
        e.eventIndex = (int) readVarLong(in);
        e.eventTime = readVarLong(in);
        e.slotIndex = (int) readVarLong(in);
        e.businessType = (int) readVarLong(in);
        e.level = (int) readVarLong(in);
        e.oldLevel = (int) readVarLong(in);
        e.dailyRate = (int) readVarLong(in);
        e.entryFee = readVarLong(in);
        e.invested = readVarLong(in);
        e.treasuryFee = readVarLong(in);
        e.slotCost = readVarLong(in);
        e.totalPaid = readVarLong(in);
        e.upgradeCost = readVarLong(in);
        e.daysHeld = readVarLong(in);
        e.baseFeePercent = (int) readVarLong(in);
        e.slotDiscount = (int) readVarLong(in);
        e.feePercent = (int) readVarLong(in);
        e.returnAmount = readVarLong(in);
        e.totalInvested = readVarLong(in);
        e.claimAmount = readVarLong(in);
        e.earningsAdded = readVarLong(in);
        e.totalPending = readVarLong(in);
        e.businessesCount = (int) readVarLong(in);
        e.nextEarningsTime = readVarLong(in);
        e.chainTime = readVarLong(in);
        return e;
    }

    // ------------------------------------------------------------------ varints

    static void writeVarLong(long value, DataOutputView out) throws IOException {
        Varints.writeSigned(value, out);
    }

    static long readVarLong(DataInputView in) throws IOException {
        return Varints.readSigned(in, "PlayerState");
    }
}
