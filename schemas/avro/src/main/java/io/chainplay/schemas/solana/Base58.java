package io.chainplay.schemas.solana;

import java.util.Arrays;

/**
 * Base58 (Bitcoin alphabet), the text form of Solana public keys and signatures.
 *
 * <p>Written by hand: it is thirty lines, and the libraries that have it (bitcoinj, web3j's
 * Solana-less utils, sol4k) would each bring a large dependency tree into every module for it.
 */
public final class Base58 {

    private static final char[] ALPHABET =
            "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".toCharArray();
    private static final int[] INDEXES = new int[128];

    static {
        Arrays.fill(INDEXES, -1);
        for (int i = 0; i < ALPHABET.length; i++) {
            INDEXES[ALPHABET[i]] = i;
        }
    }

    private Base58() {}

    public static String encode(byte[] input) {
        if (input.length == 0) {
            return "";
        }
        int zeros = 0;
        while (zeros < input.length && input[zeros] == 0) {
            zeros++;
        }
        byte[] number = Arrays.copyOf(input, input.length); // divided in place below
        char[] encoded = new char[input.length * 2];
        int out = encoded.length;
        int start = zeros;
        while (start < number.length) {
            encoded[--out] = ALPHABET[divmod(number, start, 256, 58)];
            if (number[start] == 0) {
                start++;
            }
        }
        while (out < encoded.length && encoded[out] == ALPHABET[0]) {
            out++;
        }
        while (--zeros >= 0) {
            encoded[--out] = ALPHABET[0];
        }
        return new String(encoded, out, encoded.length - out);
    }

    /**
     * Decodes base58 text.
     *
     * @throws IllegalArgumentException naming the first character outside the alphabet
     */
    public static byte[] decode(String input) {
        if (input.isEmpty()) {
            return new byte[0];
        }
        byte[] input58 = new byte[input.length()];
        for (int i = 0; i < input.length(); i++) {
            char c = input.charAt(i);
            int digit = c < 128 ? INDEXES[c] : -1;
            if (digit < 0) {
                throw new IllegalArgumentException(
                        "Invalid base58 character '" + c + "' at position " + i);
            }
            input58[i] = (byte) digit;
        }
        int zeros = 0;
        while (zeros < input58.length && input58[zeros] == 0) {
            zeros++;
        }
        byte[] decoded = new byte[input.length()];
        int out = decoded.length;
        int start = zeros;
        while (start < input58.length) {
            decoded[--out] = divmod(input58, start, 58, 256);
            if (input58[start] == 0) {
                start++;
            }
        }
        while (out < decoded.length && decoded[out] == 0) {
            out++;
        }
        return Arrays.copyOfRange(decoded, out - zeros, decoded.length);
    }

    /**
     * True when the text is base58 of exactly 32 bytes: a Solana public key. The same answer as
     * {@code decode(text).length == 32}, without decoding into bytes: every decoded chain event
     * checks its pubkeys, and decoding (a division per byte) was a fifth of the casino job's source
     * thread. The number accumulates in eight 32-bit limbs; leading '1's are leading zero bytes.
     */
    public static boolean isPublicKey(String text) {
        if (text == null || text.length() < 32 || text.length() > 44) {
            return false;
        }
        int length = text.length();
        int ones = 0;
        while (ones < length && text.charAt(ones) == '1') {
            ones++;
        }
        long[] limbs = new long[8]; // little-endian, 32 bits each
        for (int i = ones; i < length; i++) {
            char c = text.charAt(i);
            int digit = c < 128 ? INDEXES[c] : -1;
            if (digit < 0) {
                return false;
            }
            long carry = digit;
            for (int k = 0; k < 8; k++) {
                long v = limbs[k] * 58 + carry;
                limbs[k] = v & 0xFFFFFFFFL;
                carry = v >>> 32;
            }
            if (carry != 0) {
                return false; // more than 256 bits
            }
        }
        int significant = 32; // bytes of the number without its leading zero bytes
        for (int k = 7; k >= 0 && significant > 0; k--) {
            int zeros = limbs[k] == 0 ? 4 : Integer.numberOfLeadingZeros((int) limbs[k]) / 8;
            significant -= zeros;
            if (zeros < 4) {
                break;
            }
        }
        return ones + significant == 32;
    }

    /** Divides the big-endian number in place by divisor, returning the remainder. */
    private static byte divmod(byte[] number, int firstDigit, int base, int divisor) {
        int remainder = 0;
        for (int i = firstDigit; i < number.length; i++) {
            int digit = number[i] & 0xFF;
            int temp = remainder * base + digit;
            number[i] = (byte) (temp / divisor);
            remainder = temp % divisor;
        }
        return (byte) remainder;
    }
}
