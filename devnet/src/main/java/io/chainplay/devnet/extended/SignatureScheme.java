package io.chainplay.devnet.extended;

/**
 * Which message the devnet expects an order's Stark signature to cover, as the exchange did in each
 * era: {@link #SNIP12} is Extended on Starknet (a SNIP-12 revision 1 Poseidon {@code Order}),
 * {@link #STARKEX} is Extended (x10) on StarkEx (the Pedersen "limit order with fees" message).
 */
public enum SignatureScheme {
    SNIP12,
    STARKEX
}
