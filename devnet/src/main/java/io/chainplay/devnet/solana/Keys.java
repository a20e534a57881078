package io.chainplay.devnet.solana;

import io.chainplay.schemas.solana.Base58;

/**
 * Deterministic public keys for the devnet's actors: the same name gives the same key in every run,
 * so a restarted devnet continues the same players' histories.
 */
final class Keys {

    /** The outer program some transactions go through, to exercise CPI-emitted events. */
    static final String ROUTER = named("router");

    private Keys() {}

    /** base58(sha256("chainplay-devnet:" + name)). */
    static String named(String name) {
        return Base58.encode(Anchor.sha256("chainplay-devnet:" + name));
    }

    /** The i-th player's wallet. */
    static String player(int i) {
        return named("player-" + i);
    }

    /**
     * A casino pool's id, derived as the local demo derives it (sha256 of "chainplay-demo-pool-" +
     * name), so dashboards show the same pools whichever feeds them.
     */
    static String pool(String name) {
        return Base58.encode(Anchor.sha256("chainplay-demo-pool-" + name));
    }
}
