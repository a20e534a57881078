package io.chainplay.connectors.solana.source;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The Solana source's settings, for jobs that read them from configuration ({@link
 * #source(Configuration)}). List values are separated by {@code ;}.
 */
public final class SolanaSourceOptions {

    public static final ConfigOption<List<String>> RPC_ENDPOINTS =
            ConfigOptions.key("chainplay.solana.rpc.endpoints")
                    .stringType()
                    .asList()
                    .defaultValues("http://localhost:8899")
                    .withDescription(
                            "JSON-RPC URLs of Solana nodes, tried in order: a failing one (connect"
                                    + " error, timeout, HTTP 429 or 5xx) fails over to the next."
                                    + " API keys in the URL are never logged.");

    public static final ConfigOption<Double> RPC_RATE_LIMIT =
            ConfigOptions.key("chainplay.solana.rpc.rate-limit")
                    .doubleType()
                    .defaultValue(0.0)
                    .withDescription(
                            "Requests per second per reader (a JSON-RPC batch counts once); 0 for"
                                    + " no limit. Public endpoints allow about 10.");

    public static final ConfigOption<Integer> RPC_BATCH_SIZE =
            ConfigOptions.key("chainplay.solana.rpc.batch-size")
                    .intType()
                    .defaultValue(16)
                    .withDescription(
                            "getBlock calls per JSON-RPC batch when a reader is behind the tip;"
                                    + " 1 for endpoints that refuse batches.");

    public static final ConfigOption<Duration> RPC_REQUEST_TIMEOUT =
            ConfigOptions.key("chainplay.solana.rpc.request-timeout")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(15))
                    .withDescription("Timeout of one HTTP request.");

    public static final ConfigOption<Integer> RPC_MAX_ATTEMPTS =
            ConfigOptions.key("chainplay.solana.rpc.max-attempts")
                    .intType()
                    .defaultValue(8)
                    .withDescription(
                            "Attempts per call over all endpoints, with exponential backoff,"
                                    + " before the reader fails and the job restarts from its"
                                    + " checkpoint.");

    public static final ConfigOption<List<String>> IDLS =
            ConfigOptions.key("chainplay.solana.idls")
                    .stringType()
                    .asList()
                    .noDefaultValue()
                    .withDescription(
                            "The programs to decode: one spec per IDL version, e.g."
                                    + " 'idl=classpath:idl/fare_vault.json' or 'program=<id>,"
                                    + " idl=/etc/chainplay/pump.json, fromSlot=330000000'. Keys:"
                                    + " idl (required), program, fromSlot, name, label,"
                                    + " customDiscriminators.");

    public static final ConfigOption<String> COMMITMENT =
            ConfigOptions.key("chainplay.solana.commitment")
                    .stringType()
                    .defaultValue("confirmed")
                    .withDescription(
                            "confirmed: events as soon as their block is confirmed, then again as"
                                    + " finalized (or retracted); finalized: each event once,"
                                    + " ~13 s later.");

    public static final ConfigOption<Long> START_SLOT =
            ConfigOptions.key("chainplay.solana.start-slot")
                    .longType()
                    .noDefaultValue()
                    .withDescription(
                            "First slot to read; default the node's current slot at the first"
                                    + " start. A restart resumes from the checkpoint instead.");

    public static final ConfigOption<Long> END_SLOT =
            ConfigOptions.key("chainplay.solana.end-slot")
                    .longType()
                    .noDefaultValue()
                    .withDescription(
                            "Last slot to read, inclusive: makes the source bounded (a backfill);"
                                    + " needs start-slot.");

    public static final ConfigOption<Long> SLOTS_PER_SPLIT =
            ConfigOptions.key("chainplay.solana.slots-per-split")
                    .longType()
                    .defaultValue(1_000L)
                    .withDescription("Slots per unit of parallel work in a bounded read.");

    public static final ConfigOption<Duration> POLL_INTERVAL =
            ConfigOptions.key("chainplay.solana.poll-interval")
                    .durationType()
                    .defaultValue(Duration.ofMillis(200))
                    .withDescription("How often a reader at the tip asks for new slots.");

    private SolanaSourceOptions() {}

    /** A source built from these options. */
    public static SolanaSource source(Configuration conf) {
        List<String> idls = conf.getOptional(IDLS).orElse(List.of());
        if (idls.isEmpty()) {
            throw new IllegalArgumentException(
                    IDLS.key() + " is not set: name at least one program IDL to decode");
        }
        RpcSolanaChain.Settings settings =
                new RpcSolanaChain.Settings(
                        conf.get(RPC_ENDPOINTS),
                        conf.get(RPC_RATE_LIMIT),
                        conf.get(RPC_BATCH_SIZE),
                        conf.get(RPC_REQUEST_TIMEOUT),
                        conf.get(RPC_MAX_ATTEMPTS),
                        idls);
        // Fail at job build time on a bad IDL or endpoint, not on the task managers.
        RpcSolanaChain.factory(settings).open().close();
        SolanaSourceBuilder builder =
                SolanaSource.builder()
                        .setChain(RpcSolanaChain.factory(settings))
                        .setCommitment(level(conf.get(COMMITMENT)))
                        .setSlotsPerSplit(conf.get(SLOTS_PER_SPLIT))
                        .setPollInterval(conf.get(POLL_INTERVAL));
        conf.getOptional(START_SLOT).ifPresent(builder::setStartingSlot);
        conf.getOptional(END_SLOT).ifPresent(builder::setBounded);
        return builder.build();
    }

    private static SolanaChain.Level level(String commitment) {
        return switch (commitment.toLowerCase(Locale.ROOT)) {
            case "confirmed" -> SolanaChain.Level.CONFIRMED;
            case "finalized" -> SolanaChain.Level.FINALIZED;
            default ->
                    throw new IllegalArgumentException(
                            COMMITMENT.key()
                                    + " must be confirmed or finalized, not '"
                                    + commitment
                                    + "'");
        };
    }
}
