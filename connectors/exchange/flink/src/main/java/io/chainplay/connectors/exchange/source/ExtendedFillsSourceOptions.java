package io.chainplay.connectors.exchange.source;

import io.chainplay.connectors.exchange.fills.PlayerAccount;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The fills source's settings, for jobs that read them from configuration ({@link
 * #source(Configuration)}). List values are separated by {@code ;}.
 */
public final class ExtendedFillsSourceOptions {

    public static final ConfigOption<String> REST_URL =
            ConfigOptions.key("chainplay.exchange.rest-url")
                    .stringType()
                    .defaultValue("https://api.starknet.extended.exchange/api/v1")
                    .withDescription(
                            "Extended's REST API root, including /api/v1 (testnet:"
                                    + " https://api.starknet.sepolia.extended.exchange/api/v1).");

    public static final ConfigOption<String> STREAM_URL =
            ConfigOptions.key("chainplay.exchange.stream-url")
                    .stringType()
                    .defaultValue(
                            "wss://api.starknet.extended.exchange/stream.extended.exchange/v1/account")
                    .withDescription("Extended's account stream (WebSocket) URL.");

    public static final ConfigOption<List<String>> ACCOUNTS =
            ConfigOptions.key("chainplay.exchange.accounts")
                    .stringType()
                    .asList()
                    .noDefaultValue()
                    .withDescription(
                            "The sub-accounts to read, each accountId:playerWallet:env:VARIABLE or"
                                    + " accountId:playerWallet:file:/path/to/api-key; the API key"
                                    + " itself is never given here. Separated by ';'.");

    public static final ConfigOption<String> START_TIME =
            ConfigOptions.key("chainplay.exchange.start-time")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "ISO-8601 instant: fills created before it are not read. Default: the"
                                    + " accounts' whole history on the first start.");

    public static final ConfigOption<String> END_TIME =
            ConfigOptions.key("chainplay.exchange.end-time")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "ISO-8601 instant: makes the source bounded, reading fills created in"
                                    + " [start-time, end-time) over REST and ending.");

    public static final ConfigOption<Integer> PAGE_SIZE =
            ConfigOptions.key("chainplay.exchange.page-size")
                    .intType()
                    .defaultValue(100)
                    .withDescription("Trades per GET /user/trades page, 1..1000.");

    public static final ConfigOption<Duration> REQUEST_TIMEOUT =
            ConfigOptions.key("chainplay.exchange.request-timeout")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(10))
                    .withDescription("REST request and stream handshake timeout.");

    public static final ConfigOption<Integer> MAX_ATTEMPTS =
            ConfigOptions.key("chainplay.exchange.max-attempts")
                    .intType()
                    .defaultValue(6)
                    .withDescription(
                            "Attempts per REST call on 5xx or timeout before the reader fails and"
                                    + " the job restarts from its checkpoint.");

    public static final ConfigOption<Duration> SILENT_STREAM_CATCH_UP =
            ConfigOptions.key("chainplay.exchange.silent-stream-catch-up")
                    .durationType()
                    .defaultValue(ExtendedFillsSourceBuilder.DEFAULT_SILENT_CATCH_UP)
                    .withDescription(
                            "A live account whose stream delivered nothing for this long (quiet,"
                                    + " not connected, or dead without being closed) catches up"
                                    + " over REST, and again every such interval while it stays"
                                    + " silent. 0 turns the safety net off.");

    private ExtendedFillsSourceOptions() {}

    /** The source these settings describe; fails at job build time on a bad setting. */
    public static ExtendedFillsSource source(Configuration conf) {
        List<String> entries = conf.getOptional(ACCOUNTS).orElse(List.of());
        if (entries.isEmpty()) {
            throw new IllegalArgumentException(
                    ACCOUNTS.key()
                            + " is not set: list accountId:playerWallet:env:VARIABLE entries for"
                            + " the sub-accounts to read");
        }
        ExtendedFillsSourceBuilder builder =
                ExtendedFillsSource.builder()
                        .setRestUrl(conf.get(REST_URL))
                        .setStreamUrl(conf.get(STREAM_URL))
                        .setAccounts(PlayerAccount.parseAll(entries))
                        .setPageSize(conf.get(PAGE_SIZE))
                        .setRequestTimeout(conf.get(REQUEST_TIMEOUT))
                        .setMaxAttempts(conf.get(MAX_ATTEMPTS))
                        .setSilentStreamCatchUp(conf.get(SILENT_STREAM_CATCH_UP));
        Instant from = conf.getOptional(START_TIME).map(t -> instant(START_TIME, t)).orElse(null);
        Instant to = conf.getOptional(END_TIME).map(t -> instant(END_TIME, t)).orElse(null);
        if (to != null) {
            if (from == null) {
                throw new IllegalArgumentException(
                        END_TIME.key()
                                + " makes the source bounded: set "
                                + START_TIME.key()
                                + " too");
            }
            builder.setBounded(from, to);
        } else if (from != null) {
            builder.setStartingTime(from);
        }
        return builder.build();
    }

    private static Instant instant(ConfigOption<String> option, String text) {
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    option.key()
                            + " must be an ISO-8601 instant like 2026-01-01T00:00:00Z, got '"
                            + text
                            + "'");
        }
    }
}
