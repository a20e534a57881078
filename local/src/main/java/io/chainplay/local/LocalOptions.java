package io.chainplay.local;

import org.apache.flink.util.TimeUtils;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Options of {@code ./chainplay up}. Every port is a preference: when it is taken the next free one
 * is used, and the launcher prints what it chose.
 *
 * @param dataDir where Kafka, Postgres, checkpoints and logs live; a restart resumes from it
 * @param apiPort the API's HTTP port
 * @param flinkPort the Flink dashboard's port
 * @param kafkaPort the Kafka broker's port
 * @param postgresPort the Postgres port
 * @param devnetPort the Solana devnet's JSON-RPC port
 * @param exchangePort the Extended devnet's REST port (its account stream takes the next free one)
 * @param statefunPort the StateFun job's Flink dashboard and REST port
 * @param functionsPort the port of the StateFun function server
 * @param apiJar the Spring Boot jar of the API
 * @param transactionsPerSecond the devnet's game transactions per second; 0 for a quiet chain
 * @param players distinct demo players
 * @param traders demo players trading on the Extended devnet, each through its own sub-account
 * @param tradeRate demo orders per second over all traders; 0 for none
 * @param earningsInterval the Solana Mafia program's EARNINGS_INTERVAL on the devnet, and the
 *     earnings job's: how often each player is due
 * @param parallelism Flink parallelism of the jobs
 * @param rocksdb RocksDB state backend instead of the heap
 * @param fresh delete the data directory first
 */
public record LocalOptions(
        Path dataDir,
        int apiPort,
        int flinkPort,
        int kafkaPort,
        int postgresPort,
        int devnetPort,
        int exchangePort,
        int statefunPort,
        int functionsPort,
        Path apiJar,
        double transactionsPerSecond,
        int players,
        int traders,
        double tradeRate,
        Duration earningsInterval,
        int parallelism,
        boolean rocksdb,
        boolean fresh) {

    static final String USAGE =
            String.join(
                    "\n",
                    "Usage: ./chainplay up [options]",
                    "",
                    "Starts Kafka, Postgres, a Solana devnet node with live game activity, the",
                    "Extended exchange devnet with demo traders, the Solana and exchange ingest,",
                    "casino, earnings and trading jobs on a local Flink cluster, the StateFun",
                    "daily-trade workflow, and the API.",
                    "Ctrl-C stops everything; the next `up` resumes the casino, earnings and trading jobs",
                    "from their checkpoints.",
                    "",
                    "Options:",
                    "  --data-dir DIR      data, checkpoints and logs (default ./.chainplay)",
                    "  --api-port N        API port (default 8080)",
                    "  --flink-port N      Flink dashboard port (default 8081)",
                    "  --kafka-port N      Kafka port (default 19092)",
                    "  --postgres-port N   Postgres port (default 15432)",
                    "  --devnet-port N     Solana devnet JSON-RPC port (default 8899)",
                    "  --exchange-port N   Extended devnet REST port (default 8090; stream: next free)",
                    "  --statefun-port N   StateFun dashboard and REST port (default 8082)",
                    "  --functions-port N  StateFun function server port (default 8000)",
                    "  --api-jar FILE      the API's Boot jar (default api/target/chainplay-api.jar)",
                    "  --rate N            devnet transactions per second (default 10)",
                    "  --players N         devnet players (default 300)",
                    "  --traders N         of them, players trading on the Extended devnet (default 8)",
                    "  --trade-rate N      demo orders per second (default 1; 0 for none)",
                    "  --earnings-interval D  how often a Solana Mafia player is due, on the devnet",
                    "                      and in the earnings job (default 5m; the program's is 1d)",
                    "  --parallelism N     Flink parallelism (default 2)",
                    "  --rocksdb           keep job state in RocksDB instead of the heap",
                    "  --fresh             delete the data directory first",
                    "  --help              this text",
                    "",
                    "A port that is taken is replaced by the next free one.");

    static LocalOptions defaults() {
        return new LocalOptions(
                Path.of(".chainplay"),
                8080,
                8081,
                19092,
                15432,
                8899,
                8090,
                8082,
                8000,
                Path.of("api", "target", "chainplay-api.jar"),
                10,
                300,
                8,
                1,
                Duration.ofMinutes(5),
                2,
                false,
                false);
    }

    /**
     * Parses the options after {@code up}.
     *
     * @throws IllegalArgumentException naming the option that is wrong
     */
    static LocalOptions parse(List<String> args) {
        LocalOptions o = defaults();
        List<String> rest = new ArrayList<>(args);
        while (!rest.isEmpty()) {
            String flag = rest.remove(0);
            switch (flag) {
                case "--rocksdb" -> o = o.with(b -> b.rocksdb = true);
                case "--fresh" -> o = o.with(b -> b.fresh = true);
                default -> {
                    if (rest.isEmpty() || !flag.startsWith("--")) {
                        throw new IllegalArgumentException(
                                flag.startsWith("--")
                                        ? "Option " + flag + " needs a value"
                                        : "Unknown argument " + flag);
                    }
                    String value = rest.remove(0);
                    o =
                            switch (flag) {
                                case "--data-dir" -> o.with(b -> b.dataDir = Path.of(value));
                                case "--api-port" -> o.with(b -> b.apiPort = port(flag, value));
                                case "--flink-port" -> o.with(b -> b.flinkPort = port(flag, value));
                                case "--kafka-port" -> o.with(b -> b.kafkaPort = port(flag, value));
                                case "--postgres-port" ->
                                        o.with(b -> b.postgresPort = port(flag, value));
                                case "--devnet-port" ->
                                        o.with(b -> b.devnetPort = port(flag, value));
                                case "--exchange-port" ->
                                        o.with(b -> b.exchangePort = port(flag, value));
                                case "--statefun-port" ->
                                        o.with(b -> b.statefunPort = port(flag, value));
                                case "--functions-port" ->
                                        o.with(b -> b.functionsPort = port(flag, value));
                                case "--traders" ->
                                        o.with(
                                                b ->
                                                        b.traders =
                                                                (int)
                                                                        number(
                                                                                flag, value, 0,
                                                                                1_000));
                                case "--trade-rate" ->
                                        o.with(b -> b.tradeRate = number(flag, value, 0, 100));
                                case "--api-jar" -> o.with(b -> b.apiJar = Path.of(value));
                                case "--rate" ->
                                        o.with(b -> b.rate = number(flag, value, 0, 10_000));
                                case "--players" ->
                                        o.with(
                                                b ->
                                                        b.players =
                                                                (int)
                                                                        number(
                                                                                flag, value, 1,
                                                                                1_000_000));
                                case "--earnings-interval" ->
                                        o.with(b -> b.earningsInterval = duration(flag, value));
                                case "--parallelism" ->
                                        o.with(
                                                b ->
                                                        b.parallelism =
                                                                (int) number(flag, value, 1, 64));
                                default ->
                                        throw new IllegalArgumentException(
                                                "Unknown option " + flag);
                            };
                }
            }
        }
        return o;
    }

    private static Duration duration(String flag, String value) {
        Duration d;
        try {
            d = TimeUtils.parseDuration(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    flag + " takes a duration such as 300s, 5m or 1d, not '" + value + "'");
        }
        if (d.compareTo(Duration.ofSeconds(10)) < 0 || d.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException(flag + " must be between 10s and 1d: " + value);
        }
        return d;
    }

    private static int port(String flag, String value) {
        return (int) number(flag, value, 1, 65535);
    }

    private static double number(String flag, String value, double min, double max) {
        double n;
        try {
            n = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " takes a number, not '" + value + "'");
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException(
                    flag + " must be between " + (long) min + " and " + (long) max + ": " + value);
        }
        return n;
    }

    private LocalOptions with(java.util.function.Consumer<Builder> change) {
        Builder b = new Builder(this);
        change.accept(b);
        return b.build();
    }

    private static final class Builder {
        Path dataDir;
        int apiPort;
        int flinkPort;
        int kafkaPort;
        int postgresPort;
        int devnetPort;
        int exchangePort;
        int statefunPort;
        int functionsPort;
        Path apiJar;
        double rate;
        int players;
        int traders;
        double tradeRate;
        Duration earningsInterval;
        int parallelism;
        boolean rocksdb;
        boolean fresh;

        Builder(LocalOptions o) {
            dataDir = o.dataDir;
            apiPort = o.apiPort;
            flinkPort = o.flinkPort;
            kafkaPort = o.kafkaPort;
            postgresPort = o.postgresPort;
            devnetPort = o.devnetPort;
            exchangePort = o.exchangePort;
            statefunPort = o.statefunPort;
            functionsPort = o.functionsPort;
            apiJar = o.apiJar;
            rate = o.transactionsPerSecond;
            players = o.players;
            traders = o.traders;
            tradeRate = o.tradeRate;
            earningsInterval = o.earningsInterval;
            parallelism = o.parallelism;
            rocksdb = o.rocksdb;
            fresh = o.fresh;
        }

        LocalOptions build() {
            return new LocalOptions(
                    dataDir,
                    apiPort,
                    flinkPort,
                    kafkaPort,
                    postgresPort,
                    devnetPort,
                    exchangePort,
                    statefunPort,
                    functionsPort,
                    apiJar,
                    rate,
                    players,
                    traders,
                    tradeRate,
                    earningsInterval,
                    parallelism,
                    rocksdb,
                    fresh);
        }
    }
}
