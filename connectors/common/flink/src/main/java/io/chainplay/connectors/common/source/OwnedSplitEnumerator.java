package io.chainplay.connectors.common.source;

import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.annotation.Nullable;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The split enumerator of the project's sources (Solana slot splits, exchange account splits).
 *
 * <p>Bounded splits are pulled by readers as they finish one, which balances a backfill. Live
 * splits are pushed to their owner, reader {@code floorMod(owner(split), parallelism)}, when it
 * registers, or to any registered reader if the owner is gone: a live split then always lands on
 * the same reader after a restart, which keeps one stream connection per account or slot stride.
 * Splits not yet assigned, or given back by a failed reader, are the checkpointed state.
 *
 * @param <S> the source's split type
 */
public final class OwnedSplitEnumerator<S extends SourceSplit>
        implements SplitEnumerator<S, List<S>> {

    private static final Logger LOG = LoggerFactory.getLogger(OwnedSplitEnumerator.class);

    private final SplitEnumeratorContext<S> context;
    private final List<S> unassigned;
    private final boolean bounded;
    private final String what;
    private final ToLongFunction<S> owner;

    /**
     * @param unassigned the splits to hand out (all of them at the start, or a checkpoint's)
     * @param bounded whether readers pull them (a backfill) or they are pushed to their owners
     * @param what names the splits in the log, e.g. "Solana splits"
     * @param owner the number whose remainder modulo the parallelism picks a live split's reader
     */
    public OwnedSplitEnumerator(
            SplitEnumeratorContext<S> context,
            List<S> unassigned,
            boolean bounded,
            String what,
            ToLongFunction<S> owner) {
        this.context = context;
        this.unassigned = new ArrayList<>(unassigned);
        this.bounded = bounded;
        this.what = what;
        this.owner = owner;
    }

    @Override
    public void start() {
        LOG.info("{} {} to assign ({})", unassigned.size(), what, bounded ? "bounded" : "live");
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
    public void addSplitsBack(List<S> splits, int subtask) {
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
        Iterator<S> it = unassigned.iterator();
        while (it.hasNext()) {
            S split = it.next();
            int ownerReader = (int) Math.floorMod(owner.applyAsLong(split), (long) parallelism);
            if (ownerReader == subtask || !context.registeredReaders().containsKey(ownerReader)) {
                context.assignSplit(split, subtask);
                it.remove();
            }
        }
    }

    @Override
    public List<S> snapshotState(long checkpointId) {
        return List.copyOf(unassigned);
    }

    @Override
    public void close() {}
}
