package io.chainplay.pipelines.common;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.jdbc.JdbcConnectionOptions;
import org.apache.flink.connector.jdbc.JdbcExecutionOptions;
import org.apache.flink.connector.jdbc.JdbcStatementBuilder;
import org.apache.flink.connector.jdbc.core.datastream.sink.JdbcSink;

/**
 * Postgres sinks of the Flink JDBC connector, at-least-once.
 *
 * <p>At-least-once is enough because every statement a job sends is an idempotent upsert of
 * absolute values by natural key: a replay after a failure rewrites the same rows (ARCHITECTURE.md,
 * principle 4). Batches are flushed on every checkpoint.
 */
public final class JdbcSinks {

    private JdbcSinks() {}

    public static <T> JdbcSink<T> upsert(
            String sql, JdbcStatementBuilder<T> statement, Configuration conf) {
        return JdbcSink.<T>builder()
                .withQueryStatement(sql, statement)
                .withExecutionOptions(
                        JdbcExecutionOptions.builder()
                                .withBatchSize(conf.get(PipelineOptions.JDBC_BATCH_SIZE))
                                .withBatchIntervalMs(
                                        conf.get(PipelineOptions.JDBC_BATCH_INTERVAL_MS))
                                .withMaxRetries(3)
                                .build())
                .buildAtLeastOnce(connection(conf));
    }

    public static JdbcConnectionOptions connection(Configuration conf) {
        return new JdbcConnectionOptions.JdbcConnectionOptionsBuilder()
                .withUrl(conf.get(PipelineOptions.JDBC_URL))
                .withDriverName("org.postgresql.Driver")
                .withUsername(conf.get(PipelineOptions.JDBC_USER))
                .withPassword(conf.get(PipelineOptions.JDBC_PASSWORD))
                .build();
    }
}
