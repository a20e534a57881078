package io.chainplay.bench.solana;

import io.chainplay.connectors.solana.client.decode.EventDecoder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark compares like with like: all three decode the same events correctly. */
class DecodeBenchmarkTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void chainplayAndTheBaselineBothGiveTheFixturesFields() throws Exception {
        EventDecoder decoder = EventDecoder.of(BenchEvents.registry());
        for (BenchEvents.Event event : BenchEvents.load()) {
            NaiveIdlDecoder naive = new NaiveIdlDecoder(BenchEvents.idlJson(event.programId()));

            JsonNode ours =
                    JSON.readTree(decoder.decode(event.programId(), 1, event.data()).json());
            JsonNode theirs = JSON.readTree(naive.decode(event.data()));

            assertThat(numeric(ours)).isEqualTo(numeric(event.expected()));
            assertThat(numeric(theirs)).isEqualTo(numeric(event.expected()));
        }
    }

    @Test
    void everyBenchmarkMethodRuns() {
        DecodeBenchmark benchmark = new DecodeBenchmark();
        benchmark.setUp();
        for (int i = 0; i < 20; i++) {
            assertThat(benchmark.chainplay()).startsWith("{");
            assertThat(benchmark.baseline()).startsWith("{");
            benchmark.ceiling();
        }
    }

    /** Numbers as doubles, so that 0 and 0.0 compare equal as in the fixture. */
    private static String numeric(JsonNode node) {
        if (node.isNumber()) {
            return Double.toString(node.doubleValue());
        }
        if (node.isObject()) {
            StringBuilder out = new StringBuilder("{");
            node.fields()
                    .forEachRemaining(
                            f ->
                                    out.append(f.getKey())
                                            .append('=')
                                            .append(numeric(f.getValue()))
                                            .append(','));
            return out.append('}').toString();
        }
        if (node.isArray()) {
            StringBuilder out = new StringBuilder("[");
            node.forEach(e -> out.append(numeric(e)).append(','));
            return out.append(']').toString();
        }
        return node.toString();
    }
}
