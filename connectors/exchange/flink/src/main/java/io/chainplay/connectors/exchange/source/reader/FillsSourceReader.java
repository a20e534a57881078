package io.chainplay.connectors.exchange.source.reader;

import io.chainplay.connectors.exchange.source.ExchangeRecord;
import io.chainplay.connectors.exchange.source.FillsConnection;
import io.chainplay.connectors.exchange.source.split.FillsSplit;
import io.chainplay.connectors.exchange.source.split.FillsSplitState;

import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.source.reader.SingleThreadMultiplexSourceReaderBase;
import org.apache.flink.metrics.MetricGroup;

import java.util.Map;

/**
 * The fills source's reader: one fetcher thread reads every account assigned to this subtask.
 * Bounded splits are asked for one at a time, so a backfill's accounts spread over the readers.
 *
 * <p>Metrics (reader scope): {@code fillsEmitted}, {@code deadLetters}, {@code catchUps}, {@code
 * catchUpPages}, {@code streamDisconnects}, {@code seqGaps}, {@code silentCatchUps}, {@code
 * duplicatesDropped}.
 */
public final class FillsSourceReader
        extends SingleThreadMultiplexSourceReaderBase<
                ExchangeRecord, ExchangeRecord, FillsSplit, FillsSplitState> {

    public FillsSourceReader(
            FillsConnection connection,
            long pollMillis,
            long silentCatchUpMillis,
            Configuration config,
            SourceReaderContext context) {
        super(
                () ->
                        new FillsSplitReader(
                                connection,
                                pollMillis,
                                silentCatchUpMillis,
                                metrics(context.metricGroup())),
                new FillsRecordEmitter(
                        context.metricGroup().counter("fillsEmitted"),
                        context.metricGroup().counter("deadLetters")),
                config,
                context);
    }

    private static FillsSplitReader.Metrics metrics(MetricGroup group) {
        return new FillsSplitReader.Metrics(
                group.counter("catchUps"),
                group.counter("catchUpPages"),
                group.counter("streamDisconnects"),
                group.counter("seqGaps"),
                group.counter("silentCatchUps"),
                group.counter("duplicatesDropped"));
    }

    @Override
    public void start() {
        super.start();
        context.sendSplitRequest(); // bounded splits are pulled; live ones are pushed
    }

    @Override
    protected void onSplitFinished(Map<String, FillsSplitState> finished) {
        context.sendSplitRequest();
    }

    @Override
    protected FillsSplitState initializedState(FillsSplit split) {
        return new FillsSplitState(split);
    }

    @Override
    protected FillsSplit toSplitType(String splitId, FillsSplitState state) {
        return state.toSplit();
    }
}
