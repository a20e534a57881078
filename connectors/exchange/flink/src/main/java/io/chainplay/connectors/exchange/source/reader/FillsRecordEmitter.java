package io.chainplay.connectors.exchange.source.reader;

import io.chainplay.connectors.exchange.source.ExchangeRecord;
import io.chainplay.connectors.exchange.source.split.FillsSplitState;

import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.connector.base.source.reader.RecordEmitter;
import org.apache.flink.metrics.Counter;

/**
 * Emits records stamped with the fill's createdTime and moves the split's cursor past each one, so
 * a checkpoint between two records holds exactly the highest id emitted.
 */
final class FillsRecordEmitter
        implements RecordEmitter<ExchangeRecord, ExchangeRecord, FillsSplitState> {

    private final Counter fills;
    private final Counter deadLetters;

    FillsRecordEmitter(Counter fills, Counter deadLetters) {
        this.fills = fills;
        this.deadLetters = deadLetters;
    }

    @Override
    public void emitRecord(
            ExchangeRecord record, SourceOutput<ExchangeRecord> output, FillsSplitState state) {
        if (record.fillId > 0 && record.fillId <= state.cursor()) {
            return; // already emitted before a restore; the fetcher's copy could not know
        }
        output.collect(record, record.timestamp);
        state.emitted(record.fillId);
        if (record.type == ExchangeRecord.Type.FILL) {
            fills.inc();
        } else {
            deadLetters.inc();
        }
    }
}
