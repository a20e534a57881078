package io.chainplay.pipelines.common;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/** Settings every Chainplay job shares: where Kafka and Postgres are. */
public final class PipelineOptions {

    public static final ConfigOption<String> KAFKA_BOOTSTRAP_SERVERS =
            ConfigOptions.key("chainplay.kafka.bootstrap-servers")
                    .stringType()
                    .defaultValue("localhost:9092")
                    .withDescription("Kafka bootstrap servers the job reads from and writes to.");

    public static final ConfigOption<String> JDBC_URL =
            ConfigOptions.key("chainplay.jdbc.url")
                    .stringType()
                    .defaultValue("jdbc:postgresql://localhost:5432/chainplay")
                    .withDescription("JDBC URL of the Postgres database the job upserts into.");

    public static final ConfigOption<String> JDBC_USER =
            ConfigOptions.key("chainplay.jdbc.user")
                    .stringType()
                    .defaultValue("postgres")
                    .withDescription("Postgres user.");

    public static final ConfigOption<String> JDBC_PASSWORD =
            ConfigOptions.key("chainplay.jdbc.password")
                    .stringType()
                    .defaultValue("")
                    .withDescription(
                            "Postgres password. Prefer the CHAINPLAY_JDBC_PASSWORD environment"
                                    + " variable, which overrides this, so it stays out of files"
                                    + " and process lists.");

    public static final ConfigOption<Integer> JDBC_BATCH_SIZE =
            ConfigOptions.key("chainplay.jdbc.batch-size")
                    .intType()
                    .defaultValue(1000)
                    .withDescription("Upserts sent to Postgres per batch.");

    public static final ConfigOption<Long> JDBC_BATCH_INTERVAL_MS =
            ConfigOptions.key("chainplay.jdbc.batch-interval-ms")
                    .longType()
                    .defaultValue(200L)
                    .withDescription(
                            "Longest a row waits before its batch is sent, in milliseconds.");

    private PipelineOptions() {}
}
