package io.chainplay.connectors.exchange.order;

import java.security.SecureRandom;

/**
 * Order nonces. Extended's SDKs draw them at random below 2^31; an order's nonce only has to be
 * unique within its account, and randomness avoids keeping a counter across restarts.
 */
public final class Nonces {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Nonces() {}

    /** A random nonce in [1, 2^31). */
    public static long random() {
        return 1 + RANDOM.nextInt(Integer.MAX_VALUE - 1);
    }
}
