package io.chainplay.pipelines.casino;

import io.chainplay.pipelines.common.DeadLetterRecord;
import io.chainplay.pipelines.common.RawRecord;
import io.chainplay.schemas.Topics;
import io.chainplay.schemas.casino.FareVaultEvents;
import io.chainplay.schemas.casino.FareVaultRecords;
import io.chainplay.schemas.chain.ChainEvent;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Decodes raw {@code raw.solana.fare_vault} records into casino events.
 *
 * <p>All twelve events of the IDL are mapped through their typed Avro records. Records that are not
 * a ChainEvent envelope, or whose payload does not follow the IDL, go to the dead-letter side
 * output with the reason; an event name the IDL does not have is counted and skipped (a newer
 * program version: the job keeps going and the metric shows it).
 */
public class DecodeFareVault extends ProcessFunction<RawRecord, CasinoEvent> {

    public static final OutputTag<DeadLetterRecord> DEAD_LETTERS =
            new OutputTag<>("dead-letters") {};

    private transient Counter deadLetters;
    private transient Counter skipped;

    @Override
    public void open(OpenContext context) {
        deadLetters = getRuntimeContext().getMetricGroup().counter("deadLetters");
        skipped = getRuntimeContext().getMetricGroup().counter("skippedEvents");
    }

    @Override
    public void processElement(RawRecord raw, Context ctx, Collector<CasinoEvent> out) {
        ChainEvent event;
        try {
            event = Topics.RAW_SOLANA_FARE_VAULT.deserializeValue(raw.value);
        } catch (RuntimeException e) {
            reject(ctx, raw, "Not a ChainEvent: " + e.getMessage(), e);
            return;
        }
        if (!FareVaultEvents.PROGRAM_ID.equals(event.getProgram())) {
            reject(
                    ctx,
                    raw,
                    "Event of program "
                            + event.getProgram()
                            + " on the fare_vault topic (expected "
                            + FareVaultEvents.PROGRAM_ID
                            + ")",
                    null);
            return;
        }
        try {
            switch (event.getEventName()) {
                case FareVaultEvents.TRIAL_REGISTERED ->
                        out.collect(CasinoEvent.of(FareVaultEvents.trialRegistered(event)));
                case FareVaultEvents.TRIAL_RESOLVED ->
                        out.collect(CasinoEvent.of(FareVaultEvents.trialResolved(event)));
                case FareVaultRecords.FEE_CHARGED ->
                        out.collect(CasinoEvent.of(FareVaultRecords.feeCharged(event)));
                case FareVaultRecords.POOL_REGISTERED ->
                        out.collect(CasinoEvent.of(FareVaultRecords.poolRegistered(event)));
                case FareVaultRecords.POOL_ACCUMULATED_AMOUNT_UPDATED ->
                        out.collect(
                                CasinoEvent.of(
                                        FareVaultRecords.poolAccumulatedAmountUpdated(event)));
                case FareVaultRecords.POOL_ACCUMULATED_AMOUNT_RELEASED ->
                        out.collect(
                                CasinoEvent.of(
                                        FareVaultRecords.poolAccumulatedAmountReleased(event)));
                default -> {
                    if (FareVaultRecords.isVaultEvent(event.getEventName())) {
                        out.collect(CasinoEvent.of(FareVaultRecords.vaultConfigUpdated(event)));
                    } else {
                        skipped.inc();
                    }
                }
            }
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
        ctx.output(DEAD_LETTERS, DeadLetterRecord.of(CasinoJob.SOURCE_NAME, raw, reason, error));
    }
}
