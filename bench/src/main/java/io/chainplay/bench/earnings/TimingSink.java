package io.chainplay.bench.earnings;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

import java.io.Serializable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Discards records, noting per phase how many arrived and the wall-clock time of the first and the
 * last. The counters are static: the MiniCluster's task managers run in this JVM.
 */
final class TimingSink<T> implements Sink<T> {

    private static final long serialVersionUID = 1L;

    private static final Map<String, Phase> PHASES = new ConcurrentHashMap<>();

    /** Which phase a record belongs to; null for none. */
    @FunctionalInterface
    interface Classifier<T> extends Serializable {
        String phase(T record);
    }

    /** What one phase saw. */
    static final class Phase {
        final AtomicLong count = new AtomicLong();
        final AtomicLong first = new AtomicLong(Long.MAX_VALUE);
        final AtomicLong last = new AtomicLong(Long.MIN_VALUE);

        long count() {
            return count.get();
        }

        double seconds() {
            return count.get() == 0 ? 0 : (last.get() - first.get()) / 1e9;
        }

        long lastNanos() {
            return last.get();
        }

        long firstNanos() {
            return first.get();
        }
    }

    private final String run;
    private final Classifier<T> classifier;

    TimingSink(String run, Classifier<T> classifier) {
        this.run = run;
        this.classifier = classifier;
    }

    static Phase phase(String run, String phase) {
        return PHASES.computeIfAbsent(run + "/" + phase, k -> new Phase());
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        return new SinkWriter<>() {
            @Override
            public void write(T element, Context context) {
                String name = classifier.phase(element);
                if (name != null) {
                    Phase phase = phase(run, name);
                    long now = System.nanoTime();
                    phase.count.incrementAndGet();
                    phase.first.accumulateAndGet(now, Math::min);
                    phase.last.accumulateAndGet(now, Math::max);
                }
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {}
        };
    }
}
