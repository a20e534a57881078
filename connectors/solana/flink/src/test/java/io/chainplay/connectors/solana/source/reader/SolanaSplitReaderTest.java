package io.chainplay.connectors.solana.source.reader;

import io.chainplay.connectors.solana.source.ScriptedChainAccess;
import io.chainplay.connectors.solana.source.SolanaChain;
import io.chainplay.connectors.solana.source.SolanaChain.Level;
import io.chainplay.connectors.solana.source.SolanaRecord;
import io.chainplay.connectors.solana.source.split.SolanaSplit;
import io.chainplay.connectors.solana.source.split.SolanaSplitSerializer;
import io.chainplay.connectors.solana.source.split.SolanaSplitState;
import io.chainplay.schemas.Topics;
import io.chainplay.schemas.chain.ChainEvent;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.metrics.SimpleCounter;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class SolanaSplitReaderTest {

    @Test
    void readsABoundedRangeAtFinalizedOnceAndInOrder() throws Exception {
        var script = ScriptedChainAccess.script(UUID.randomUUID().toString());
        script.block(10, 2, 0).block(11, 0, 0).block(13, 3, 1).block(15, 1, 0).tips(100, 100);
        // slots 12 and 14 were skipped: no block

        Driver driver =
                new Driver(script.factory(), Level.FINALIZED, SolanaSplit.of("s", 10, 15, 1, 0));
        driver.runToEnd();

        assertThat(driver.output)
                .extracting(
                        r ->
                                r.type == SolanaRecord.Type.EVENT
                                        ? r.eventId + " " + r.kind
                                        : "dlq " + r.key)
                .containsExactly(
                        "solana:sig-10-0:0:0 FINALIZED",
                        "solana:sig-10-1:0:1 FINALIZED",
                        "solana:sig-13-0:0:0 FINALIZED",
                        "solana:sig-13-1:0:1 FINALIZED",
                        "solana:sig-13-2:0:2 FINALIZED",
                        "dlq sig-13-bad-0",
                        "solana:sig-15-0:0:0 FINALIZED");
        assertThat(driver.finished).isTrue();
        ChainEvent first =
                Topics.RAW_SOLANA_FARE_VAULT.deserializeValue(driver.output.get(0).value);
        assertThat(first.getSlot()).isEqualTo(10);
        assertThat(first.getBlockHash()).isEqualTo("hash-10");
        assertThat(first.getEventTime().getEpochSecond()).isEqualTo(1_700_000_010L);
        assertThat(first.getPayload()).isEqualTo("{\"n\":1000}");
        assertThat(first.getCommitment()).isEqualTo("finalized");
        assertThat(Topics.DLQ_SOLANA.deserializeValue(driver.output.get(5).value).getReason())
                .contains("unknown discriminator");
    }

    @Test
    void sendsConfirmedEventsAgainOnceFinalized() throws Exception {
        var script = ScriptedChainAccess.script(UUID.randomUUID().toString());
        script.block(10, 1, 0).block(11, 1, 0).tips(11, 9);
        Driver driver = new Driver(script.factory(), Level.CONFIRMED, live(10));

        driver.runUntilIdle();
        assertThat(kinds(driver)).containsExactly("sig-10-0 OBSERVED", "sig-11-0 OBSERVED");

        script.tips(11, 11);
        driver.runUntilIdle();
        assertThat(kinds(driver))
                .containsExactly(
                        "sig-10-0 OBSERVED",
                        "sig-11-0 OBSERVED",
                        "sig-10-0 FINALIZED",
                        "sig-11-0 FINALIZED");
        assertThat(driver.state.toSplit().pending()).isEmpty();
    }

    @Test
    void retractsTheEventsOfASlotThatLeftTheChain() throws Exception {
        var script = ScriptedChainAccess.script(UUID.randomUUID().toString());
        script.block(10, 1, 0).block(11, 2, 0).block(12, 1, 0).tips(12, 12);
        script.droppedAtFinalized.add(11L);
        Driver driver = new Driver(script.factory(), Level.CONFIRMED, live(10));

        driver.runUntilIdle();

        assertThat(kinds(driver))
                .containsExactly(
                        "sig-10-0 OBSERVED",
                        "sig-10-0 FINALIZED",
                        "sig-11-0 OBSERVED",
                        "sig-11-1 OBSERVED",
                        "sig-11-0 RETRACTED",
                        "sig-11-1 RETRACTED",
                        "sig-12-0 OBSERVED",
                        "sig-12-0 FINALIZED");
        ChainEvent retracted =
                Topics.RAW_SOLANA_FARE_VAULT.deserializeValue(driver.output.get(4).value);
        assertThat(retracted.getRetracted()).isTrue();
        assertThat(retracted.getPayload()).isEqualTo("{\"n\":1100}");
    }

    @Test
    void sendsTheEventsOfABlockThatReplacedTheConfirmedOne() throws Exception {
        var script = ScriptedChainAccess.script(UUID.randomUUID().toString());
        script.block(10, 1, 0).tips(10, 10);
        script.replacedAtFinalized.put(
                10L,
                new SolanaChain.Block(
                        10,
                        "other-hash",
                        1_700_000_010L,
                        List.of(ScriptedChainAccess.event(10, 7))));
        Driver driver = new Driver(script.factory(), Level.CONFIRMED, live(10));

        driver.runUntilIdle();

        assertThat(kinds(driver))
                .containsExactly("sig-10-0 OBSERVED", "sig-10-0 RETRACTED", "sig-10-7 FINALIZED");
    }

    @Test
    void movesPastASlotMissingAtConfirmedAndReadsItIfItIsFinalized() throws Exception {
        var script = ScriptedChainAccess.script(UUID.randomUUID().toString());
        script.block(10, 1, 0).block(11, 2, 0).block(12, 1, 0).block(13, 1, 0).tips(13, 9);
        script.offConfirmedFork.add(11L); // on another fork than the confirmed head...
        script.offConfirmedFork.add(12L);
        script.droppedAtFinalized.add(12L); // ...where 12 stays, while 11 ends up final
        Driver driver = new Driver(script.factory(), Level.CONFIRMED, live(10));

        driver.runUntilIdle();
        assertThat(kinds(driver)).containsExactly("sig-10-0 OBSERVED", "sig-13-0 OBSERVED");

        script.tips(13, 13);
        driver.runUntilIdle();
        assertThat(kinds(driver))
                .containsExactly(
                        "sig-10-0 OBSERVED",
                        "sig-13-0 OBSERVED",
                        "sig-10-0 FINALIZED",
                        "sig-11-0 FINALIZED",
                        "sig-11-1 FINALIZED",
                        "sig-13-0 FINALIZED");
        assertThat(driver.state.toSplit().pending()).isEmpty();
    }

    @Test
    void resumesFromAnyRecordWithoutGapsOrDuplicates() throws Exception {
        var script = ScriptedChainAccess.script(UUID.randomUUID().toString());
        script.block(10, 3, 1).block(11, 0, 0).block(13, 2, 0).block(14, 4, 0).block(15, 1, 0);
        script.tips(16, 16);
        script.droppedAtFinalized.add(13L);
        script.offConfirmedFork.add(15L); // read when finalized
        Driver whole = new Driver(script.factory(), Level.CONFIRMED, live(10));
        whole.runUntilIdle();
        List<String> expected = describe(whole.output);
        assertThat(expected).hasSize((3 + 1) + 3 + 2 * 2 + 2 * 4 + 1); // dead letters once

        for (int cut = 0; cut <= expected.size(); cut++) {
            Driver first = new Driver(script.factory(), Level.CONFIRMED, live(10));
            first.runUntilEmitted(cut);
            SolanaSplit checkpoint = roundTrip(first.state.toSplit());

            Driver second = new Driver(script.factory(), Level.CONFIRMED, checkpoint);
            second.runUntilIdle();

            List<String> all = new ArrayList<>(describe(first.output));
            all.addAll(describe(second.output));
            assertThat(all).as("cut after %d records", cut).isEqualTo(expected);
        }
    }

    @Test
    void liveSplitsShareTheSlotsBetweenThem() throws Exception {
        var script = ScriptedChainAccess.script(UUID.randomUUID().toString());
        for (long slot = 100; slot < 130; slot++) {
            script.block(slot, (int) (slot % 3), 0);
        }
        script.tips(129, 129);
        List<String> all = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Driver driver =
                    new Driver(
                            script.factory(),
                            Level.FINALIZED,
                            SolanaSplit.of("live-" + i, 100, Long.MAX_VALUE, 3, i));
            driver.runUntilIdle();
            all.addAll(describe(driver.output));
        }

        assertThat(all).hasSize(30).doesNotHaveDuplicates();
    }

    @Test
    void waitsForSlotsTheNodeHasNotReached() throws Exception {
        var script = ScriptedChainAccess.script(UUID.randomUUID().toString());
        script.block(10, 1, 0).block(11, 1, 0).tips(10, 10);
        Driver driver =
                new Driver(script.factory(), Level.FINALIZED, SolanaSplit.of("s", 10, 11, 1, 0));

        driver.runUntilIdle();
        assertThat(driver.output).hasSize(1);
        assertThat(driver.finished).isFalse();

        script.tips(11, 11);
        driver.runToEnd();
        assertThat(driver.output).hasSize(2);
        assertThat(driver.finished).isTrue();
    }

    private static SolanaSplit live(long from) {
        return SolanaSplit.of("live-0", from, Long.MAX_VALUE, 1, 0);
    }

    private static SolanaSplit roundTrip(SolanaSplit split) throws Exception {
        SolanaSplitSerializer serializer = SolanaSplitSerializer.INSTANCE;
        return serializer.deserialize(serializer.getVersion(), serializer.serialize(split));
    }

    private static List<String> kinds(Driver driver) {
        return driver.output.stream().map(r -> r.key + " " + r.kind).toList();
    }

    private static List<String> describe(List<SolanaRecord> records) {
        return records.stream()
                .map(r -> r.type + " " + r.key + " " + r.eventId + " " + r.kind + " " + r.slot)
                .toList();
    }

    /** Runs a split reader and the emitter by hand, as the source reader would. */
    private static final class Driver {
        final SolanaSplitReader reader;
        final SolanaSplitState state;
        final SolanaRecordEmitter emitter = new SolanaRecordEmitter();
        final List<SolanaRecord> output = new ArrayList<>();
        boolean finished;

        Driver(SolanaChain.Factory chains, Level level, SolanaSplit split) {
            reader =
                    new SolanaSplitReader(
                            chains.open(), level, 1, new SimpleCounter(), new SimpleCounter());
            state = new SolanaSplitState(split);
            reader.handleSplitsChanges(
                    new org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition<>(
                            List.of(split)));
        }

        void runToEnd() throws Exception {
            for (int i = 0; i < 1000 && !finished; i++) {
                step(Integer.MAX_VALUE);
            }
        }

        void runUntilIdle() throws Exception {
            int idle = 0;
            for (int i = 0; i < 1000 && idle < 3 && !finished; i++) {
                idle = step(Integer.MAX_VALUE) ? 0 : idle + 1;
            }
        }

        /** Emits exactly {@code count} records (a crash right after), or fewer if it runs dry. */
        void runUntilEmitted(int count) throws Exception {
            int idle = 0;
            while (output.size() < count && idle < 3 && !finished) {
                idle = step(count) ? 0 : idle + 1;
            }
        }

        private boolean step(int limit) throws Exception {
            RecordsWithSplitIds<UnitRecord> batch = reader.fetch();
            boolean any = false;
            String split;
            while ((split = batch.nextSplit()) != null) {
                UnitRecord unit;
                while ((unit = batch.nextRecordFromSplit()) != null) {
                    if (output.size() >= limit && !unit.isEnd()) {
                        return true; // the rest of the batch is lost in the crash
                    }
                    emitter.emitRecord(unit, new ListOutput(output), state);
                    any = true;
                }
            }
            if (!batch.finishedSplits().isEmpty()) {
                finished = true;
            }
            return any;
        }
    }

    private record ListOutput(List<SolanaRecord> records) implements SourceOutput<SolanaRecord> {
        @Override
        public void collect(SolanaRecord record) {
            records.add(record);
        }

        @Override
        public void collect(SolanaRecord record, long timestamp) {
            records.add(record);
        }

        @Override
        public void emitWatermark(Watermark watermark) {}

        @Override
        public void markIdle() {}

        @Override
        public void markActive() {}
    }
}
