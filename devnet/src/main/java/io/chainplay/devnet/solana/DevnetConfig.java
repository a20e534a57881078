package io.chainplay.devnet.solana;

import java.time.Duration;
import java.time.Instant;

/** The devnet's settings, fixed at build time (see {@link SolanaDevnet.Builder}). */
final class DevnetConfig {

    /** What getVersion reports; an Agave release of the recordings' time (Oct 2025). */
    static final String SOLANA_CORE_VERSION = "2.3.13";

    static final long FEATURE_SET = 2_142_755_730L;

    /**
     * Mainnet's genesis. Unless told otherwise, the devnet numbers slots as if it had run since
     * then at its slot time, so slot numbers look like mainnet's and keep growing across restarts
     * (a restarted connector's checkpointed cursor stays behind the tip).
     */
    static final Instant MAINNET_GENESIS = Instant.parse("2020-03-16T14:29:00Z");

    final String host;
    final int port;
    final long seed;
    final int players;
    final double transactionsPerSecond;
    final long slotMillis;
    final boolean manualClock;
    final long startSlot;
    final long genesisUnixSeconds;
    final int confirmedLag;
    final int finalizedLag;
    final double skippedSlotFraction;
    final double failedTransactionFraction;
    final double mafiaShare;
    final double routerShare;
    final double selfCpiShare;
    final double legacyShare;
    final double forkProbability;
    final int forkLength;
    final double reincludeFraction;
    final long earningsIntervalSeconds;
    final EarningsDiscrepancy earningsDiscrepancy;
    final long retainSlots;
    final long localLedgerSlots;

    DevnetConfig(SolanaDevnet.Builder b) {
        this.host = b.host;
        this.port = b.port;
        Instant genesis = b.genesisTime != null ? b.genesisTime : Instant.now();
        // Without a seed, one per genesis time: a restarted devnet must not repeat signatures.
        this.seed = b.seed != null ? b.seed : genesis.toEpochMilli();
        this.players = b.players;
        this.transactionsPerSecond = b.transactionsPerSecond;
        this.slotMillis = b.slotTime.toMillis();
        this.manualClock = b.manualClock;
        this.startSlot =
                b.startSlot != null
                        ? b.startSlot
                        : Duration.between(MAINNET_GENESIS, genesis).toMillis() / slotMillis;
        this.genesisUnixSeconds = genesis.getEpochSecond();
        this.confirmedLag = b.confirmedLag;
        this.finalizedLag = b.finalizedLag;
        this.skippedSlotFraction = b.skippedSlotFraction;
        this.failedTransactionFraction = b.failedTransactionFraction;
        this.mafiaShare = b.mafiaShare;
        this.routerShare = b.routerShare;
        this.selfCpiShare = b.selfCpiShare;
        this.legacyShare = b.legacyShare;
        this.forkProbability = b.forkProbability;
        this.forkLength = b.forkLength;
        this.reincludeFraction = b.reincludeFraction;
        this.earningsIntervalSeconds = b.earningsInterval.toSeconds();
        this.earningsDiscrepancy = b.earningsDiscrepancy;
        this.retainSlots = b.retainSlots;
        this.localLedgerSlots = b.localLedgerSlots;
        checkForkLength(forkLength);
    }

    /** Heights start below slots, as on mainnet where some slots were skipped. */
    long startBlockHeight() {
        return startSlot - startSlot / 16;
    }

    /**
     * A fork must be visible at confirmed for at least one slot (longer than the confirmed lag) and
     * be abandoned before the root reaches it.
     */
    void checkForkLength(int length) {
        if (length <= confirmedLag || length + confirmedLag >= finalizedLag) {
            throw new IllegalArgumentException(
                    "Fork length must be above the confirmed lag ("
                            + confirmedLag
                            + ") and below the finalized lag minus the confirmed lag ("
                            + (finalizedLag - confirmedLag)
                            + "), got "
                            + length);
        }
    }
}
