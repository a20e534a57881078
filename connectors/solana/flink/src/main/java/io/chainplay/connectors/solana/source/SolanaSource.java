package io.chainplay.connectors.solana.source;

import io.chainplay.connectors.common.source.OwnedSplitEnumerator;
import io.chainplay.connectors.solana.source.reader.SolanaSourceReader;
import io.chainplay.connectors.solana.source.split.SolanaSplit;
import io.chainplay.connectors.solana.source.split.SolanaSplitSerializer;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.io.SimpleVersionedSerializer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A FLIP-27 source of decoded Solana program events.
 *
 * <p>Live, it tails new slots at {@code confirmed} (events are sent as observed, then again as
 * finalized once their slot is, or as retracted if their block left the chain) or at {@code
 * finalized}. Bounded, it reads {@code [fromSlot, toSlot]} in chunks spread over the readers and
 * ends, so the same job runs in BATCH mode for a backfill. The cursor (slot, and records emitted
 * within it) is checkpointed, so a restart resumes exactly where the source was.
 *
 * <p>Build one with {@link #builder()}.
 */
public final class SolanaSource
        implements Source<SolanaRecord, SolanaSplit, List<SolanaSplit>>,
                ResultTypeQueryable<SolanaRecord> {

    private final SolanaChain.Factory chains;
    private final SolanaChain.Level level;
    private final Long fromSlot;
    private final Long toSlot;
    private final long slotsPerSplit;
    private final long pollMillis;

    SolanaSource(
            SolanaChain.Factory chains,
            SolanaChain.Level level,
            Long fromSlot,
            Long toSlot,
            long slotsPerSplit,
            long pollMillis) {
        this.chains = chains;
        this.level = level;
        this.fromSlot = fromSlot;
        this.toSlot = toSlot;
        this.slotsPerSplit = slotsPerSplit;
        this.pollMillis = pollMillis;
    }

    public static SolanaSourceBuilder builder() {
        return new SolanaSourceBuilder();
    }

    @Override
    public Boundedness getBoundedness() {
        return toSlot == null ? Boundedness.CONTINUOUS_UNBOUNDED : Boundedness.BOUNDED;
    }

    @Override
    public SourceReader<SolanaRecord, SolanaSplit> createReader(SourceReaderContext context) {
        return new SolanaSourceReader(chains, level, pollMillis, new Configuration(), context);
    }

    @Override
    public SplitEnumerator<SolanaSplit, List<SolanaSplit>> createEnumerator(
            SplitEnumeratorContext<SolanaSplit> context) throws IOException {
        return enumerator(context, initialSplits(context.currentParallelism()));
    }

    @Override
    public SplitEnumerator<SolanaSplit, List<SolanaSplit>> restoreEnumerator(
            SplitEnumeratorContext<SolanaSplit> context, List<SolanaSplit> unassigned) {
        return enumerator(context, unassigned);
    }

    // Live splits belong to reader remainder % parallelism (the slots they read).
    private SplitEnumerator<SolanaSplit, List<SolanaSplit>> enumerator(
            SplitEnumeratorContext<SolanaSplit> context, List<SolanaSplit> splits) {
        return new OwnedSplitEnumerator<>(
                context, splits, toSlot != null, "Solana splits", SolanaSplit::remainder);
    }

    /** Chunks of the range when bounded; one split per reader, each every N-th slot, when live. */
    List<SolanaSplit> initialSplits(int parallelism) throws IOException {
        List<SolanaSplit> splits = new ArrayList<>();
        if (toSlot != null) {
            for (long first = fromSlot; first <= toSlot; first += slotsPerSplit) {
                long last = Math.min(toSlot, first + slotsPerSplit - 1);
                splits.add(SolanaSplit.of("slots-" + first + "-" + last, first, last, 1, 0));
            }
            return splits;
        }
        long start = fromSlot != null ? fromSlot : latestSlot();
        for (int i = 0; i < parallelism; i++) {
            splits.add(
                    SolanaSplit.of(
                            "live-" + i + "-of-" + parallelism,
                            start,
                            Long.MAX_VALUE,
                            parallelism,
                            i));
        }
        return splits;
    }

    private long latestSlot() throws IOException {
        try (SolanaChain chain = chains.open()) {
            return chain.slot(level);
        }
    }

    @Override
    public SimpleVersionedSerializer<SolanaSplit> getSplitSerializer() {
        return SolanaSplitSerializer.INSTANCE;
    }

    @Override
    public SimpleVersionedSerializer<List<SolanaSplit>> getEnumeratorCheckpointSerializer() {
        return SolanaSplitSerializer.ENUMERATOR_STATE;
    }

    @Override
    public TypeInformation<SolanaRecord> getProducedType() {
        return TypeInformation.of(SolanaRecord.class);
    }
}
