package io.chainplay.pipelines.common;

import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/**
 * LEB128 varints for the compact state serializers (7 bits a byte, low first, at most 10 bytes):
 * unsigned for counts, masks and u64 amounts, ZigZag-signed where small negative values occur.
 *
 * <p>Written here because Flink's public API has no varint codec for {@link DataOutputView}; both
 * the earnings and the casino serializers write their formats with these.
 */
public final class Varints {

    private Varints() {}

    /** Unsigned: a negative long (a u64 above 2^63) takes 10 bytes and comes back exactly. */
    public static void writeUnsigned(long value, DataOutputView out) throws IOException {
        long v = value;
        while ((v & ~0x7FL) != 0) {
            out.writeByte((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.writeByte((int) v);
    }

    /**
     * Reads what {@link #writeUnsigned} wrote.
     *
     * @param what names the format in the error a malformed varint raises
     */
    public static long readUnsigned(DataInputView in, String what) throws IOException {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = in.readUnsignedByte();
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new IOException("Malformed varint in " + what);
    }

    /** ZigZag, then unsigned: small magnitudes of either sign take one or two bytes. */
    public static void writeSigned(long value, DataOutputView out) throws IOException {
        writeUnsigned((value << 1) ^ (value >> 63), out);
    }

    /** Reads what {@link #writeSigned} wrote. */
    public static long readSigned(DataInputView in, String what) throws IOException {
        long v = readUnsigned(in, what);
        return (v >>> 1) ^ -(v & 1);
    }
}
