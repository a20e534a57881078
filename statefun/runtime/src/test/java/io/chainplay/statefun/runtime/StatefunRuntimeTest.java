package io.chainplay.statefun.runtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StatefunRuntimeTest {

    @Test
    void flagsBecomeTheFlink116Keys(@TempDir Path dir) {
        StatefunRuntime.Options options =
                StatefunRuntime.parse(
                        new String[] {
                            "--data-dir", dir.toString(),
                            "--rest-port", "18082",
                            "--parallelism", "2",
                            "--checkpoint-interval-ms", "5000",
                            "--restore", "file:///data/chk-7",
                            "--config", "state.checkpoints.num-retained=5"
                        });

        Map<String, String> conf = StatefunRuntime.configuration(options, dir.resolve("m.yaml"));

        assertThat(conf)
                .containsEntry("state.backend", "rocksdb")
                .containsEntry("rest.bind-port", "18082")
                .containsEntry("parallelism.default", "2")
                .containsEntry("execution.checkpointing.interval", "5000 ms")
                .containsEntry(
                        "execution.checkpointing.externalized-checkpoint-retention",
                        "RETAIN_ON_CANCELLATION")
                .containsEntry("execution.savepoint.path", "file:///data/chk-7")
                .containsEntry(
                        "state.checkpoints.dir", dir.resolve("checkpoints").toUri().toString())
                .containsEntry("state.savepoints.dir", dir.resolve("savepoints").toUri().toString())
                .containsEntry("state.checkpoints.num-retained", "5")
                .containsEntry(
                        "statefun.remote.module-name", dir.resolve("m.yaml").toUri().toString())
                .doesNotContainKey("state.backend.type");
    }

    @Test
    void withoutRestoreNoSavepointPathIsSet() {
        StatefunRuntime.Options options = StatefunRuntime.parse(new String[0]);

        assertThat(StatefunRuntime.configuration(options, Path.of("m.yaml")))
                .doesNotContainKey("execution.savepoint.path")
                .containsEntry("rest.bind-port", "8082");
    }

    @Test
    void bundledTemplateIsRenderedIntoTheDataDir(@TempDir Path dir) throws Exception {
        StatefunRuntime.Options options =
                StatefunRuntime.parse(
                        new String[] {
                            "--data-dir", dir.toString(),
                            "--kafka", "broker:29092",
                            "--function-url", "http://functions:8000/statefun"
                        });

        Path rendered = StatefunRuntime.renderModule(options);

        String yaml = Files.readString(rendered);
        assertThat(rendered).isEqualTo(dir.resolve("module.yaml"));
        assertThat(yaml)
                .doesNotContain("${")
                .contains("address: broker:29092")
                .contains("urlPathTemplate: http://functions:8000/statefun")
                .contains("consumerGroupId: chainplay-statefun")
                .contains("topic: wf.trade.requests")
                .contains("topic: raw.exchange.fills")
                .contains("id: chainplay/trade-results")
                .contains("type: exactly-once");
    }

    @Test
    void badFlagsSayWhatIsWrong() {
        assertThatThrownBy(() -> StatefunRuntime.parse(new String[] {"--port", "1"}))
                .hasMessageContaining("Unknown flag --port");
        assertThatThrownBy(() -> StatefunRuntime.parse(new String[] {"--kafka"}))
                .hasMessageContaining("--kafka needs a value");
        assertThatThrownBy(
                        () -> StatefunRuntime.parse(new String[] {"--checkpoint-interval-ms", "0"}))
                .hasMessageContaining("must be positive");
    }
}
