package io.chainplay.connectors.exchange.signing;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * Deterministic ECDSA nonces (RFC 6979, HMAC-SHA256) exactly as StarkWare's {@code
 * generate_k_rfc6979} derives them, which is what Extended's SDKs and exchange use.
 *
 * <p>Written by hand (over the JDK's HMAC) because the only generator starknet-jvm has is
 * BouncyCastle's textbook one, which differs in two ways: StarkWare first multiplies a hash that is
 * "one nibble short" (bit length ≥ 248 with {@code bitLength % 8} in 1..4) by 16, for compatibility
 * with elliptic.js, and on a rejected signature it retries with an extra-entropy seed (1, 2, ...)
 * rather than continuing the same HMAC-DRBG stream.
 */
final class StarkRfc6979 {

    private static final String HMAC = "HmacSHA256";

    private StarkRfc6979() {}

    /**
     * The k for signing {@code hash} with {@code privateKey}; {@code seed} is null on the first
     * attempt and 1, 2, ... on retries.
     */
    static BigInteger generateK(BigInteger hash, BigInteger privateKey, BigInteger seed) {
        BigInteger order = StarkCurve.ORDER;
        BigInteger h = hash;
        int bits = h.bitLength();
        if (bits >= 248 && bits % 8 >= 1 && bits % 8 <= 4) {
            h = h.shiftLeft(4);
        }
        byte[] data = minimalBytes(h);
        byte[] extra = seed == null ? new byte[0] : minimalBytes(seed);

        int qlen = order.bitLength();
        int rolen = (qlen + 7) / 8;
        byte[] x = fixedBytes(privateKey, rolen);
        BigInteger z = bitsToInt(data, qlen);
        if (z.compareTo(order) >= 0) {
            z = z.subtract(order);
        }
        byte[] m = fixedBytes(z, rolen);

        byte[] v = new byte[32];
        Arrays.fill(v, (byte) 1);
        byte[] k = new byte[32];
        k = hmac(k, v, new byte[] {0}, x, m, extra);
        v = hmac(k, v);
        k = hmac(k, v, new byte[] {1}, x, m, extra);
        v = hmac(k, v);
        while (true) {
            byte[] t = new byte[0];
            while (t.length < rolen) {
                v = hmac(k, v);
                t = concat(t, v);
            }
            BigInteger candidate = bitsToInt(t, qlen);
            if (candidate.signum() > 0 && candidate.compareTo(order) < 0) {
                return candidate;
            }
            k = hmac(k, v, new byte[] {0});
            v = hmac(k, v);
        }
    }

    private static BigInteger bitsToInt(byte[] data, int qlen) {
        BigInteger x = new BigInteger(1, data);
        int length = data.length * 8;
        return length > qlen ? x.shiftRight(length - qlen) : x;
    }

    /** Big-endian bytes without leading zeros (Python's {@code to_bytes(ceil(bits / 8))}). */
    private static byte[] minimalBytes(BigInteger value) {
        return fixedBytes(value, (value.bitLength() + 7) / 8);
    }

    private static byte[] fixedBytes(BigInteger value, int length) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[length];
        int copy = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - copy, out, length - copy, copy);
        return out;
    }

    private static byte[] hmac(byte[] key, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
