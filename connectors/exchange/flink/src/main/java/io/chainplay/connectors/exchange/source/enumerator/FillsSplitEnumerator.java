package io.chainplay.connectors.exchange.source.enumerator;

import io.chainplay.connectors.exchange.source.split.FillsSplit;

import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.annotation.Nullable;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Hands out one split per account. Live splits are pushed to reader {@code accountId mod
 * parallelism} when it registers (or to any registered reader if that one is gone), so each account
 * keeps one stream connection; bounded splits are pulled by readers as they finish one, which
 * balances a backfill. Splits not yet assigned, or given back by a failed reader, are checkpointed.
 */
public final class FillsSplitEnumerator implements SplitEnumerator<FillsSplit, List<FillsSplit>> {

    private static final Logger LOG = LoggerFactory.getLogger(FillsSplitEnumerator.class);

    private final SplitEnumeratorContext<FillsSplit> context;
    private final List<FillsSplit> unassigned;
    private final boolean bounded;

    public FillsSplitEnumerator(
            SplitEnumeratorContext<FillsSplit> context,
            List<FillsSplit> unassigned,
            boolean bounded) {
        this.context = context;
        this.unassigned = new ArrayList<>(unassigned);
        this.bounded = bounded;
    }

    @Override
    public void start() {
        LOG.info(
                "{} account splits to assign ({})",
                unassigned.size(),
                bounded ? "bounded" : "live");
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
    public void addSplitsBack(List<FillsSplit> splits, int subtask) {
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
        Iterator<FillsSplit> it = unassigned.iterator();
        while (it.hasNext()) {
            FillsSplit split = it.next();
            int owner = (int) Math.floorMod(split.accountId(), (long) parallelism);
            if (owner == subtask || !context.registeredReaders().containsKey(owner)) {
                context.assignSplit(split, subtask);
                it.remove();
            }
        }
    }

    @Override
    public List<FillsSplit> snapshotState(long checkpointId) {
        return List.copyOf(unassigned);
    }

    @Override
    public void close() {}
}
