package io.chainplay.api;

import java.math.BigInteger;

/**
 * Checks that text is a Solana public key: base58 (Bitcoin alphabet) of exactly 32 bytes.
 *
 * <p>{@code chainplay-schemas-avro} has a full Base58 codec, but depending on it would put Avro,
 * Jackson 2 and every generated record into the Boot jar for this one check, so the API carries its
 * own decoder. It only needs the decoded length: leading {@code 1}s are leading zero bytes, and the
 * rest is a base-58 number whose magnitude gives the remaining bytes.
 */
public final class PublicKeys {

    private static final String ALPHABET =
            "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final BigInteger BASE = BigInteger.valueOf(58);

    private PublicKeys() {}

    /** True when {@code text} is base58 that decodes to exactly 32 bytes. */
    public static boolean isPublicKey(String text) {
        // 32 bytes take 32 ('1' * 32, all zeros) to 44 characters; the bound also caps the work
        // done on hostile input before any decoding.
        if (text == null || text.length() < 32 || text.length() > 44) {
            return false;
        }
        int zeros = 0;
        while (zeros < text.length() && text.charAt(zeros) == '1') {
            zeros++;
        }
        BigInteger value = BigInteger.ZERO;
        for (int i = zeros; i < text.length(); i++) {
            int digit = ALPHABET.indexOf(text.charAt(i));
            if (digit < 0) {
                return false;
            }
            value = value.multiply(BASE).add(BigInteger.valueOf(digit));
        }
        int magnitudeBytes = (value.bitLength() + 7) / 8;
        return zeros + magnitudeBytes == 32;
    }
}
