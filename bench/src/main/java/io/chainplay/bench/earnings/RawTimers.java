package io.chainplay.bench.earnings;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.time.Duration;

/**
 * The ceiling: a job that only registers one event-time timer per key and fires it, on the same
 * keys, times, state backend and parallelism as the earnings job, with nothing else to do: what
 * Flink's timer service itself allows here.
 */
final class RawTimers {

    private RawTimers() {}

    /** Adds source → keyBy → register/fire → timing sink for {@code keys} keys in two lanes. */
    static void build(StreamExecutionEnvironment env, long keys, int lanes, String run) {
        long perLane = keys / lanes;
        long indexesPerLane = perLane + 1;
        MappedSequenceSource<Long> source =
                new MappedSequenceSource<>(
                        indexesPerLane * lanes,
                        (index, out) -> {
                            int lane = (int) (index / indexesPerLane);
                            long j = index % indexesPerLane;
                            out.accept(j < perLane ? lane * perLane + j : -1L - lane);
                        },
                        Types.LONG);
        env.fromSource(
                        source,
                        WatermarkStrategy.<Long>forBoundedOutOfOrderness(Duration.ofSeconds(1))
                                .withTimestampAssigner(
                                        (key, ts) -> registeredAt(key, perLane) * 1000),
                        "keys")
                .keyBy(key -> key)
                .process(new RegisterAndFire())
                .sinkTo(new TimingSink<Long>(run, key -> "fired"));
    }

    /** Block time of a key's record: the joining phase's, or the next day's tick. */
    static long registeredAt(long key, long perLane) {
        if (key < 0) {
            return MafiaWorkload.T0 + 2 * MafiaWorkload.DAY + 1;
        }
        return MafiaWorkload.T0 + (key % perLane) * MafiaWorkload.JOIN_SECONDS / perLane;
    }

    /** One timer per key, spread over the next day as the dues are. */
    static final class RegisterAndFire extends KeyedProcessFunction<Long, Long, Long> {
        @Override
        public void processElement(Long key, Context ctx, Collector<Long> out) {
            if (key >= 0) {
                long offset =
                        MafiaWorkload.FIRST_DUE_OFFSET
                                + Math.floorMod(
                                        MafiaWorkload.mix(key * 31 + 7),
                                        MafiaWorkload.DAY - MafiaWorkload.FIRST_DUE_OFFSET);
                ctx.timerService()
                        .registerEventTimeTimer(
                                (MafiaWorkload.T0 + MafiaWorkload.DAY + offset) * 1000);
            }
        }

        @Override
        public void onTimer(long timestamp, OnTimerContext ctx, Collector<Long> out) {
            out.collect(ctx.getCurrentKey());
        }
    }
}
