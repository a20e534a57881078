package io.chainplay.connectors.solana.source;

import io.chainplay.schemas.chain.EventKind;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The source on a MiniCluster with two readers, over a scripted chain. */
class SolanaSourceITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    @Test
    void aBoundedRangeReadByTwoReadersGivesEveryEventOnce() throws Exception {
        ScriptedChain.Script script = ScriptedChain.script(UUID.randomUUID().toString());
        int expected = 0;
        for (long slot = 1_000; slot < 1_500; slot++) {
            if (slot % 7 != 0) { // some skipped slots
                script.block(slot, (int) (slot % 4), 0);
                expected += (int) (slot % 4);
            }
        }
        script.tips(2_000, 2_000);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        SolanaSource source =
                SolanaSource.builder()
                        .setChain(script.factory())
                        .setCommitment(SolanaChain.Level.FINALIZED)
                        .setStartingSlot(1_000)
                        .setBounded(1_499)
                        .setSlotsPerSplit(50)
                        .build();

        List<SolanaRecord> records = new ArrayList<>();
        try (CloseableIterator<SolanaRecord> it =
                env.fromSource(source, WatermarkStrategy.noWatermarks(), "solana")
                        .executeAndCollect()) {
            it.forEachRemaining(records::add);
        }

        assertThat(records).hasSize(expected);
        assertThat(records).extracting(r -> r.eventId).doesNotHaveDuplicates();
        assertThat(records).allSatisfy(r -> assertThat(r.kind).isEqualTo(EventKind.FINALIZED));
    }

    @Test
    void liveReadersFollowTheTipAndFinalize() throws Exception {
        ScriptedChain.Script script = ScriptedChain.script(UUID.randomUUID().toString());
        for (long slot = 100; slot < 120; slot++) {
            script.block(slot, 1, 0);
        }
        script.tips(109, 100);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        SolanaSource source =
                SolanaSource.builder().setChain(script.factory()).setStartingSlot(100).build();

        List<SolanaRecord> records = new ArrayList<>();
        try (CloseableIterator<SolanaRecord> it =
                env.fromSource(source, WatermarkStrategy.noWatermarks(), "solana")
                        .executeAndCollect()) {
            while (records.size() < 10) {
                records.add(it.next()); // slots 100..109 observed
            }
            script.tips(119, 119); // the chain moves on and finalizes everything
            while (records.size() < 40) {
                records.add(it.next());
            }
        }

        assertThat(records.stream().filter(r -> r.kind == EventKind.OBSERVED)).hasSize(20);
        assertThat(records.stream().filter(r -> r.kind == EventKind.FINALIZED)).hasSize(20);
        assertThat(records)
                .filteredOn(r -> r.kind == EventKind.OBSERVED)
                .extracting(r -> r.slot)
                .containsExactlyInAnyOrderElementsOf(
                        java.util.stream.LongStream.range(100, 120).boxed().toList());
    }
}
