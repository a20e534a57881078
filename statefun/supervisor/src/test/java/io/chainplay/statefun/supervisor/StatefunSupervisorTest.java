package io.chainplay.statefun.supervisor;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StatefunSupervisorTest {

    @Test
    void childCommandHasTheJava17OpensTheRuntimeClasspathAndTheRestorePath() {
        StatefunSupervisor supervisor =
                StatefunSupervisor.builder()
                        .dataDir(Path.of("/data/statefun"))
                        .kafkaBootstrap("localhost:19092")
                        .functionUrl("http://localhost:18000/statefun")
                        .restPort(18082)
                        .config("state.checkpoints.num-retained", "3")
                        .build();

        Path chk = Path.of("/data/statefun/checkpoints/j/chk-4");
        List<String> command = supervisor.command(chk);

        assertThat(command)
                .contains(
                        "--add-opens=java.base/java.util=ALL-UNNAMED",
                        "--add-opens=java.base/java.lang=ALL-UNNAMED",
                        "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED")
                .containsSubsequence("--kafka", "localhost:19092")
                .containsSubsequence("--function-url", "http://localhost:18000/statefun")
                .containsSubsequence("--rest-port", "18082")
                .containsSubsequence("--restore", chk.toUri().toString())
                .containsSubsequence("--config", "state.checkpoints.num-retained=3")
                .containsSubsequence(
                        "-cp",
                        StatefunSupervisor.runtimeClasspath(),
                        StatefunSupervisor.MAIN_CLASS);
    }

    @Test
    void runtimeClasspathIsFlink116Only() {
        List<String> entries =
                List.of(StatefunSupervisor.runtimeClasspath().split(File.pathSeparator));

        assertThat(entries).anyMatch(e -> e.endsWith("flink-streaming-java-1.16.2.jar"));
        assertThat(entries).anyMatch(e -> e.endsWith("statefun-flink-harness-3.3.0.jar"));
        assertThat(entries).anyMatch(e -> e.endsWith("flink-statebackend-rocksdb-1.16.2.jar"));
        assertThat(entries).noneMatch(e -> e.contains("2.0.2") || e.contains("kafka-clients-3.9"));
    }

    @Test
    void checkpointingCannotBeOff() {
        assertThatThrownBy(
                        () ->
                                StatefunSupervisor.builder()
                                        .checkpointInterval(Duration.ZERO)
                                        .build())
                .hasMessageContaining("commits on checkpoints");
    }
}
