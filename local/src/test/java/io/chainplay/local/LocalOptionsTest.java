package io.chainplay.local;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalOptionsTest {

    @Test
    void defaultsToTheDocumentedPortsAndDirectory() {
        LocalOptions options = LocalOptions.parse(List.of());

        assertThat(options.dataDir()).isEqualTo(Path.of(".chainplay"));
        assertThat(options.apiPort()).isEqualTo(8080);
        assertThat(options.flinkPort()).isEqualTo(8081);
        assertThat(options.transactionsPerSecond()).isEqualTo(10);
        assertThat(options.devnetPort()).isEqualTo(8899);
        assertThat(options.exchangePort()).isEqualTo(8090);
        assertThat(options.statefunPort()).isEqualTo(8082);
        assertThat(options.functionsPort()).isEqualTo(8000);
        assertThat(options.traders()).isEqualTo(8);
        assertThat(options.tradeRate()).isEqualTo(1);
        assertThat(options.rocksdb()).isFalse();
        assertThat(options.earningsInterval()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void readsEveryOption() {
        LocalOptions options =
                LocalOptions.parse(
                        List.of(
                                "--data-dir",
                                "/tmp/x",
                                "--api-port",
                                "9000",
                                "--flink-port",
                                "9001",
                                "--kafka-port",
                                "9002",
                                "--postgres-port",
                                "9003",
                                "--devnet-port",
                                "9004",
                                "--exchange-port",
                                "9005",
                                "--statefun-port",
                                "9006",
                                "--functions-port",
                                "9007",
                                "--traders",
                                "3",
                                "--trade-rate",
                                "0.5",
                                "--rate",
                                "2.5",
                                "--players",
                                "7",
                                "--earnings-interval",
                                "1d",
                                "--parallelism",
                                "1",
                                "--rocksdb",
                                "--fresh",
                                "--api-jar",
                                "a.jar"));

        assertThat(options)
                .isEqualTo(
                        new LocalOptions(
                                Path.of("/tmp/x"),
                                9000,
                                9001,
                                9002,
                                9003,
                                9004,
                                9005,
                                9006,
                                9007,
                                Path.of("a.jar"),
                                2.5,
                                7,
                                3,
                                0.5,
                                Duration.ofDays(1),
                                1,
                                true,
                                true));
    }

    @Test
    void saysWhatIsWrong() {
        assertThatThrownBy(() -> LocalOptions.parse(List.of("--api-port")))
                .hasMessage("Option --api-port needs a value");
        assertThatThrownBy(() -> LocalOptions.parse(List.of("--api-port", "http")))
                .hasMessage("--api-port takes a number, not 'http'");
        assertThatThrownBy(() -> LocalOptions.parse(List.of("--api-port", "70000")))
                .hasMessage("--api-port must be between 1 and 65535: 70000");
        assertThatThrownBy(() -> LocalOptions.parse(List.of("--colour", "red")))
                .hasMessage("Unknown option --colour");
        assertThatThrownBy(() -> LocalOptions.parse(List.of("now")))
                .hasMessage("Unknown argument now");
        assertThatThrownBy(() -> LocalOptions.parse(List.of("--earnings-interval", "often")))
                .hasMessage(
                        "--earnings-interval takes a duration such as 300s, 5m or 1d, not 'often'");
        assertThatThrownBy(() -> LocalOptions.parse(List.of("--earnings-interval", "2s")))
                .hasMessage("--earnings-interval must be between 10s and 1d: 2s");
    }
}
