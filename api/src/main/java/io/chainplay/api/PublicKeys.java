package io.chainplay.api;

/**
 * Checks that text is a Solana public key: base58 (Bitcoin alphabet) of exactly 32 bytes.
 *
 * <p>{@code chainplay-schemas-avro} has a full Base58 codec, but depending on it would put Avro,
 * Jackson 2 and every generated record into the Boot jar for this one check, so the API carries its
 * own decoder ({@link Base58}), with int arithmetic: it runs on every request that names a wallet.
 */
public final class PublicKeys {

    private PublicKeys() {}

    /** True when {@code text} is base58 that decodes to exactly 32 bytes. */
    public static boolean isPublicKey(String text) {
        // 32 bytes take 32 ('1' * 32, all zeros) to 44 characters; the bound also caps the work
        // done on hostile input before any decoding.
        if (text == null || text.length() < 32 || text.length() > 44) {
            return false;
        }
        return Base58.decode(text, 32) != null;
    }
}
