package io.chainplay.connectors.exchange.source;

import io.chainplay.connectors.exchange.fills.ApiKeyRef;
import io.chainplay.connectors.exchange.fills.PlayerAccount;
import io.chainplay.connectors.exchange.source.split.FillsSplit;

import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.util.InstantiationUtil;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExtendedFillsSourceBuilderTest {

    static final String WALLET = "9WzDXwBbmkg8ZTbNMqUxvQRAyrZzDsGYdLVL9zYtAWWM";
    static final PlayerAccount A = new PlayerAccount(1, WALLET, ApiKeyRef.env("KEY_1"));

    static ExtendedFillsSourceBuilder valid() {
        return ExtendedFillsSource.builder()
                .setRestUrl("http://localhost/api/v1")
                .setStreamUrl("ws://localhost/stream.extended.exchange/v1/account")
                .addAccount(A);
    }

    @Test
    void misconfigurationsSayWhatToFix() {
        assertThatThrownBy(() -> ExtendedFillsSource.builder().addAccount(A).build())
                .hasMessageContaining("setRestUrl");
        assertThatThrownBy(
                        () ->
                                ExtendedFillsSource.builder()
                                        .setRestUrl("http://x/api/v1")
                                        .addAccount(A)
                                        .build())
                .hasMessageContaining("setStreamUrl");
        assertThatThrownBy(() -> valid().setAccounts(List.of()).build())
                .hasMessageContaining("addAccount");
        assertThatThrownBy(() -> valid().addAccount(A).build()).hasMessageContaining("added twice");
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        assertThatThrownBy(() -> valid().setBounded(t, t).build())
                .hasMessageContaining("must be before");
        assertThatThrownBy(() -> valid().setPageSize(0).build()).hasMessageContaining("Page size");
        assertThatThrownBy(() -> valid().setMaxAttempts(0).build())
                .hasMessageContaining("Max attempts");
    }

    @Test
    void liveAndBoundedSourcesHaveOneSplitPerAccountAndSerialize() throws Exception {
        ExtendedFillsSource live = valid().build();
        assertThat(live.getBoundedness()).isEqualTo(Boundedness.CONTINUOUS_UNBOUNDED);
        assertThat(live.initialSplits())
                .containsExactly(new FillsSplit(1, WALLET, 0, Long.MIN_VALUE, FillsSplit.LIVE));
        // A bounded source needs no stream.
        ExtendedFillsSource bounded =
                ExtendedFillsSource.builder()
                        .setRestUrl("http://x/api/v1")
                        .addAccount(A)
                        .setBounded(Instant.ofEpochMilli(5), Instant.ofEpochMilli(9))
                        .build();
        assertThat(bounded.getBoundedness()).isEqualTo(Boundedness.BOUNDED);
        assertThat(bounded.initialSplits()).containsExactly(new FillsSplit(1, WALLET, 0, 5, 9));
        // The source travels in the job graph.
        ExtendedFillsSource copy = InstantiationUtil.clone(live, getClass().getClassLoader());
        assertThat(copy.connection()).isEqualTo(live.connection());
    }

    @Test
    void optionsBuildTheSourceAndRefuseKeysInConfiguration() {
        Configuration conf = new Configuration();
        conf.set(
                ExtendedFillsSourceOptions.ACCOUNTS,
                List.of("1:" + WALLET + ":env:KEY_1", "2:" + WALLET + ":file:/run/secrets/k2"));
        conf.set(ExtendedFillsSourceOptions.START_TIME, "2026-01-01T00:00:00Z");
        conf.set(ExtendedFillsSourceOptions.END_TIME, "2026-01-02T00:00:00Z");
        ExtendedFillsSource source = ExtendedFillsSourceOptions.source(conf);
        assertThat(source.getBoundedness()).isEqualTo(Boundedness.BOUNDED);
        assertThat(source.initialSplits()).hasSize(2);
        assertThat(source.connection().accounts().toString())
                .contains("env:KEY_1")
                .contains("file:/run/secrets/k2");

        conf.set(ExtendedFillsSourceOptions.ACCOUNTS, List.of("1:" + WALLET + ":s3cr3t-key"));
        assertThatThrownBy(() -> ExtendedFillsSourceOptions.source(conf))
                .hasMessageContaining("env:VARIABLE or file:")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr3t-key"));
        assertThatThrownBy(() -> ExtendedFillsSourceOptions.source(new Configuration()))
                .hasMessageContaining("chainplay.exchange.accounts is not set");
        Configuration onlyEnd = new Configuration();
        onlyEnd.set(ExtendedFillsSourceOptions.ACCOUNTS, List.of("1:" + WALLET + ":env:K"));
        onlyEnd.set(ExtendedFillsSourceOptions.END_TIME, "2026-01-02T00:00:00Z");
        assertThatThrownBy(() -> ExtendedFillsSourceOptions.source(onlyEnd))
                .hasMessageContaining("set chainplay.exchange.start-time too");
    }
}
