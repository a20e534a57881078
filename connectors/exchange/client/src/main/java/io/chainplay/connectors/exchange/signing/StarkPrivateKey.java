package io.chainplay.connectors.exchange.signing;

import com.swmansion.starknet.crypto.StarknetCurve;

import java.math.BigInteger;

/**
 * A Stark private key, kept out of logs: {@link #toString()} shows only the public key, and no
 * error message built here quotes the key.
 *
 * <p>Load it from configuration ({@code io.chainplay.connectors.exchange.account}); never write one
 * into code outside tests.
 */
public final class StarkPrivateKey {

    private final BigInteger value;
    private final BigInteger publicKey;

    private StarkPrivateKey(BigInteger value) {
        this.value = value;
        this.publicKey = StarknetCurve.getPublicKey(Felts.felt(value)).getValue();
    }

    /**
     * Parses a 0x-prefixed hex key (as Extended's API management page and SDKs show it).
     *
     * @throws IllegalArgumentException with a message that never contains the key
     */
    public static StarkPrivateKey fromHex(String hex) {
        if (hex == null || hex.isBlank()) {
            throw new IllegalArgumentException("Stark private key is empty");
        }
        String t = hex.trim();
        if (t.startsWith("0x") || t.startsWith("0X")) {
            t = t.substring(2);
        }
        if (t.isEmpty() || !t.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException(
                    "Stark private key must be hex digits (optionally 0x-prefixed); the value"
                            + " given has "
                            + t.length()
                            + " characters and is not hex (is it the API key or a quoted"
                            + " string?)");
        }
        BigInteger value = new BigInteger(t, 16);
        if (value.signum() == 0 || value.compareTo(StarkCurve.ORDER) >= 0) {
            throw new IllegalArgumentException(
                    "Stark private key must be between 1 and the curve order (a 252-bit number);"
                            + " the value given has "
                            + value.bitLength()
                            + " bits");
        }
        return new StarkPrivateKey(value);
    }

    /** The Stark public key (the x coordinate, Extended's "stark key"). */
    public BigInteger publicKey() {
        return publicKey;
    }

    public String publicKeyHex() {
        return Felts.hex(publicKey);
    }

    /** For the signer in this package only. */
    BigInteger secret() {
        return value;
    }

    @Override
    public String toString() {
        return "StarkPrivateKey[redacted, publicKey=" + publicKeyHex() + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StarkPrivateKey other && other.value.equals(value);
    }

    @Override
    public int hashCode() {
        return publicKey.hashCode();
    }
}
