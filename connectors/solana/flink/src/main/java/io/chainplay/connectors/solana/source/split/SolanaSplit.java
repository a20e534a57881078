package io.chainplay.connectors.solana.source.split;

import io.chainplay.connectors.solana.source.SolanaRecord;

import org.apache.flink.api.connector.source.SourceSplit;

import java.util.List;

/**
 * A share of the slots to read, with the cursor that makes a restart resume exactly where the
 * reader was.
 *
 * <p>A split owns the slots {@code s} in {@code [firstSlot, lastSlot]} with {@code s % modulus ==
 * remainder}: bounded reads cut the range into chunks (modulus 1); live reads give each of N splits
 * every N-th slot, so N readers fetch blocks in parallel.
 *
 * <p>The cursor: {@code nextSlot} is the next owned slot to read, of which {@code emittedInSlot}
 * records were already emitted (a checkpoint may fall inside a block). Events read at {@code
 * confirmed} wait in {@code pending} until their slot is finalized, when they are sent again as
 * finalized, or as retracted if the slot left the chain; {@code finalizingEmitted} records of the
 * oldest pending slot's finalization were already emitted.
 *
 * @param id split id
 * @param firstSlot first slot of the range
 * @param lastSlot last slot of the range, {@link Long#MAX_VALUE} when live
 * @param modulus owned slots are those equal to remainder modulo this
 * @param remainder see modulus
 * @param nextSlot next owned slot to read
 * @param emittedInSlot records of nextSlot already emitted
 * @param pending slots read at confirmed and not finalized yet, oldest first
 * @param finalizingEmitted records of the first pending slot's finalization already emitted
 */
public record SolanaSplit(
        String id,
        long firstSlot,
        long lastSlot,
        int modulus,
        int remainder,
        long nextSlot,
        int emittedInSlot,
        List<PendingSlot> pending,
        int finalizingEmitted)
        implements SourceSplit {

    public SolanaSplit {
        if (modulus < 1 || remainder < 0 || remainder >= modulus) {
            throw new IllegalArgumentException(
                    "Split "
                            + id
                            + ": remainder must be in [0, modulus): "
                            + remainder
                            + "/"
                            + modulus);
        }
        pending = List.copyOf(pending);
    }

    /** A fresh split that owns every {@code modulus}-th slot from {@code firstSlot} on. */
    public static SolanaSplit of(
            String id, long firstSlot, long lastSlot, int modulus, int remainder) {
        return new SolanaSplit(
                id,
                firstSlot,
                lastSlot,
                modulus,
                remainder,
                firstOwned(firstSlot, modulus, remainder),
                0,
                List.of(),
                0);
    }

    @Override
    public String splitId() {
        return id;
    }

    public boolean isBounded() {
        return lastSlot != Long.MAX_VALUE;
    }

    /** The first slot at or after {@code slot} that a split with this modulus owns. */
    public static long firstOwned(long slot, int modulus, int remainder) {
        long offset = Math.floorMod(remainder - slot, (long) modulus);
        return slot + offset;
    }

    /**
     * A slot read at confirmed whose events wait for finality.
     *
     * @param slot the slot
     * @param blockhash the hash of the block the events were read from
     * @param events the events as emitted (observed)
     */
    public record PendingSlot(long slot, String blockhash, List<SolanaRecord> events) {
        public PendingSlot {
            events = List.copyOf(events);
        }
    }
}
