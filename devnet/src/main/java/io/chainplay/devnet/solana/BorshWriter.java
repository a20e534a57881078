package io.chainplay.devnet.solana;

import io.chainplay.schemas.solana.Base58;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A minimal Borsh serializer: the subset of the format Anchor programs use for events and
 * instruction arguments.
 *
 * <p>Written here on purpose rather than shared with the connector's decoder: the devnet exists to
 * check that decoder, so the two must not share a line of encoding logic. Everything is
 * little-endian; a {@code string} is a u32 byte length then UTF-8; a {@code vec} is a u32 element
 * count then the elements; fixed arrays are their elements alone; a pubkey is its 32 raw bytes.
 */
final class BorshWriter {

    private byte[] buffer = new byte[64];
    private int size;

    BorshWriter bytes(byte[] raw) {
        ensure(raw.length);
        System.arraycopy(raw, 0, buffer, size, raw.length);
        size += raw.length;
        return this;
    }

    BorshWriter u8(int value) {
        if (value < 0 || value > 0xFF) {
            throw new IllegalArgumentException("u8 out of range: " + value);
        }
        ensure(1);
        buffer[size++] = (byte) value;
        return this;
    }

    BorshWriter u16(int value) {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException("u16 out of range: " + value);
        }
        return littleEndian(value, 2);
    }

    BorshWriter u32(long value) {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("u32 out of range: " + value);
        }
        return littleEndian(value, 4);
    }

    /** An unsigned 64-bit value; Java's long holds it as two's complement (read it unsigned). */
    BorshWriter u64(long value) {
        return littleEndian(value, 8);
    }

    BorshWriter i64(long value) {
        return littleEndian(value, 8);
    }

    BorshWriter f64(double value) {
        return littleEndian(Double.doubleToRawLongBits(value), 8);
    }

    BorshWriter pubkey(String base58) {
        byte[] key = Base58.decode(base58);
        if (key.length != 32) {
            throw new IllegalArgumentException("Not a 32-byte public key: " + base58);
        }
        return bytes(key);
    }

    BorshWriter string(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        u32(utf8.length);
        return bytes(utf8);
    }

    /** The u32 element count that starts a {@code vec}. */
    BorshWriter vecLength(int length) {
        return u32(length);
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buffer, size);
    }

    private BorshWriter littleEndian(long value, int width) {
        ensure(width);
        for (int i = 0; i < width; i++) {
            buffer[size++] = (byte) (value >>> (8 * i));
        }
        return this;
    }

    private void ensure(int more) {
        if (size + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
        }
    }
}
