package io.chainplay.connectors.solana.client.testing;

import io.chainplay.schemas.solana.Base58;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * A small Borsh encoder for tests: little-endian integers, u32 length prefixes, one-byte option and
 * enum tags (the Borsh specification, borsh.io). Written independently of the decoder under test so
 * that round trips check one against the other.
 */
public final class BorshWriter {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public BorshWriter raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    public BorshWriter u8(int v) {
        out.write(v & 0xFF);
        return this;
    }

    public BorshWriter bool(boolean v) {
        return u8(v ? 1 : 0);
    }

    public BorshWriter u16(int v) {
        return le(v, 2);
    }

    public BorshWriter u32(long v) {
        return le(v, 4);
    }

    public BorshWriter u64(long v) {
        return le(v, 8);
    }

    public BorshWriter f32(float v) {
        return u32(Float.floatToRawIntBits(v));
    }

    public BorshWriter f64(double v) {
        return u64(Double.doubleToRawLongBits(v));
    }

    /** Two's complement, little-endian, in {@code size} bytes (u128/i128: 16, u256/i256: 32). */
    public BorshWriter big(BigInteger v, int size) {
        byte[] be = v.toByteArray(); // big-endian two's complement, minimal
        for (int i = 0; i < size; i++) {
            int from = be.length - 1 - i;
            out.write(from >= 0 ? be[from] : (v.signum() < 0 ? 0xFF : 0));
        }
        return this;
    }

    public BorshWriter string(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        u32(utf8.length);
        return raw(utf8);
    }

    public BorshWriter bytes(byte[] b) {
        u32(b.length);
        return raw(b);
    }

    public BorshWriter pubkey(String base58) {
        byte[] key = Base58.decode(base58);
        if (key.length != 32) {
            throw new IllegalArgumentException(base58 + " is not 32 bytes");
        }
        return raw(key);
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }

    private BorshWriter le(long v, int n) {
        for (int i = 0; i < n; i++) {
            out.write((int) (v >>> (8 * i)) & 0xFF);
        }
        return this;
    }
}
