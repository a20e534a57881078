package io.chainplay.api.auth;

import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Strict Ed25519 verification (RFC 8032) that accepts only canonical, non-malleable signatures.
 *
 * <p>The equation is checked by BouncyCastle; before it, the encodings are checked the way
 * libsodium's {@code crypto_sign_verify_detached} does, so that one message has exactly one
 * accepted signature per key:
 *
 * <ul>
 *   <li>{@code S} must be below the group order {@code L}: otherwise {@code S + L} would be a
 *       second valid signature for the same message (malleability);
 *   <li>the public key {@code A} and the point {@code R} must be canonical encodings ({@code y <
 *       p});
 *   <li>neither may be a point of small order: with {@code A} of small order, the signature
 *       (identity, 0) verifies for <em>every</em> message under the cofactorless equation.
 * </ul>
 */
public final class Ed25519Verifier {

    public static final int PUBLIC_KEY_BYTES = 32;
    public static final int SIGNATURE_BYTES = 64;

    // The group order L = 2^252 + 27742317777372353535851937790883648493, little-endian.
    private static final byte[] L = {
        (byte) 0xed,
        (byte) 0xd3,
        (byte) 0xf5,
        (byte) 0x5c,
        (byte) 0x1a,
        (byte) 0x63,
        (byte) 0x12,
        (byte) 0x58,
        (byte) 0xd6,
        (byte) 0x9c,
        (byte) 0xf7,
        (byte) 0xa2,
        (byte) 0xde,
        (byte) 0xf9,
        (byte) 0xde,
        (byte) 0x14,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        (byte) 0x10
    };

    // y-coordinates (sign bit cleared) of the points of order 1, 2, 4 and 8, as libsodium lists
    // them; both signs of x are rejected by comparing without the sign bit.
    private static final byte[][] SMALL_ORDER_Y = {
        hex("0000000000000000000000000000000000000000000000000000000000000000"),
        hex("0100000000000000000000000000000000000000000000000000000000000000"),
        hex("26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05"),
        hex("c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a"),
        hex("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),
    };

    private Ed25519Verifier() {}

    /** True when {@code signature} is a canonical Ed25519 signature of {@code message}. */
    public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        if (publicKey == null
                || signature == null
                || message == null
                || publicKey.length != PUBLIC_KEY_BYTES
                || signature.length != SIGNATURE_BYTES) {
            return false;
        }
        if (!isCanonicalScalar(signature, 32)
                || !isCanonicalPoint(publicKey, 0)
                || !isCanonicalPoint(signature, 0)
                || hasSmallOrder(publicKey, 0)
                || hasSmallOrder(signature, 0)) {
            return false;
        }
        return Ed25519.verify(signature, 0, publicKey, 0, message, 0, message.length);
    }

    /** {@code S < L}, comparing the 32 little-endian bytes from the most significant. */
    static boolean isCanonicalScalar(byte[] bytes, int offset) {
        for (int i = 31; i >= 0; i--) {
            int s = bytes[offset + i] & 0xff;
            int l = L[i] & 0xff;
            if (s != l) {
                return s < l;
            }
        }
        return false; // S == L
    }

    /** {@code y < p = 2^255 - 19}, the sign bit aside. */
    static boolean isCanonicalPoint(byte[] bytes, int offset) {
        // y >= p only when the top 250 bits are all ones and the low byte is >= 0xed.
        if ((bytes[offset + 31] & 0x7f) != 0x7f) {
            return true;
        }
        for (int i = 30; i >= 1; i--) {
            if ((bytes[offset + i] & 0xff) != 0xff) {
                return true;
            }
        }
        return (bytes[offset] & 0xff) < 0xed;
    }

    static boolean hasSmallOrder(byte[] bytes, int offset) {
        for (byte[] y : SMALL_ORDER_Y) {
            boolean same = true;
            for (int i = 0; i < 32 && same; i++) {
                int b = bytes[offset + i] & (i == 31 ? 0x7f : 0xff);
                same = b == (y[i] & 0xff);
            }
            if (same) {
                return true;
            }
        }
        return false;
    }

    private static byte[] hex(String hex) {
        byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }
}
