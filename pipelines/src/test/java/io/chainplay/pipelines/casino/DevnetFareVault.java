package io.chainplay.pipelines.casino;

import io.chainplay.devnet.solana.Fate;
import io.chainplay.devnet.solana.GeneratedEvent;
import io.chainplay.devnet.solana.SolanaDevnet;
import io.chainplay.schemas.chain.Chain;
import io.chainplay.schemas.chain.ChainEvent;
import io.chainplay.schemas.chain.Finality;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * fare_vault activity from the devnet (all twelve events, real IDL fields, forks with dropped and
 * re-included transactions) as the Solana source delivers it to {@code raw.solana.fare_vault}: each
 * copy observed at its slot, finalized 32 slots later, or retracted once its fork is abandoned; and
 * the same chain as its canonical events alone.
 *
 * <p>The envelopes are built from the devnet's ground truth, whose fields are the canonical JSON
 * the connector's decoder produces (SolanaIngestITCase checks the two agree field by field).
 */
final class DevnetFareVault {

    private static final int FINALITY_SLOTS = 32;

    /** Every copy, with its fate. */
    final List<GeneratedEvent> generated;

    private final long seed;

    private DevnetFareVault(List<GeneratedEvent> generated, long seed) {
        this.generated = generated;
        this.seed = seed;
    }

    /** Casino traffic only, with forks, over the given number of slots. */
    static DevnetFareVault generate(long seed, int slots, double transactionsPerSecond) {
        try (SolanaDevnet devnet =
                SolanaDevnet.builder()
                        .manualClock()
                        .seed(seed)
                        .genesisTime(Instant.parse("2026-03-02T23:50:00Z"))
                        .transactionsPerSecond(transactionsPerSecond)
                        .players(40)
                        .mafiaShare(0)
                        .forks(0.04, 3, 0.5)
                        .start()) {
            devnet.advance(slots);
            List<GeneratedEvent> events =
                    devnet.groundTruth().events(devnet.startSlot(), devnet.tipSlot()).stream()
                            .filter(g -> g.programName().equals("fare_vault"))
                            .toList();
            return new DevnetFareVault(events, seed);
        }
    }

    long dropped() {
        return generated.stream().filter(g -> g.fate() == Fate.DROPPED).count();
    }

    long reIncluded() {
        return generated.stream().filter(g -> g.fate() == Fate.REINCLUDED).count();
    }

    /**
     * What the connector sends at confirmed: every copy observed at its slot (a few twice), the
     * canonical ones finalized 32 slots later, the abandoned ones retracted a few slots later,
     * sometimes after their re-included copy.
     */
    List<ChainEvent> asStreamed() {
        Random random = new Random(seed);
        List<Object[]> sends = new ArrayList<>(); // {arrival slot, order, envelope}
        int order = 0;
        for (GeneratedEvent g : generated) {
            sends.add(new Object[] {g.slot(), order++, envelope(g, Finality.OBSERVED, false)});
            if (random.nextInt(30) == 0) {
                sends.add(
                        new Object[] {
                            g.slot() + 1, order++, envelope(g, Finality.OBSERVED, false)
                        });
            }
            if (g.fate() == Fate.DROPPED) {
                long at = g.slot() + (random.nextBoolean() ? 4 : 12);
                sends.add(new Object[] {at, order++, envelope(g, Finality.OBSERVED, true)});
            } else {
                sends.add(
                        new Object[] {
                            g.slot() + FINALITY_SLOTS,
                            order++,
                            envelope(g, Finality.FINALIZED, false)
                        });
            }
        }
        sends.sort(
                Comparator.<Object[]>comparingLong(s -> (Long) s[0])
                        .thenComparingInt(s -> (Integer) s[1]));
        return sends.stream().map(s -> (ChainEvent) s[2]).toList();
    }

    /** The canonical chain alone: each final copy once, finalized. */
    List<ChainEvent> canonical() {
        return generated.stream()
                .filter(GeneratedEvent::isFinal)
                .map(g -> envelope(g, Finality.FINALIZED, false))
                .toList();
    }

    static ChainEvent envelope(GeneratedEvent g, Finality finality, boolean retracted) {
        return ChainEvent.newBuilder()
                .setEventId(g.eventId())
                .setChain(Chain.SOLANA)
                .setProgram(g.programId())
                .setProgramName(g.programName())
                .setEventName(g.eventName())
                .setTxSignature(g.txSignature())
                .setSlot(g.slot())
                .setInstructionIndex(g.instructionIndex())
                .setEventIndex(g.eventIndex())
                .setEventTime(Instant.ofEpochSecond(g.blockTime()))
                .setCommitment(finality == Finality.FINALIZED ? "finalized" : "confirmed")
                .setFinality(finality)
                .setRetracted(retracted)
                .setPayload(g.fieldsJson())
                .build();
    }
}
