package io.chainplay.api;

import java.util.Arrays;

/**
 * Base58 (the Bitcoin alphabet Solana uses) decoding of keys and signatures.
 *
 * <p>A small codec of its own for the same reason as {@link PublicKeys}: the one in {@code
 * chainplay-schemas-avro} would bring Avro and Jackson 2 into the Boot jar. Inputs are bounded by
 * the callers (a key is at most 44 characters, a signature 88), so the quadratic loop is cheap.
 */
public final class Base58 {

    private static final String ALPHABET =
            "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final int[] INDEX = new int[128];

    static {
        Arrays.fill(INDEX, -1);
        for (int i = 0; i < ALPHABET.length(); i++) {
            INDEX[ALPHABET.charAt(i)] = i;
        }
    }

    private Base58() {}

    /**
     * Decodes {@code text}, or returns null when it is not base58 or does not decode to exactly
     * {@code length} bytes.
     */
    public static byte[] decode(String text, int length) {
        // Each character carries under 6 bits: more than 2 characters per byte cannot be exact.
        if (text == null || text.isEmpty() || text.length() > 2 * length) {
            return null;
        }
        byte[] out = new byte[length];
        int zeros = 0;
        while (zeros < text.length() && text.charAt(zeros) == '1') {
            zeros++;
        }
        // Big-endian base-256 accumulator, filled from the right.
        int used = 0;
        for (int i = zeros; i < text.length(); i++) {
            char c = text.charAt(i);
            int carry = c < 128 ? INDEX[c] : -1;
            if (carry < 0) {
                return null;
            }
            for (int j = 0; j < used; j++) {
                int k = length - 1 - j;
                carry += (out[k] & 0xff) * 58;
                out[k] = (byte) carry;
                carry >>>= 8;
            }
            while (carry > 0) {
                if (used == length) {
                    return null; // too many bytes
                }
                out[length - 1 - used] = (byte) carry;
                used++;
                carry >>>= 8;
            }
        }
        // Leading '1's are leading zero bytes: the total must be exactly `length`.
        return zeros + used == length ? out : null;
    }

    /** Encodes bytes as base58. */
    public static String encode(byte[] bytes) {
        int zeros = 0;
        while (zeros < bytes.length && bytes[zeros] == 0) {
            zeros++;
        }
        byte[] digits = new byte[bytes.length * 2];
        int used = 0;
        for (int i = zeros; i < bytes.length; i++) {
            int carry = bytes[i] & 0xff;
            for (int j = 0; j < used; j++) {
                carry += digits[j] * 256;
                digits[j] = (byte) (carry % 58);
                carry /= 58;
            }
            while (carry > 0) {
                digits[used++] = (byte) (carry % 58);
                carry /= 58;
            }
        }
        StringBuilder out = new StringBuilder(zeros + used);
        out.append("1".repeat(zeros));
        for (int j = used - 1; j >= 0; j--) {
            out.append(ALPHABET.charAt(digits[j]));
        }
        return out.toString();
    }
}
