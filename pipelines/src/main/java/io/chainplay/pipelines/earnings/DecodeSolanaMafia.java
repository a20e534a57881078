package io.chainplay.pipelines.earnings;

import io.chainplay.pipelines.common.DeadLetterRecord;
import io.chainplay.pipelines.common.RawRecord;
import io.chainplay.schemas.Topics;
import io.chainplay.schemas.chain.ChainEvent;
import io.chainplay.schemas.earnings.SolanaMafiaEvents;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Decodes raw {@code raw.solana.solana_mafia} records into {@link MafiaEvent}s.
 *
 * <p>Records that are not a ChainEvent envelope, come from another program, name an event the IDL
 * does not have, or whose payload breaks the IDL go to the dead-letter side output with the reason.
 */
public class DecodeSolanaMafia extends ProcessFunction<RawRecord, MafiaEvent> {

    public static final OutputTag<DeadLetterRecord> DEAD_LETTERS =
            new OutputTag<>("decode-dead-letters") {};

    private final String program;

    private transient Counter deadLetters;

    public DecodeSolanaMafia(String program) {
        this.program = program;
    }

    @Override
    public void open(OpenContext context) {
        deadLetters = getRuntimeContext().getMetricGroup().counter("deadLetters");
    }

    @Override
    public void processElement(RawRecord raw, Context ctx, Collector<MafiaEvent> out) {
        ChainEvent event;
        try {
            event = Topics.RAW_SOLANA_SOLANA_MAFIA.deserializeValue(raw.value);
        } catch (RuntimeException e) {
            reject(ctx, raw, "Not a ChainEvent: " + e.getMessage(), e);
            return;
        }
        if (!program.equals(event.getProgram())) {
            reject(
                    ctx,
                    raw,
                    "Event of program "
                            + event.getProgram()
                            + " on the solana_mafia topic (expected "
                            + program
                            + ")",
                    null);
            return;
        }
        try {
            out.collect(MafiaEvent.of(SolanaMafiaEvents.typed(event)));
        } catch (IllegalArgumentException e) {
            reject(
                    ctx,
                    raw,
                    event.getEventName() + " " + event.getEventId() + ": " + e.getMessage(),
                    e);
        }
    }

    private void reject(Context ctx, RawRecord raw, String reason, Throwable error) {
        deadLetters.inc();
        ctx.output(DEAD_LETTERS, DeadLetterRecord.of(EarningsJob.SOURCE_NAME, raw, reason, error));
    }
}
