package io.chainplay.connectors.solana.client.decode;

/**
 * Base58 of a 32-byte public key, appended straight into the JSON output.
 *
 * <p>The general-purpose codec in {@code schemas} divides the whole number by 58 once per digit (44
 * passes over 32 bytes). Here the key is eight 32-bit limbs divided by 58^5 per pass, so nine
 * passes give all digits; the constant divisor compiles to a multiplication. Pubkeys are most of an
 * event's bytes, so this is what keeps decoding above 200k events/s per core.
 */
final class Base58Text {

    private static final char[] ALPHABET =
            "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".toCharArray();
    private static final long D = 58L * 58 * 58 * 58 * 58; // 656,356,768 < 2^30

    private Base58Text() {}

    /** Appends base58 of {@code data[offset .. offset+32)} as a JSON string. */
    static void pubkey(BorshReader scratch, byte[] data, int offset, StringBuilder out) {
        long[] limbs = scratch.limbs;
        char[] digits = scratch.digits;
        int zeros = 0;
        while (zeros < 32 && data[offset + zeros] == 0) {
            zeros++;
        }
        for (int i = 0; i < 8; i++) {
            int p = offset + 4 * i;
            limbs[i] =
                    ((data[p] & 0xFFL) << 24)
                            | ((data[p + 1] & 0xFFL) << 16)
                            | ((data[p + 2] & 0xFFL) << 8)
                            | (data[p + 3] & 0xFFL);
        }
        int pos = digits.length;
        int first = 0;
        while (first < 8 && limbs[first] == 0) {
            first++;
        }
        while (first < 8) {
            long rem = 0;
            for (int i = first; i < 8; i++) {
                long cur = (rem << 32) | limbs[i];
                limbs[i] = cur / D;
                rem = cur - limbs[i] * D;
            }
            for (int k = 0; k < 5; k++) {
                long q = rem / 58;
                digits[--pos] = ALPHABET[(int) (rem - q * 58)];
                rem = q;
            }
            while (first < 8 && limbs[first] == 0) {
                first++;
            }
        }
        // The last chunk pads with zero digits ('1'); leading zero bytes each become one '1'.
        while (pos < digits.length && digits[pos] == '1') {
            pos++;
        }
        out.append('"');
        for (int i = 0; i < zeros; i++) {
            out.append('1');
        }
        out.append(digits, pos, digits.length - pos).append('"');
    }
}
