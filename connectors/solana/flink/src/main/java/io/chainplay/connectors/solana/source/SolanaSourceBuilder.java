package io.chainplay.connectors.solana.source;

import java.time.Duration;

/**
 * Builds a {@link SolanaSource}; {@link #build()} checks the settings and says what to fix.
 *
 * <pre>{@code
 * SolanaSource source = SolanaSource.builder()
 *         .setChain(RpcSolanaChain.factory(rpcConfig, idls))
 *         .setCommitment(SolanaChain.Level.CONFIRMED)
 *         .setStartingSlot(250_000_000L)          // or leave unset: the current slot
 *         .build();                              // live; .setBounded(toSlot) for a backfill
 * }</pre>
 */
public final class SolanaSourceBuilder {

    private SolanaChain.Factory chains;
    private SolanaChain.Level level = SolanaChain.Level.CONFIRMED;
    private Long fromSlot;
    private Long toSlot;
    private long slotsPerSplit = 1_000;
    private Duration pollInterval = Duration.ofMillis(200);

    SolanaSourceBuilder() {}

    /** Where blocks come from: the RPC node(s) and the IDLs to decode with. */
    public SolanaSourceBuilder setChain(SolanaChain.Factory chains) {
        this.chains = chains;
        return this;
    }

    /**
     * The commitment blocks are read at. {@code CONFIRMED} (default) sends events as soon as their
     * block is confirmed, then again when it is finalized (or retracted); {@code FINALIZED} sends
     * each event once, about 13 s later.
     */
    public SolanaSourceBuilder setCommitment(SolanaChain.Level level) {
        this.level = level;
        return this;
    }

    /** The first slot to read; default: the node's current slot when the job first starts. */
    public SolanaSourceBuilder setStartingSlot(long slot) {
        this.fromSlot = slot;
        return this;
    }

    /** Makes the source bounded: it reads up to this slot, inclusive, and ends. */
    public SolanaSourceBuilder setBounded(long lastSlot) {
        this.toSlot = lastSlot;
        return this;
    }

    /** Slots per split of a bounded range: the unit of parallel work (default 1,000). */
    public SolanaSourceBuilder setSlotsPerSplit(long slots) {
        this.slotsPerSplit = slots;
        return this;
    }

    /** How long a reader waits before asking the node again when it is at the tip. */
    public SolanaSourceBuilder setPollInterval(Duration interval) {
        this.pollInterval = interval;
        return this;
    }

    public SolanaSource build() {
        if (chains == null) {
            throw new IllegalStateException(
                    "No chain set: call setChain(...) with the RPC endpoints and IDLs to read");
        }
        if (level == null) {
            throw new IllegalStateException("Commitment must be CONFIRMED or FINALIZED, not null");
        }
        if (toSlot != null && fromSlot == null) {
            throw new IllegalStateException(
                    "A bounded source needs a starting slot: call setStartingSlot(...)");
        }
        if (fromSlot != null && fromSlot < 0) {
            throw new IllegalStateException("Starting slot must be >= 0: " + fromSlot);
        }
        if (toSlot != null && toSlot < fromSlot) {
            throw new IllegalStateException(
                    "Bounded range is empty: last slot " + toSlot + " < starting slot " + fromSlot);
        }
        if (slotsPerSplit < 1) {
            throw new IllegalStateException("Slots per split must be >= 1: " + slotsPerSplit);
        }
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalStateException("Poll interval must be positive: " + pollInterval);
        }
        return new SolanaSource(
                chains, level, fromSlot, toSlot, slotsPerSplit, pollInterval.toMillis());
    }
}
