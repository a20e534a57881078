package io.chainplay.connectors.common.source;

import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.apache.flink.api.connector.source.mocks.MockSourceSplit;
import org.apache.flink.api.connector.source.mocks.MockSplitEnumeratorContext;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OwnedSplitEnumeratorTest {

    /** Splits 0..n-1; a split's owner number is its id (negative ids test floorMod). */
    private static List<MockSourceSplit> splits(int... ids) {
        List<MockSourceSplit> splits = new ArrayList<>();
        for (int id : ids) {
            splits.add(new MockSourceSplit(id));
        }
        return splits;
    }

    private static OwnedSplitEnumerator<MockSourceSplit> enumerator(
            MockSplitEnumeratorContext<MockSourceSplit> context,
            List<MockSourceSplit> splits,
            boolean bounded) {
        return new OwnedSplitEnumerator<>(
                context, splits, bounded, "test splits", s -> Long.parseLong(s.splitId()));
    }

    /** Reader → the split ids assigned to it, in order. */
    private static Map<Integer, List<String>> assigned(
            MockSplitEnumeratorContext<MockSourceSplit> context) {
        Map<Integer, List<String>> byReader = new TreeMap<>();
        for (SplitsAssignment<MockSourceSplit> a : context.getSplitsAssignmentSequence()) {
            a.assignment()
                    .forEach(
                            (reader, list) ->
                                    list.forEach(
                                            s ->
                                                    byReader.computeIfAbsent(
                                                                    reader, r -> new ArrayList<>())
                                                            .add(s.splitId())));
        }
        return byReader;
    }

    @Test
    void pushesEachLiveSplitToItsOwnerWhenTheOwnerRegisters() throws Exception {
        try (MockSplitEnumeratorContext<MockSourceSplit> context =
                new MockSplitEnumeratorContext<>(2)) {
            OwnedSplitEnumerator<MockSourceSplit> e =
                    enumerator(context, splits(0, 1, 2, 3, -1), false);
            e.start();
            context.registerReader(new ReaderInfo(0, "host"));
            context.registerReader(new ReaderInfo(1, "host"));
            e.addReader(0);
            // Reader 1 is registered: its splits wait for it instead of going to reader 0.
            assertThat(assigned(context)).isEqualTo(Map.of(0, List.of("0", "2")));

            e.addReader(1);
            assertThat(assigned(context))
                    .isEqualTo(Map.of(0, List.of("0", "2"), 1, List.of("1", "3", "-1")));
            assertThat(e.snapshotState(1)).isEmpty();
            e.handleSplitRequest(0, "host"); // live: nothing is pulled, nothing ends
            assertThat(context.hasNoMoreSplits(0)).isFalse();
        }
    }

    @Test
    void givesAnAbsentOwnersSplitToTheReaderThatRegistersAndTakesSplitsBack() throws Exception {
        try (MockSplitEnumeratorContext<MockSourceSplit> context =
                new MockSplitEnumeratorContext<>(2)) {
            OwnedSplitEnumerator<MockSourceSplit> e = enumerator(context, splits(0, 1), false);
            context.registerReader(new ReaderInfo(0, "host"));
            e.addReader(0); // reader 1 never came: reader 0 takes its split too
            assertThat(assigned(context)).isEqualTo(Map.of(0, List.of("0", "1")));

            // Reader 1 registers later, then reader 0 fails and gives split 1 back.
            context.registerReader(new ReaderInfo(1, "host"));
            e.addSplitsBack(splits(1), 0);
            assertThat(e.snapshotState(2))
                    .extracting(MockSourceSplit::splitId)
                    .containsExactly("1");
            e.addReader(1);
            assertThat(assigned(context).get(1)).containsExactly("1");
        }
    }

    @Test
    void letsReadersPullBoundedSplitsThenSignalsTheEnd() throws Exception {
        try (MockSplitEnumeratorContext<MockSourceSplit> context =
                new MockSplitEnumeratorContext<>(2)) {
            OwnedSplitEnumerator<MockSourceSplit> e = enumerator(context, splits(0, 1, 2), true);
            context.registerReader(new ReaderInfo(0, "host"));
            context.registerReader(new ReaderInfo(1, "host"));
            e.addReader(0);
            e.addReader(1);
            assertThat(context.getSplitsAssignmentSequence()).isEmpty(); // nothing pushed

            e.handleSplitRequest(1, "host");
            e.handleSplitRequest(1, "host");
            assertThat(e.snapshotState(3))
                    .extracting(MockSourceSplit::splitId)
                    .containsExactly("2");
            e.handleSplitRequest(0, "host");
            e.handleSplitRequest(0, "host");
            assertThat(assigned(context)).isEqualTo(Map.of(1, List.of("0", "1"), 0, List.of("2")));
            assertThat(context.hasNoMoreSplits(0)).isTrue();
            assertThat(context.hasNoMoreSplits(1)).isFalse();
        }
    }

    @Test
    void checkpointsTheUnassignedSplitsInTheSourcesFormat() throws IOException {
        SplitListSerializer<MockSourceSplit> serializer =
                new SplitListSerializer<>(
                        "test enumerator state",
                        (MockSourceSplit s, DataOutputView out) ->
                                out.writeInt(Integer.parseInt(s.splitId())),
                        (DataInputView in) -> new MockSourceSplit(in.readInt()));
        byte[] bytes = serializer.serialize(splits(4, 7));
        assertThat(serializer.deserialize(serializer.getVersion(), bytes))
                .extracting(MockSourceSplit::splitId)
                .containsExactly("4", "7");
        assertThatThrownBy(() -> serializer.deserialize(9, bytes))
                .hasMessage("Unknown test enumerator state version 9");
    }
}
