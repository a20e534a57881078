package io.chainplay.connectors.solana.client.decode;

import java.util.Arrays;

/**
 * Base58 text to bytes, for instruction data in {@code json} encoding.
 *
 * <p>Five characters at a time are folded into 32-bit limbs, which keeps a 416-byte {@code
 * emit_cpi!} payload at a few microseconds where digit-by-digit decoding takes a few hundred.
 */
final class Base58Bytes {

    private static final int[] INDEX = new int[128];
    private static final long[] POW = {
        1, 58, 58 * 58, 58 * 58 * 58, 58L * 58 * 58 * 58, 58L * 58 * 58 * 58 * 58
    };

    static {
        Arrays.fill(INDEX, -1);
        String alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
        for (int i = 0; i < alphabet.length(); i++) {
            INDEX[alphabet.charAt(i)] = i;
        }
    }

    private Base58Bytes() {}

    /**
     * @throws IllegalArgumentException naming the first character outside the alphabet
     */
    static byte[] decode(String text) {
        int n = text.length();
        int zeros = 0;
        while (zeros < n && text.charAt(zeros) == '1') {
            zeros++;
        }
        int[] limbs = new int[(int) ((n - zeros) * 733L / 4000) + 2]; // little-endian 32-bit words
        int used = 0;
        for (int i = zeros; i < n; ) {
            int take = Math.min(5, n - i);
            long value = 0;
            for (int k = 0; k < take; k++, i++) {
                char c = text.charAt(i);
                int digit = c < 128 ? INDEX[c] : -1;
                if (digit < 0) {
                    throw new IllegalArgumentException(
                            "invalid base58 character '" + c + "' at " + i);
                }
                value = value * 58 + digit;
            }
            long mul = POW[take];
            long carry = value;
            for (int j = 0; j < used; j++) {
                long t = (limbs[j] & 0xFFFF_FFFFL) * mul + carry;
                limbs[j] = (int) t;
                carry = t >>> 32;
            }
            while (carry != 0) {
                limbs[used++] = (int) carry;
                carry >>>= 32;
            }
        }
        int significant = used * 4;
        while (significant > 0 && limbByte(limbs, significant - 1) == 0) {
            significant--;
        }
        byte[] out = new byte[zeros + significant];
        for (int b = 0; b < significant; b++) {
            out[zeros + b] = limbByte(limbs, significant - 1 - b);
        }
        return out;
    }

    /** Byte i (0 = least significant) of the little-endian limbs. */
    private static byte limbByte(int[] limbs, int i) {
        return (byte) (limbs[i >> 2] >>> ((i & 3) * 8));
    }
}
