package io.chainplay.pipelines.common;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Wraps a sink and throws once, on the first write after the job has taken a checkpoint and the
 * sink has seen a given number of records: a crash in the middle of the stream, with state and
 * offsets to recover from.
 *
 * <p>The counters are static because the sink is serialized to the task managers of the
 * MiniCluster, which run in this JVM.
 */
public final class FailOnceSink<T> implements Sink<T> {

    private static final Map<String, Progress> RUNS = new ConcurrentHashMap<>();

    private final Sink<T> delegate;
    private final String run;
    private final int failAfter;

    public FailOnceSink(Sink<T> delegate, String run, int failAfter) {
        this.delegate = delegate;
        this.run = run;
        this.failAfter = failAfter;
        RUNS.put(run, new Progress());
    }

    /** How many failures were injected in the run: 1 once it has happened. */
    public static int failures(String run) {
        return RUNS.get(run).failures.get();
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        SinkWriter<T> writer = delegate.createWriter(context);
        Progress progress = RUNS.get(run);
        return new SinkWriter<>() {
            @Override
            public void write(T element, Context context) throws IOException, InterruptedException {
                if (progress.records.incrementAndGet() >= failAfter
                        && progress.checkpoints.get() > 0
                        && progress.failures.compareAndSet(0, 1)) {
                    throw new IOException("Injected failure after " + failAfter + " records");
                }
                writer.write(element, context);
            }

            @Override
            public void flush(boolean endOfInput) throws IOException, InterruptedException {
                writer.flush(endOfInput);
                if (!endOfInput) {
                    progress.checkpoints.incrementAndGet(); // flushed for a checkpoint barrier
                }
            }

            @Override
            public void close() throws Exception {
                writer.close();
            }
        };
    }

    private static final class Progress {
        final AtomicInteger records = new AtomicInteger();
        final AtomicInteger checkpoints = new AtomicInteger();
        final AtomicInteger failures = new AtomicInteger();
    }
}
