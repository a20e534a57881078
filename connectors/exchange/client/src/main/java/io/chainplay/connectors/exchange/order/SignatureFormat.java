package io.chainplay.connectors.exchange.order;

import io.chainplay.connectors.exchange.signing.Snip12Domain;

import java.util.Objects;

/**
 * Which message an order's signature covers: StarkEx's Pedersen "limit order with fees" (Extended
 * on StarkEx, until its 2025 migration) or the SNIP-12 Poseidon {@code Order} (Extended on
 * Starknet) under a given domain.
 */
public final class SignatureFormat {

    /** The kind of message. */
    public enum Kind {
        STARKEX_PEDERSEN,
        SNIP12_POSEIDON
    }

    private final Kind kind;
    private final Snip12Domain domain;

    private SignatureFormat(Kind kind, Snip12Domain domain) {
        this.kind = kind;
        this.domain = domain;
    }

    public static SignatureFormat starkEx() {
        return new SignatureFormat(Kind.STARKEX_PEDERSEN, null);
    }

    public static SignatureFormat snip12(Snip12Domain domain) {
        return new SignatureFormat(Kind.SNIP12_POSEIDON, Objects.requireNonNull(domain, "domain"));
    }

    public Kind kind() {
        return kind;
    }

    /** The SNIP-12 domain; only for {@link Kind#SNIP12_POSEIDON}. */
    public Snip12Domain domain() {
        if (domain == null) {
            throw new IllegalStateException("StarkEx messages have no SNIP-12 domain");
        }
        return domain;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SignatureFormat f && f.kind == kind && Objects.equals(f.domain, domain);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, domain);
    }

    @Override
    public String toString() {
        return domain == null ? kind.toString() : kind + "[" + domain + "]";
    }
}
