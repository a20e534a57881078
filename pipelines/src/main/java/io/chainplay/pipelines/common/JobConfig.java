package io.chainplay.pipelines.common;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.CheckpointingMode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Reads a job's configuration: an optional file, then {@code --key value} flags, then secrets from
 * the environment, on top of Chainplay's defaults for checkpointing and typing.
 *
 * <p>The file is flat {@code key: value} lines (Flink's own keys, such as {@code
 * state.backend.type: rocksdb}, and Chainplay's {@code chainplay.*} keys side by side), which both
 * YAML and Java properties read the same way.
 */
public final class JobConfig {

    /** Environment variable that overrides {@code chainplay.jdbc.password}. */
    public static final String JDBC_PASSWORD_ENV = "CHAINPLAY_JDBC_PASSWORD";

    private JobConfig() {}

    /**
     * Parses {@code [--config file] [--key value]...}.
     *
     * @throws IllegalArgumentException for a flag without a value or an unreadable file
     */
    public static Configuration fromArgs(String[] args) {
        return fromArgs(args, System.getenv());
    }

    static Configuration fromArgs(String[] args, Map<String, String> env) {
        Map<String, String> settings = new HashMap<>(defaults());
        Map<String, String> flags = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException(
                        "Expected --key value but found '" + arg + "' at argument " + (i + 1));
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("Flag " + arg + " has no value");
            }
            flags.put(arg.substring(2), args[++i]);
        }
        String file = flags.remove("config");
        if (file != null) {
            settings.putAll(readFile(Path.of(file)));
        }
        settings.putAll(flags);
        String password = env.get(JDBC_PASSWORD_ENV);
        if (password != null) {
            settings.put(
                    io.chainplay.pipelines.common.PipelineOptions.JDBC_PASSWORD.key(), password);
        }
        return Configuration.fromMap(settings);
    }

    /**
     * Chainplay's defaults: checkpoints every 10 s exactly-once and kept on cancel (so a restart
     * resumes), and no Kryo fallback, so that a type Flink cannot serialize efficiently fails at
     * job build time instead of slowing every record.
     */
    public static Map<String, String> defaults() {
        Configuration conf = new Configuration();
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(10));
        conf.set(
                CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE,
                CheckpointingMode.EXACTLY_ONCE);
        conf.set(
                CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                org.apache.flink.configuration.ExternalizedCheckpointRetention
                        .RETAIN_ON_CANCELLATION);
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(StateRecoveryOptions.LOCAL_RECOVERY, false);
        return conf.toMap();
    }

    private static Map<String, String> readFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("Config file " + file + " does not exist");
        }
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read config file " + file, e);
        }
        Map<String, String> settings = new HashMap<>();
        props.forEach(
                (k, v) -> settings.put(k.toString().trim(), stripQuotes(v.toString().trim())));
        return settings;
    }

    private static String stripQuotes(String value) {
        if (value.length() >= 2
                && (value.startsWith("\"") && value.endsWith("\"")
                        || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }
}
