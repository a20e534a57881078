package io.chainplay.pipelines.earnings;

import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

import java.io.Serializable;
import java.util.List;

/**
 * Emits the latest event time of its input once the input has ended, and nothing while it runs.
 *
 * <p>Two of these (one per subtask, then one of parallelism 1) tell the earnings operator where a
 * bounded input ends, so that it accrues up to that time and stops instead of firing dues forever
 * when the final watermark comes. The final watermark is held back until the time has been sent, so
 * downstream sees the time before its timers fire; in BATCH mode the broadcast side is read first
 * anyway. The maximum is in operator state, so a restarted bounded run still knows it.
 */
public final class InputEndTime<T> extends AbstractStreamOperator<Long>
        implements OneInputStreamOperator<T, Long>, BoundedOneInput {

    private static final long serialVersionUID = 1L;

    /** The event time of a record, epoch milliseconds. */
    @FunctionalInterface
    public interface TimeOf<T> extends Serializable {
        long of(T record);
    }

    private final TimeOf<T> timeOf;

    private transient long max;
    private transient boolean finalWatermarkHeld;
    private transient ListState<Long> checkpointed;

    public InputEndTime(TimeOf<T> timeOf) {
        this.timeOf = timeOf;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        max = Long.MIN_VALUE;
        checkpointed =
                context.getOperatorStateStore()
                        .getListState(new ListStateDescriptor<>("max-event-time", Types.LONG));
        for (Long time : checkpointed.get()) {
            max = Math.max(max, time);
        }
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        checkpointed.update(List.of(max));
    }

    @Override
    public void processElement(StreamRecord<T> element) {
        max = Math.max(max, timeOf.of(element.getValue()));
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        if (mark.getTimestamp() == Long.MAX_VALUE) {
            finalWatermarkHeld = true;
        } else {
            super.processWatermark(mark);
        }
    }

    @Override
    public void endInput() throws Exception {
        if (max != Long.MIN_VALUE) {
            output.collect(new StreamRecord<>(max));
        }
        if (finalWatermarkHeld) {
            super.processWatermark(Watermark.MAX_WATERMARK);
        }
    }
}
