package io.chainplay.bench.earnings;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.lib.NumberSequenceSource;
import org.apache.flink.api.connector.source.lib.NumberSequenceSource.NumberSequenceSplit;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.core.io.SimpleVersionedSerializer;

import java.io.Serializable;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A bounded FLIP-27 source of generated records: Flink's number sequence source (one contiguous
 * range of indexes per reader), each index mapped to none, one or several records.
 */
final class MappedSequenceSource<T>
        implements Source<T, NumberSequenceSplit, Collection<NumberSequenceSplit>>,
                ResultTypeQueryable<T> {

    private static final long serialVersionUID = 1L;

    /** Maps an index to its records, in order. */
    @FunctionalInterface
    interface Generator<T> extends Serializable {
        void generate(long index, Consumer<T> out);
    }

    private final NumberSequenceSource numbers;
    private final Generator<T> generator;
    private final TypeInformation<T> type;

    MappedSequenceSource(long count, Generator<T> generator, TypeInformation<T> type) {
        this.numbers = new NumberSequenceSource(0, count - 1);
        this.generator = generator;
        this.type = type;
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.BOUNDED;
    }

    @Override
    public SourceReader<T, NumberSequenceSplit> createReader(SourceReaderContext context)
            throws Exception {
        return new Reader<>(numbers.createReader(context), generator);
    }

    @Override
    public SplitEnumerator<NumberSequenceSplit, Collection<NumberSequenceSplit>> createEnumerator(
            SplitEnumeratorContext<NumberSequenceSplit> context) {
        return numbers.createEnumerator(context);
    }

    @Override
    public SplitEnumerator<NumberSequenceSplit, Collection<NumberSequenceSplit>> restoreEnumerator(
            SplitEnumeratorContext<NumberSequenceSplit> context,
            Collection<NumberSequenceSplit> checkpoint) {
        return numbers.restoreEnumerator(context, checkpoint);
    }

    @Override
    public SimpleVersionedSerializer<NumberSequenceSplit> getSplitSerializer() {
        return numbers.getSplitSerializer();
    }

    @Override
    public SimpleVersionedSerializer<Collection<NumberSequenceSplit>>
            getEnumeratorCheckpointSerializer() {
        return numbers.getEnumeratorCheckpointSerializer();
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return type;
    }

    private static final class Reader<T> implements SourceReader<T, NumberSequenceSplit> {
        private final SourceReader<Long, NumberSequenceSplit> numbers;
        private final Generator<T> generator;
        private ReaderOutput<T> target;
        private final ReaderOutput<Long> mapped =
                new ReaderOutput<>() {
                    @Override
                    public void collect(Long index) {
                        generator.generate(index, target::collect);
                    }

                    @Override
                    public void collect(Long index, long timestamp) {
                        collect(index);
                    }

                    @Override
                    public void emitWatermark(Watermark watermark) {
                        target.emitWatermark(watermark);
                    }

                    @Override
                    public void markIdle() {
                        target.markIdle();
                    }

                    @Override
                    public void markActive() {
                        target.markActive();
                    }

                    @Override
                    public SourceOutput<Long> createOutputForSplit(String splitId) {
                        throw new UnsupportedOperationException("one output for all splits");
                    }

                    @Override
                    public void releaseOutputForSplit(String splitId) {}
                };

        Reader(SourceReader<Long, NumberSequenceSplit> numbers, Generator<T> generator) {
            this.numbers = numbers;
            this.generator = generator;
        }

        @Override
        public void start() {
            numbers.start();
        }

        @Override
        public InputStatus pollNext(ReaderOutput<T> output) throws Exception {
            target = output;
            return numbers.pollNext(mapped);
        }

        @Override
        public List<NumberSequenceSplit> snapshotState(long checkpointId) {
            return numbers.snapshotState(checkpointId);
        }

        @Override
        public CompletableFuture<Void> isAvailable() {
            return numbers.isAvailable();
        }

        @Override
        public void addSplits(List<NumberSequenceSplit> splits) {
            numbers.addSplits(splits);
        }

        @Override
        public void notifyNoMoreSplits() {
            numbers.notifyNoMoreSplits();
        }

        @Override
        public void close() throws Exception {
            numbers.close();
        }
    }
}
