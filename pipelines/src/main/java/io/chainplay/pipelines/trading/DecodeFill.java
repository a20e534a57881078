package io.chainplay.pipelines.trading;

import io.chainplay.pipelines.common.DeadLetterRecord;
import io.chainplay.pipelines.common.RawRecord;
import io.chainplay.schemas.Topics;
import io.chainplay.schemas.exchange.ExchangeFill;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Decodes and validates raw {@code raw.exchange.fills} records into {@link Fill}s.
 *
 * <p>A record that is not an ExchangeFill, or whose fill is invalid (a decimal that is not a plain
 * decimal string or has more than 16 fraction digits, a non-positive price or quantity, a negative
 * value, an empty player or market) goes to the dead-letter side output with its bytes, position
 * and the reason, and the job goes on (ARCHITECTURE.md, principle 6).
 */
public class DecodeFill extends ProcessFunction<RawRecord, Fill> {

    public static final OutputTag<DeadLetterRecord> DEAD_LETTERS =
            new OutputTag<>("decode-dead-letters") {};

    private transient Counter deadLetters;

    @Override
    public void open(OpenContext context) {
        deadLetters = getRuntimeContext().getMetricGroup().counter("deadLetters");
    }

    @Override
    public void processElement(RawRecord raw, Context ctx, Collector<Fill> out) {
        ExchangeFill avro;
        try {
            avro = Topics.RAW_EXCHANGE_FILLS.deserializeValue(raw.value);
        } catch (RuntimeException e) {
            reject(ctx, raw, "Not an ExchangeFill: " + e.getMessage(), e);
            return;
        }
        try {
            out.collect(Fill.of(avro, raw.position()));
        } catch (IllegalArgumentException e) {
            reject(
                    ctx,
                    raw,
                    "Invalid fill "
                            + avro.getVenue()
                            + ":"
                            + avro.getFillId()
                            + ": "
                            + e.getMessage(),
                    e);
        }
    }

    private void reject(Context ctx, RawRecord raw, String reason, Throwable error) {
        deadLetters.inc();
        ctx.output(DEAD_LETTERS, DeadLetterRecord.of(TradingJob.SOURCE_NAME, raw, reason, error));
    }
}
