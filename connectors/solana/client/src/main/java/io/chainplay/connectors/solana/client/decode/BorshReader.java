package io.chainplay.connectors.solana.client.decode;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A bounds-checked little-endian cursor over one event's bytes.
 *
 * <p>Every read checks what is left first and fails with {@link FailureKind#TOO_SHORT} naming the
 * offset, so a short payload can never read zeros from past its end. One reader serves one thread
 * and is reset per event; it also carries the scratch space of the pubkey encoder.
 */
final class BorshReader {

    /** Nesting allowed through recursive types; static IDL nesting is far below it. */
    static final int MAX_DEPTH = 64;

    private static final VarHandle SHORT_LE =
            MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_LE =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_LE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    byte[] buf;
    int pos;
    int start;
    int limit;
    int depth;

    // Scratch for Base58Text: 8 limbs of 32 bits, and the digits of one pubkey.
    final long[] limbs = new long[8];
    final char[] digits = new char[64];

    void reset(byte[] data, int offset, int length) {
        this.buf = data;
        this.start = offset;
        this.pos = offset;
        this.limit = offset + length;
        this.depth = 0;
    }

    int remaining() {
        return limit - pos;
    }

    /** Offset from the start of the event's data (discriminator included). */
    int offset() {
        return pos - start;
    }

    void require(long bytes, String what) {
        if (bytes > limit - pos) {
            throw new DecodeException(
                    FailureKind.TOO_SHORT,
                    "ran out of data reading "
                            + what
                            + ": needs "
                            + bytes
                            + " bytes at offset "
                            + offset()
                            + " but "
                            + remaining()
                            + " are left");
        }
    }

    int u8(String what) {
        if (pos >= limit) {
            require(1, what);
        }
        return buf[pos++] & 0xFF;
    }

    short i16(String what) {
        if (limit - pos < 2) {
            require(2, what);
        }
        short v = (short) SHORT_LE.get(buf, pos);
        pos += 2;
        return v;
    }

    int i32(String what) {
        if (limit - pos < 4) {
            require(4, what);
        }
        int v = (int) INT_LE.get(buf, pos);
        pos += 4;
        return v;
    }

    long i64(String what) {
        if (limit - pos < 8) {
            require(8, what);
        }
        long v = (long) LONG_LE.get(buf, pos);
        pos += 8;
        return v;
    }

    /** Reads a u32 length prefix as a non-negative long. */
    long u32(String what) {
        return i32(what) & 0xFFFF_FFFFL;
    }

    /** Reads the next n bytes' position and advances past them (after a bounds check). */
    int take(int n, String what) {
        if (limit - pos < n) {
            require(n, what);
        }
        int at = pos;
        pos += n;
        return at;
    }

    void enter() {
        if (++depth > MAX_DEPTH) {
            throw new DecodeException(
                    FailureKind.TOO_DEEP, "values nest deeper than " + MAX_DEPTH + " levels");
        }
    }

    void exit() {
        depth--;
    }
}
