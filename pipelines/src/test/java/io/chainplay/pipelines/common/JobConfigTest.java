package io.chainplay.pipelines.common;

import io.chainplay.pipelines.casino.CasinoOptions;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobConfigTest {

    @Test
    void startsFromChainplaysDefaults() {
        Configuration conf = JobConfig.fromArgs(new String[0], Map.of());

        assertThat(conf.get(CheckpointingOptions.CHECKPOINTING_INTERVAL))
                .isEqualTo(Duration.ofSeconds(10));
        assertThat(conf.get(org.apache.flink.configuration.PipelineOptions.GENERIC_TYPES))
                .isFalse();
        assertThat(conf.get(CasinoOptions.RETENTION)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void flagsOverrideTheFileWhichOverridesTheDefaults(@TempDir Path dir) throws Exception {
        Path file =
                Files.writeString(
                        dir.resolve("casino.yaml"),
                        String.join(
                                "\n",
                                "# flat key: value lines",
                                "state.backend.type: rocksdb",
                                "chainplay.kafka.bootstrap-servers: \"kafka:9092\"",
                                "chainplay.casino.retention: 2 h",
                                "execution.checkpointing.interval: 30 s"));

        Configuration conf =
                JobConfig.fromArgs(
                        new String[] {
                            "--config", file.toString(), "--chainplay.casino.retention", "3 h"
                        },
                        Map.of());

        assertThat(conf.get(StateBackendOptions.STATE_BACKEND)).isEqualTo("rocksdb");
        assertThat(conf.get(PipelineOptions.KAFKA_BOOTSTRAP_SERVERS)).isEqualTo("kafka:9092");
        assertThat(conf.get(CasinoOptions.RETENTION)).isEqualTo(Duration.ofHours(3));
        assertThat(conf.get(CheckpointingOptions.CHECKPOINTING_INTERVAL))
                .isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void takesThePasswordFromTheEnvironment() {
        Configuration conf =
                JobConfig.fromArgs(
                        new String[] {"--chainplay.jdbc.password", "from-flag"},
                        Map.of(JobConfig.JDBC_PASSWORD_ENV, "from-env"));

        assertThat(conf.get(PipelineOptions.JDBC_PASSWORD)).isEqualTo("from-env");
    }

    @Test
    void saysWhatIsWrongWithTheArguments() {
        assertThatThrownBy(() -> JobConfig.fromArgs(new String[] {"--config"}, Map.of()))
                .hasMessage("Flag --config has no value");
        assertThatThrownBy(() -> JobConfig.fromArgs(new String[] {"casino.yaml"}, Map.of()))
                .hasMessageContaining("Expected --key value but found 'casino.yaml'");
        assertThatThrownBy(
                        () ->
                                JobConfig.fromArgs(
                                        new String[] {"--config", "/no/such/file"}, Map.of()))
                .hasMessage("Config file /no/such/file does not exist");
    }
}
