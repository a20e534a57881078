package io.chainplay.connectors.exchange.signing;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Derives a Stark private key from an Ethereum signature, as Extended's onboarding does: the wallet
 * signs the exchange's key-derivation message, and the key is StarkWare's {@code grind_key} of the
 * signature's r.
 *
 * <p>Written by hand because starknet-jvm has no StarkEx key derivation. {@code grind_key} hashes
 * {@code sha256(seed ‖ index)} (both big-endian, minimal length, index 0 as one zero byte) for
 * index = 0, 1, ... until the digest is below the largest multiple of the curve order under 2^256,
 * which keeps the key uniform, then reduces it modulo the order.
 */
public final class StarkKeyDerivation {

    private static final BigInteger TWO_POW_256 = BigInteger.ONE.shiftLeft(256);

    private StarkKeyDerivation() {}

    /**
     * The Stark private key for a 65-byte Ethereum signature given as hex (r ‖ s ‖ v).
     *
     * @throws IllegalArgumentException if the text is not such a signature
     */
    public static StarkPrivateKey fromEthSignature(String signatureHex) {
        String t = signatureHex == null ? "" : signatureHex.trim();
        if (t.startsWith("0x") || t.startsWith("0X")) {
            t = t.substring(2);
        }
        if (t.length() < 64 || !t.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException(
                    "an Ethereum signature is 0x-hex of at least 32 bytes (r ‖ s ‖ v)");
        }
        BigInteger r = new BigInteger(t.substring(0, 64), 16);
        return StarkPrivateKey.fromHex(grindKey(r).toString(16));
    }

    static BigInteger grindKey(BigInteger seed) {
        BigInteger limit = StarkCurve.ORDER;
        BigInteger maxAllowed = TWO_POW_256.subtract(TWO_POW_256.mod(limit));
        byte[] seedBytes = minimal(seed);
        for (long index = 0; ; index++) {
            BigInteger key =
                    new BigInteger(1, sha256(seedBytes, minimal(BigInteger.valueOf(index))));
            if (key.compareTo(maxAllowed) < 0) {
                return key.mod(limit);
            }
        }
    }

    /** Minimal big-endian bytes; zero is one zero byte (Python's padded hex "00"). */
    private static byte[] minimal(BigInteger v) {
        byte[] raw = v.toByteArray();
        if (raw.length > 1 && raw[0] == 0) {
            byte[] out = new byte[raw.length - 1];
            System.arraycopy(raw, 1, out, 0, out.length);
            return out;
        }
        return raw;
    }

    private static byte[] sha256(byte[] a, byte[] b) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(a);
            d.update(b);
            return d.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}
