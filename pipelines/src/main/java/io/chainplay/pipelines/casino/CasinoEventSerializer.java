package io.chainplay.pipelines.casino;

import io.chainplay.pipelines.common.Varints;
import io.chainplay.schemas.chain.EventKind;

import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The compact serializer of {@link CasinoEvent}, in state (inside {@link TrialState}, the {@link
 * Copies} of {@link PoolEventLedger.Entry}, {@link VaultHistory}, {@link ConfigHistory}) and on the
 * wire between operators. Attached to the class by {@link CasinoEventTypeInfoFactory}, so Flink
 * picks it wherever it derives a serializer for a {@code CasinoEvent}, alone, in a POJO's field or
 * in an array.
 *
 * <p>Why: with Flink's POJO serializer, heap-state checkpoint snapshots took about 27% of the
 * casino job's CPU, most of it the POJO serializer's reflective field access and Flink's {@code
 * StringSerializer}, which hands each char of the long ASCII ids (event ids of about 100 chars,
 * base58 signatures and keys) to the stream in a call of its own; and a few % more went into
 * sending events between operators. Here a string is a length and its bytes in one write, and an
 * event writes only the fields its type sets: a typical FeeCharged takes about 310 bytes instead of
 * 445.
 *
 * <p>Format, version 1: a version byte; a bitmask (unsigned varint) of the fields that are set, bit
 * {@code i} for field {@code i} in the order of {@link #serialize}; then each set field in that
 * order. A field is set when not null, or for a primitive when not 0 (a double compared by its
 * bits, so -0.0 and NaN are written and come back bit for bit). Enums are their ordinal in a byte,
 * integers unsigned varints (a u64 with the high bit set takes 10 bytes and comes back as the same
 * negative long), doubles their 8 raw bytes, {@code qk} its length and then its doubles, strings as
 * in {@link #writeString}.
 *
 * <p>Evolution: the version is in every value and the snapshot class stays the same, so a new field
 * means a version 2 that writes it and still reads version 1 (where the field is absent). Enum
 * constants are written by ordinal: append new ones, never reorder or remove them. State written by
 * Flink's POJO serializer, before this one, restores by migration (see {@link
 * CasinoEventSerializerSnapshot}).
 */
public final class CasinoEventSerializer extends TypeSerializerSingleton<CasinoEvent> {

    private static final long serialVersionUID = 1L;

    static final CasinoEventSerializer INSTANCE = new CasinoEventSerializer();

    private static final int VERSION_1 = 1;

    /**
     * How many of {@link CasinoEvent}'s fields the format carries: a test compares it with the
     * class's, so a new field cannot be left out of the serializer unnoticed.
     */
    static final int FIELDS = 31;

    private static final CasinoEvent.Type[] TYPES = CasinoEvent.Type.values();
    private static final EventKind[] KINDS = EventKind.values();

    private static final VarHandle LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public CasinoEvent createInstance() {
        return new CasinoEvent();
    }

    /** A deep copy: {@link CasinoEvent#copy()} clones the one mutable field, {@code qk}. */
    @Override
    public CasinoEvent copy(CasinoEvent from) {
        return from.copy();
    }

    @Override
    public CasinoEvent copy(CasinoEvent from, CasinoEvent reuse) {
        return from.copy();
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(CasinoEvent e, DataOutputView out) throws IOException {
        long mask = 0;
        mask |= e.type != null ? 1L : 0;
        mask |= e.kind != null ? 1L << 1 : 0;
        mask |= e.eventId != null ? 1L << 2 : 0;
        mask |= e.trialId != null ? 1L << 3 : 0;
        mask |= e.txSignature != null ? 1L << 4 : 0;
        mask |= e.slot != 0 ? 1L << 5 : 0;
        mask |= e.instructionIndex != 0 ? 1L << 6 : 0;
        mask |= e.eventIndex != 0 ? 1L << 7 : 0;
        mask |= e.eventTime != 0 ? 1L << 8 : 0;
        mask |= e.eventName != null ? 1L << 9 : 0;
        mask |= e.player != null ? 1L << 10 : 0;
        mask |= e.poolId != null ? 1L << 11 : 0;
        mask |= e.wager != 0 ? 1L << 12 : 0;
        mask |= e.qk != null ? 1L << 13 : 0;
        mask |= e.extraDataHash != null ? 1L << 14 : 0;
        mask |= e.resultIndex != 0 ? 1L << 15 : 0;
        mask |= set(e.randomness) ? 1L << 16 : 0;
        mask |= e.feeType != 0 ? 1L << 17 : 0;
        mask |= e.amount != 0 ? 1L << 18 : 0;
        mask |= e.receiver != null ? 1L << 19 : 0;
        mask |= e.manager != null ? 1L << 20 : 0;
        mask |= set(e.feePlayMultiplier) ? 1L << 21 : 0;
        mask |= set(e.feeLossMultiplier) ? 1L << 22 : 0;
        mask |= set(e.feeMintMultiplier) ? 1L << 23 : 0;
        mask |= set(e.feeHostPercent) ? 1L << 24 : 0;
        mask |= set(e.feePoolPercent) ? 1L << 25 : 0;
        mask |= set(e.minLimitForTicket) ? 1L << 26 : 0;
        mask |= set(e.probability) ? 1L << 27 : 0;
        mask |= e.vaultField != null ? 1L << 28 : 0;
        mask |= e.vaultAddress != null ? 1L << 29 : 0;
        mask |= e.vaultValue != null ? 1L << 30 : 0;

        out.writeByte(VERSION_1);
        writeVarLong(mask, out);
        if (e.type != null) {
            out.writeByte(e.type.ordinal());
        }
        if (e.kind != null) {
            out.writeByte(e.kind.ordinal());
        }
        writeIfSet(e.eventId, out);
        writeIfSet(e.trialId, out);
        writeIfSet(e.txSignature, out);
        writeIfSet(e.slot, out);
        writeIfSet(e.instructionIndex, out);
        writeIfSet(e.eventIndex, out);
        writeIfSet(e.eventTime, out);
        writeIfSet(e.eventName, out);
        writeIfSet(e.player, out);
        writeIfSet(e.poolId, out);
        writeIfSet(e.wager, out);
        if (e.qk != null) {
            writeDoubles(e.qk, out);
        }
        writeIfSet(e.extraDataHash, out);
        writeIfSet(e.resultIndex, out);
        writeIfSet(e.randomness, out);
        writeIfSet(e.feeType, out);
        writeIfSet(e.amount, out);
        writeIfSet(e.receiver, out);
        writeIfSet(e.manager, out);
        writeIfSet(e.feePlayMultiplier, out);
        writeIfSet(e.feeLossMultiplier, out);
        writeIfSet(e.feeMintMultiplier, out);
        writeIfSet(e.feeHostPercent, out);
        writeIfSet(e.feePoolPercent, out);
        writeIfSet(e.minLimitForTicket, out);
        writeIfSet(e.probability, out);
        writeIfSet(e.vaultField, out);
        writeIfSet(e.vaultAddress, out);
        if (e.vaultValue != null) {
            out.writeLong(Double.doubleToRawLongBits(e.vaultValue));
        }
    }

    @Override
    public CasinoEvent deserialize(DataInputView in) throws IOException {
        int version = in.readUnsignedByte();
        if (version != VERSION_1) {
            throw new IOException("Unknown CasinoEvent format " + version);
        }
        long mask = readVarLong(in);
        if (mask >>> FIELDS != 0) {
            throw new IOException("Malformed CasinoEvent: field mask " + Long.toHexString(mask));
        }
        CasinoEvent e = new CasinoEvent();
        if ((mask & 1L) != 0) {
            e.type = constant(TYPES, in.readUnsignedByte());
        }
        if ((mask & 1L << 1) != 0) {
            e.kind = constant(KINDS, in.readUnsignedByte());
        }
        if ((mask & 1L << 2) != 0) {
            e.eventId = readString(in);
        }
        if ((mask & 1L << 3) != 0) {
            e.trialId = readString(in);
        }
        if ((mask & 1L << 4) != 0) {
            e.txSignature = readString(in);
        }
        if ((mask & 1L << 5) != 0) {
            e.slot = readVarLong(in);
        }
        if ((mask & 1L << 6) != 0) {
            e.instructionIndex = (int) readVarLong(in);
        }
        if ((mask & 1L << 7) != 0) {
            e.eventIndex = (int) readVarLong(in);
        }
        if ((mask & 1L << 8) != 0) {
            e.eventTime = readVarLong(in);
        }
        if ((mask & 1L << 9) != 0) {
            e.eventName = readString(in);
        }
        if ((mask & 1L << 10) != 0) {
            e.player = readString(in);
        }
        if ((mask & 1L << 11) != 0) {
            e.poolId = readString(in);
        }
        if ((mask & 1L << 12) != 0) {
            e.wager = readVarLong(in);
        }
        if ((mask & 1L << 13) != 0) {
            e.qk = readDoubles(in);
        }
        if ((mask & 1L << 14) != 0) {
            e.extraDataHash = readString(in);
        }
        if ((mask & 1L << 15) != 0) {
            e.resultIndex = readVarLong(in);
        }
        if ((mask & 1L << 16) != 0) {
            e.randomness = readDouble(in);
        }
        if ((mask & 1L << 17) != 0) {
            e.feeType = (int) readVarLong(in);
        }
        if ((mask & 1L << 18) != 0) {
            e.amount = readVarLong(in);
        }
        if ((mask & 1L << 19) != 0) {
            e.receiver = readString(in);
        }
        if ((mask & 1L << 20) != 0) {
            e.manager = readString(in);
        }
        if ((mask & 1L << 21) != 0) {
            e.feePlayMultiplier = readDouble(in);
        }
        if ((mask & 1L << 22) != 0) {
            e.feeLossMultiplier = readDouble(in);
        }
        if ((mask & 1L << 23) != 0) {
            e.feeMintMultiplier = readDouble(in);
        }
        if ((mask & 1L << 24) != 0) {
            e.feeHostPercent = readDouble(in);
        }
        if ((mask & 1L << 25) != 0) {
            e.feePoolPercent = readDouble(in);
        }
        if ((mask & 1L << 26) != 0) {
            e.minLimitForTicket = readDouble(in);
        }
        if ((mask & 1L << 27) != 0) {
            e.probability = readDouble(in);
        }
        if ((mask & 1L << 28) != 0) {
            e.vaultField = readString(in);
        }
        if ((mask & 1L << 29) != 0) {
            e.vaultAddress = readString(in);
        }
        if ((mask & 1L << 30) != 0) {
            e.vaultValue = readDouble(in);
        }
        return e;
    }

    @Override
    public CasinoEvent deserialize(CasinoEvent reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    @Override
    public TypeSerializerSnapshot<CasinoEvent> snapshotConfiguration() {
        return new CasinoEventSerializerSnapshot();
    }

    /**
     * The serializer's snapshot: the format is versioned in the data itself, so the snapshot holds
     * nothing and stays the same across format versions.
     *
     * <p>State written while {@code CasinoEvent} was a plain POJO has a {@link
     * PojoSerializerSnapshot} in its place: that is compatible after migration, so a checkpoint or
     * savepoint of the previous release restores (Flink reads it with the POJO serializer restored
     * from the snapshot and writes it with this one from then on).
     */
    public static final class CasinoEventSerializerSnapshot
            extends SimpleTypeSerializerSnapshot<CasinoEvent> {
        public CasinoEventSerializerSnapshot() {
            super(() -> INSTANCE);
        }

        @Override
        public TypeSerializerSchemaCompatibility<CasinoEvent> resolveSchemaCompatibility(
                TypeSerializerSnapshot<CasinoEvent> oldSnapshot) {
            if (oldSnapshot instanceof PojoSerializerSnapshot) {
                return TypeSerializerSchemaCompatibility.compatibleAfterMigration();
            }
            return super.resolveSchemaCompatibility(oldSnapshot);
        }
    }

    // ------------------------------------------------------------------ fields

    private static boolean set(double value) {
        return Double.doubleToRawLongBits(value) != 0;
    }

    private static void writeIfSet(String value, DataOutputView out) throws IOException {
        if (value != null) {
            writeString(value, out);
        }
    }

    private static void writeIfSet(long value, DataOutputView out) throws IOException {
        if (value != 0) {
            writeVarLong(value, out);
        }
    }

    private static void writeIfSet(int value, DataOutputView out) throws IOException {
        if (value != 0) {
            writeVarLong(value & 0xFFFF_FFFFL, out);
        }
    }

    private static void writeIfSet(double value, DataOutputView out) throws IOException {
        if (set(value)) {
            out.writeLong(Double.doubleToRawLongBits(value));
        }
    }

    private static double readDouble(DataInputView in) throws IOException {
        return Double.longBitsToDouble(in.readLong());
    }

    private static <E extends Enum<E>> E constant(E[] constants, int ordinal) throws IOException {
        if (ordinal >= constants.length) {
            throw new IOException(
                    "Unknown " + constants[0].getDeclaringClass().getName() + " " + ordinal);
        }
        return constants[ordinal];
    }

    /** An array of doubles: its length, then its raw bits big-endian in one write. */
    static void writeDoubles(double[] values, DataOutputView out) throws IOException {
        writeVarLong(values.length, out);
        byte[] bytes = new byte[values.length * Long.BYTES];
        for (int i = 0; i < values.length; i++) {
            LONGS.set(bytes, i * Long.BYTES, Double.doubleToRawLongBits(values[i]));
        }
        out.write(bytes, 0, bytes.length);
    }

    static double[] readDoubles(DataInputView in) throws IOException {
        int n = length(readVarLong(in), Long.BYTES);
        byte[] bytes = new byte[n * Long.BYTES];
        in.readFully(bytes);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = Double.longBitsToDouble((long) LONGS.get(bytes, i * Long.BYTES));
        }
        return values;
    }

    // ------------------------------------------------------------------ strings

    /**
     * Writes a string, or null: a header (unsigned varint) then the chars' bytes in one write.
     * Header 0 is null; {@code 2n + 1} is n chars all below 0x100, one byte each (ids, signatures
     * and keys are ASCII, so that is every string here in practice); {@code 2n + 2} is n chars of
     * any value, two bytes each (UTF-16 code units as they are, so even an unpaired surrogate comes
     * back unchanged, which a UTF-8 encoder would replace).
     */
    static void writeString(String s, DataOutputView out) throws IOException {
        if (s == null) {
            out.writeByte(0);
            return;
        }
        int n = s.length();
        byte[] bytes = new byte[n];
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c > 0xFF) {
                writeUtf16(s, out);
                return;
            }
            bytes[i] = (byte) c;
        }
        writeVarLong(((long) n << 1) + 1, out);
        out.write(bytes, 0, n);
    }

    private static void writeUtf16(String s, DataOutputView out) throws IOException {
        int n = s.length();
        byte[] bytes = new byte[2 * n];
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            bytes[2 * i] = (byte) (c >>> 8);
            bytes[2 * i + 1] = (byte) c;
        }
        writeVarLong(((long) n << 1) + 2, out);
        out.write(bytes, 0, bytes.length);
    }

    /** Reads what {@link #writeString} wrote. */
    static String readString(DataInputView in) throws IOException {
        long header = readVarLong(in);
        if (header == 0) {
            return null;
        }
        boolean latin1 = (header & 1) != 0;
        if (latin1) {
            int n = length((header - 1) >>> 1, 1);
            byte[] bytes = new byte[n];
            in.readFully(bytes);
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
        int n = length((header - 2) >>> 1, 2);
        byte[] bytes = new byte[2 * n];
        in.readFully(bytes);
        char[] chars = new char[n];
        for (int i = 0; i < n; i++) {
            chars[i] = (char) ((bytes[2 * i] & 0xFF) << 8 | (bytes[2 * i + 1] & 0xFF));
        }
        return new String(chars);
    }

    private static int length(long n, int bytesEach) throws IOException {
        if (n < 0 || n > Integer.MAX_VALUE / bytesEach) {
            throw new IOException("Malformed CasinoEvent: length " + n);
        }
        return (int) n;
    }

    // ------------------------------------------------------------------ varints

    static void writeVarLong(long value, DataOutputView out) throws IOException {
        Varints.writeUnsigned(value, out);
    }

    static long readVarLong(DataInputView in) throws IOException {
        return Varints.readUnsigned(in, "CasinoEvent");
    }
}
