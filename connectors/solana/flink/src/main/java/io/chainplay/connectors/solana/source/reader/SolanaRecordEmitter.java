package io.chainplay.connectors.solana.source.reader;

import io.chainplay.connectors.solana.source.SolanaRecord;
import io.chainplay.connectors.solana.source.split.SolanaSplitState;

import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.connector.base.source.reader.RecordEmitter;

/** Emits records stamped with block time and moves the split's cursor past each one. */
final class SolanaRecordEmitter
        implements RecordEmitter<UnitRecord, SolanaRecord, SolanaSplitState> {

    @Override
    public void emitRecord(
            UnitRecord unit, SourceOutput<SolanaRecord> output, SolanaSplitState state) {
        if (unit.phase == UnitRecord.Phase.OBSERVE) {
            if (unit.isEnd()) {
                if (unit.unseen) {
                    state.unseen(unit.slot, SolanaSplitReader.UNSEEN);
                }
                state.slotDone(unit.nextSlot);
                return;
            }
            output.collect(unit.record, unit.record.timestamp);
            boolean waitsForFinality = unit.pending && unit.record.type == SolanaRecord.Type.EVENT;
            state.observed(
                    unit.slot, unit.ordinal, unit.blockhash, waitsForFinality ? unit.record : null);
        } else {
            if (unit.isEnd()) {
                state.finalized(unit.slot);
                return;
            }
            output.collect(unit.record, unit.record.timestamp);
            state.finalizing(unit.ordinal);
        }
    }
}
