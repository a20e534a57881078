package io.chainplay.statefun.runtime;

import org.apache.flink.runtime.client.JobCancellationException;
import org.apache.flink.statefun.flink.harness.Harness;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs the Chainplay StateFun job: StateFun 3.3.0 on a local Flink 1.16.2 cluster in this JVM.
 *
 * <p>The job's Kafka ingresses and egresses and the functions' HTTP endpoint come from a
 * module.yaml template (the bundled {@code module.yaml} unless {@code --module-yaml} names
 * another), rendered with the Kafka bootstrap servers and the function URL into {@code
 * <data-dir>/module.yaml}. Checkpoints go to {@code <data-dir>/checkpoints} (RocksDB, retained on
 * cancellation), savepoints to {@code <data-dir>/savepoints}. {@code --restore} starts from a
 * checkpoint or savepoint; nothing here looks for the latest one, the supervisor does.
 *
 * <p>{@link Harness#start()} blocks while the job runs, so this JVM lives exactly as long as the
 * job: it exits when the job is cancelled (savepoint + cancel) or fails for good.
 *
 * <p>Needs {@code --add-opens} for java.util, java.lang and java.util.concurrent.atomic on Java 17
 * (Flink 1.16's Kryo reflects into them); the supervisor passes them.
 */
public final class StatefunRuntime {

    /** The bundled module.yaml template, next to this class. */
    public static final String MODULE_TEMPLATE = "module.yaml";

    private static final Logger LOG = LoggerFactory.getLogger(StatefunRuntime.class);

    private StatefunRuntime() {}

    /** What the runtime is started with; see {@link #parse(String[])} for the flags. */
    public static final class Options {
        Path dataDir = Path.of("data", "statefun");
        Path moduleYaml; // null: the bundled template
        String kafkaBootstrap = "localhost:9092";
        String functionUrl = "http://localhost:8000/statefun";
        String consumerGroup = "chainplay-statefun";
        int restPort = 8082;
        int parallelism = 1;
        long checkpointIntervalMs = 10_000;
        String restore; // null: start without state
        final Map<String, String> extra = new LinkedHashMap<>();
    }

    /**
     * Flags: {@code --data-dir DIR} (data/statefun), {@code --module-yaml FILE} (bundled), {@code
     * --kafka HOST:PORT} (localhost:9092), {@code --function-url URL}
     * (http://localhost:8000/statefun), {@code --consumer-group ID} (chainplay-statefun), {@code
     * --rest-port N} (8082), {@code --parallelism N} (1), {@code --checkpoint-interval-ms N}
     * (10000), {@code --restore PATH} (a chk-N or savepoint directory), and {@code --config K=V}
     * for any other Flink or StateFun setting.
     */
    public static Options parse(String[] args) {
        Options o = new Options();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            String value = args[++i];
            switch (flag) {
                case "--data-dir" -> o.dataDir = Path.of(value);
                case "--module-yaml" -> o.moduleYaml = Path.of(value);
                case "--kafka" -> o.kafkaBootstrap = value;
                case "--function-url" -> o.functionUrl = value;
                case "--consumer-group" -> o.consumerGroup = value;
                case "--rest-port" -> o.restPort = Integer.parseInt(value);
                case "--parallelism" -> o.parallelism = Integer.parseInt(value);
                case "--checkpoint-interval-ms" -> o.checkpointIntervalMs = Long.parseLong(value);
                case "--restore" -> o.restore = value;
                case "--config" -> {
                    int eq = value.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException(
                                "--config takes KEY=VALUE, got " + value);
                    }
                    o.extra.put(value.substring(0, eq), value.substring(eq + 1));
                }
                default -> throw new IllegalArgumentException("Unknown flag " + flag);
            }
        }
        if (o.checkpointIntervalMs <= 0) {
            // The Kafka egress commits on checkpoints: without them nothing would be written.
            throw new IllegalArgumentException("--checkpoint-interval-ms must be positive");
        }
        return o;
    }

    /** The Flink and StateFun settings the job runs with. */
    public static Map<String, String> configuration(Options o, Path renderedModule) {
        Path dataDir = o.dataDir.toAbsolutePath();
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("statefun.remote.module-name", renderedModule.toAbsolutePath().toUri().toString());
        conf.put("parallelism.default", Integer.toString(o.parallelism));
        conf.put("rest.port", Integer.toString(o.restPort));
        conf.put("rest.bind-port", Integer.toString(o.restPort));
        // Flink 1.16 reads state.backend; state.backend.type (1.17+) would be ignored silently.
        conf.put("state.backend", "rocksdb");
        conf.put("state.checkpoints.dir", dataDir.resolve("checkpoints").toUri().toString());
        conf.put("state.savepoints.dir", dataDir.resolve("savepoints").toUri().toString());
        // Two, so that a kill during the write of one still leaves a complete older one.
        conf.put("state.checkpoints.num-retained", "2");
        conf.put("execution.checkpointing.interval", o.checkpointIntervalMs + " ms");
        conf.put(
                "execution.checkpointing.externalized-checkpoint-retention",
                "RETAIN_ON_CANCELLATION");
        if (o.restore != null) {
            conf.put("execution.savepoint.path", o.restore);
        }
        conf.putAll(o.extra);
        return conf;
    }

    /** The template with its placeholders filled in. */
    public static String render(String template, Options o) {
        return template.replace("${KAFKA_BOOTSTRAP}", o.kafkaBootstrap)
                .replace("${FUNCTION_URL}", o.functionUrl)
                .replace("${CONSUMER_GROUP}", o.consumerGroup);
    }

    /** Renders the module.yaml template into the data directory and returns the written file. */
    static Path renderModule(Options o) throws IOException {
        String template;
        if (o.moduleYaml != null) {
            template = Files.readString(o.moduleYaml);
        } else {
            try (InputStream in = StatefunRuntime.class.getResourceAsStream(MODULE_TEMPLATE)) {
                if (in == null) {
                    throw new IllegalStateException(MODULE_TEMPLATE + " missing from the jar");
                }
                template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        Files.createDirectories(o.dataDir);
        Path rendered = o.dataDir.resolve("module.yaml");
        Files.writeString(rendered, render(template, o));
        return rendered;
    }

    public static void main(String[] args) throws Exception {
        Options options = parse(args);
        Path module = renderModule(options);
        Map<String, String> conf = configuration(options, module);
        LOG.info(
                "StateFun runtime: dashboard and REST on port {}, Kafka {}, functions at {},"
                        + " data in {}, restore from {}",
                options.restPort,
                options.kafkaBootstrap,
                options.functionUrl,
                options.dataDir.toAbsolutePath(),
                options.restore == null ? "nothing" : options.restore);
        Harness harness = new Harness();
        conf.forEach(harness::withConfiguration);
        harness.withFlinkJobName("chainplay-statefun");
        try {
            harness.start();
        } catch (Exception e) {
            // Savepoint-and-cancel is the normal way to stop with state: exit 0 for it, so that
            // only real failures look like failures to whoever started this JVM.
            if (isCancellation(e)) {
                LOG.info("StateFun job cancelled; exiting");
                return;
            }
            throw e;
        }
    }

    private static boolean isCancellation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JobCancellationException) {
                return true;
            }
        }
        return false;
    }
}
