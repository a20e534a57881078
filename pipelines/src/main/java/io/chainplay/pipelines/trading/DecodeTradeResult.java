package io.chainplay.pipelines.trading;

import io.chainplay.pipelines.common.DeadLetterRecord;
import io.chainplay.pipelines.common.RawRecord;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Parses the daily-trade workflow's answers; an answer that does not parse goes to {@code
 * dlq.trading} with its bytes and position instead of stopping the job.
 */
public class DecodeTradeResult extends ProcessFunction<RawRecord, TradeRequestRow> {

    public static final OutputTag<DeadLetterRecord> DEAD_LETTERS =
            new OutputTag<>("trade-result-dead-letters") {};

    private transient Counter deadLetters;

    @Override
    public void open(OpenContext context) {
        deadLetters = getRuntimeContext().getMetricGroup().counter("deadLetters");
    }

    @Override
    public void processElement(RawRecord raw, Context ctx, Collector<TradeRequestRow> out) {
        try {
            out.collect(TradeRequestRow.parse(raw.value));
        } catch (IllegalArgumentException e) {
            deadLetters.inc();
            ctx.output(
                    DEAD_LETTERS,
                    DeadLetterRecord.of(
                            TradingJob.SOURCE_NAME,
                            raw,
                            "Invalid trade result: " + e.getMessage(),
                            e));
        }
    }
}
