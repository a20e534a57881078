package io.chainplay.connectors.solana.source.reader;

import io.chainplay.connectors.solana.source.SolanaChain;
import io.chainplay.connectors.solana.source.SolanaRecord;
import io.chainplay.connectors.solana.source.split.SolanaSplit;
import io.chainplay.connectors.solana.source.split.SolanaSplitState;

import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.source.reader.SingleThreadMultiplexSourceReaderBase;
import org.apache.flink.metrics.Counter;

import java.util.Map;

/**
 * The Solana source's reader: one fetcher thread reads blocks for all splits of this subtask;
 * bounded splits are asked for one at a time, so a backfill's chunks spread over the readers.
 */
public final class SolanaSourceReader
        extends SingleThreadMultiplexSourceReaderBase<
                UnitRecord, SolanaRecord, SolanaSplit, SolanaSplitState> {

    public SolanaSourceReader(
            SolanaChain.Factory chains,
            SolanaChain.Level level,
            long pollMillis,
            Configuration config,
            SourceReaderContext context) {
        super(
                () -> newSplitReader(chains, level, pollMillis, context),
                new SolanaRecordEmitter(),
                config,
                context);
    }

    private static SolanaSplitReader newSplitReader(
            SolanaChain.Factory chains,
            SolanaChain.Level level,
            long pollMillis,
            SourceReaderContext context) {
        Counter deadLetters = context.metricGroup().counter("deadLetters");
        Counter retracted = context.metricGroup().counter("retractedEvents");
        return new SolanaSplitReader(chains.open(), level, pollMillis, deadLetters, retracted);
    }

    @Override
    public void start() {
        super.start();
        context.sendSplitRequest(); // bounded splits are pulled; live ones are pushed
    }

    @Override
    protected void onSplitFinished(Map<String, SolanaSplitState> finished) {
        context.sendSplitRequest();
    }

    @Override
    protected SolanaSplitState initializedState(SolanaSplit split) {
        return new SolanaSplitState(split);
    }

    @Override
    protected SolanaSplit toSplitType(String splitId, SolanaSplitState state) {
        return state.toSplit();
    }
}
