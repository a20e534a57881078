package io.chainplay.connectors.exchange.signing;

import java.math.BigInteger;
import java.util.Objects;

/**
 * A Stark-curve ECDSA signature (r, s), as Extended's API carries it ({@code "r"}, {@code "s"} as
 * 0x-prefixed lower-case hex without leading zeros).
 */
public record StarkSignature(BigInteger r, BigInteger s) {

    public StarkSignature {
        Objects.requireNonNull(r, "r");
        Objects.requireNonNull(s, "s");
    }

    public static StarkSignature fromHex(String r, String s) {
        return new StarkSignature(Felts.parse(r, "r"), Felts.parse(s, "s"));
    }

    public String rHex() {
        return Felts.hex(r);
    }

    public String sHex() {
        return Felts.hex(s);
    }

    @Override
    public String toString() {
        return "StarkSignature[r=" + rHex() + ", s=" + sHex() + "]";
    }
}
