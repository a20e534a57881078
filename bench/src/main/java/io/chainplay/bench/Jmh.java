package io.chainplay.bench;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the JMH benchmarks of one class in a forked JVM and returns ops/s per method. */
public final class Jmh {

    private Jmh() {}

    public static Map<String, Double> throughput(Class<?> benchmarks, boolean quick)
            throws Exception {
        Options options =
                new OptionsBuilder()
                        .include(benchmarks.getName() + "\\.")
                        .forks(1) // a fresh JVM: no JIT profile from the harness itself
                        .threads(1) // per core
                        .warmupIterations(quick ? 1 : 3)
                        .warmupTime(TimeValue.seconds(quick ? 1 : 2))
                        .measurementIterations(quick ? 1 : 5)
                        .measurementTime(TimeValue.seconds(quick ? 1 : 2))
                        .timeUnit(TimeUnit.SECONDS)
                        .shouldFailOnError(true)
                        .build();
        Map<String, Double> scores = new HashMap<>();
        for (RunResult result : new Runner(options).run()) {
            String label = result.getParams().getBenchmark();
            scores.put(
                    label.substring(label.lastIndexOf('.') + 1),
                    result.getPrimaryResult().getScore());
        }
        return scores;
    }
}
