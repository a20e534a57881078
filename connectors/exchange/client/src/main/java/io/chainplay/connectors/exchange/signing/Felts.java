package io.chainplay.connectors.exchange.signing;

import com.swmansion.starknet.data.types.Felt;

import java.math.BigInteger;

/** Conversions between field elements, their text forms and starknet-jvm's {@link Felt}. */
public final class Felts {

    private Felts() {}

    /** Parses {@code 0x}-prefixed hex or a decimal string; {@code what} names it in errors. */
    public static BigInteger parse(String text, String what) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(what + " is missing");
        }
        String t = text.trim();
        try {
            BigInteger value =
                    t.startsWith("0x") || t.startsWith("0X")
                            ? new BigInteger(t.substring(2), 16)
                            : new BigInteger(t);
            if (value.signum() < 0 || value.compareTo(Felt.PRIME) >= 0) {
                throw new IllegalArgumentException(
                        what + " must be a field element (0 <= x < 2^251 + 17*2^192 + 1)");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    what + " must be 0x-prefixed hex or a decimal number", e);
        }
    }

    /** 0x-prefixed lower-case hex without leading zeros, as Extended's API writes felts. */
    public static String hex(BigInteger value) {
        return "0x" + value.toString(16);
    }

    static Felt felt(BigInteger value) {
        return new Felt(value);
    }

    static Felt felt(long value) {
        return new Felt(BigInteger.valueOf(value));
    }
}
