package io.chainplay.connectors.exchange.market;

import java.math.BigInteger;
import java.util.Objects;

/**
 * A market's settlement configuration on the Stark layer ({@code l2Config} in Extended's market
 * response): the asset ids signed orders name, and the resolutions that turn human quantities into
 * the integers the signed message carries (amount × resolution).
 */
public record L2Config(
        String type,
        BigInteger collateralId,
        BigInteger syntheticId,
        long syntheticResolution,
        long collateralResolution) {

    public L2Config {
        Objects.requireNonNull(collateralId, "collateralId");
        Objects.requireNonNull(syntheticId, "syntheticId");
        if (syntheticResolution <= 0 || collateralResolution <= 0) {
            throw new IllegalArgumentException(
                    "l2Config resolutions must be positive; got synthetic "
                            + syntheticResolution
                            + ", collateral "
                            + collateralResolution);
        }
    }
}
