package io.chainplay.connectors.solana.source.enumerator;

import io.chainplay.connectors.solana.source.split.SolanaSplit;

import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.annotation.Nullable;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Hands out splits. Bounded chunks are pulled by readers as they finish one, which balances a
 * backfill; live splits (every N-th slot) are pushed to reader {@code remainder % parallelism} when
 * it registers (or to any registered reader if that one is gone). Splits not yet assigned, or given
 * back by a failed reader, are checkpointed.
 */
public final class SolanaSplitEnumerator
        implements SplitEnumerator<SolanaSplit, List<SolanaSplit>> {

    private static final Logger LOG = LoggerFactory.getLogger(SolanaSplitEnumerator.class);

    private final SplitEnumeratorContext<SolanaSplit> context;
    private final List<SolanaSplit> unassigned;
    private final boolean bounded;

    public SolanaSplitEnumerator(
            SplitEnumeratorContext<SolanaSplit> context,
            List<SolanaSplit> unassigned,
            boolean bounded) {
        this.context = context;
        this.unassigned = new ArrayList<>(unassigned);
        this.bounded = bounded;
    }

    @Override
    public void start() {
        LOG.info(
                "{} Solana splits to assign ({})", unassigned.size(), bounded ? "bounded" : "live");
    }

    @Override
    public void handleSplitRequest(int subtask, @Nullable String requesterHostname) {
        if (!bounded) {
            return; // live splits are pushed in addReader
        }
        if (unassigned.isEmpty()) {
            context.signalNoMoreSplits(subtask);
            return;
        }
        context.assignSplit(unassigned.remove(0), subtask);
    }

    @Override
    public void addSplitsBack(List<SolanaSplit> splits, int subtask) {
        unassigned.addAll(splits);
        if (!bounded && context.registeredReaders().containsKey(subtask)) {
            assignLive(subtask);
        }
    }

    @Override
    public void addReader(int subtask) {
        if (!bounded) {
            assignLive(subtask);
        }
    }

    private void assignLive(int subtask) {
        int parallelism = context.currentParallelism();
        Iterator<SolanaSplit> it = unassigned.iterator();
        while (it.hasNext()) {
            SolanaSplit split = it.next();
            int owner = split.remainder() % parallelism;
            if (owner == subtask || !context.registeredReaders().containsKey(owner)) {
                context.assignSplit(split, subtask);
                it.remove();
            }
        }
    }

    @Override
    public List<SolanaSplit> snapshotState(long checkpointId) {
        return List.copyOf(unassigned);
    }

    @Override
    public void close() {}
}
