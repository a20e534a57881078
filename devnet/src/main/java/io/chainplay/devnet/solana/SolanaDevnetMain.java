package io.chainplay.devnet.solana;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the devnet on its own: {@code java -cp ... io.chainplay.devnet.solana.SolanaDevnetMain
 * --port 8899}. Prints the endpoint and runs until interrupted. {@code --help} lists the options.
 */
public final class SolanaDevnetMain {

    private static final String USAGE =
            String.join(
                    "\n",
                    "Usage: SolanaDevnetMain [options]",
                    "  --host <addr>                 interface to listen on (default 127.0.0.1)",
                    "  --port <n>                    port, 0 = any free one (default 8899)",
                    "  --seed <n>                    random seed (default: from the genesis time)",
                    "  --rate <tx/s>                 player transactions per second (default 10)",
                    "  --players <n>                 player wallets (default 100)",
                    "  --slot-ms <ms>                slot time (default 400)",
                    "  --start-slot <n>              genesis slot (default: mainnet-like, from the time)",
                    "  --genesis-time <iso-instant>  genesis block time (default now)",
                    "  --skipped <fraction>          skipped slots (default 0.05)",
                    "  --failed <fraction>           failed transactions (default 0.02)",
                    "  --mafia-share <fraction>      Solana Mafia share of traffic (default 0.3)",
                    "  --forks <probability>         fork (dropped at confirmed) per slot (default 0)",
                    "  --fork-length <slots>         blocks per fork (default 4)",
                    "  --earnings-interval <s>       Solana Mafia update interval (default 86400)",
                    "  --retain-slots <n>            forget older slots, 0 = keep all (default 0)",
                    "  --rate-limit <fraction>       answer HTTP 429 to this share of requests",
                    "  --server-errors <fraction>    answer HTTP 5xx to this share of requests",
                    "  --timeouts <fraction>         never answer this share of requests",
                    "  --slow <fraction>             delay this share of responses by 2 s");

    private SolanaDevnetMain() {}

    public static void main(String[] args) throws InterruptedException {
        // Before the first logger exists; a -Dlog4j2.configurationFile given by the user wins.
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "log4j2-devnet.properties");
        }
        SolanaDevnet.Builder builder;
        try {
            builder = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        if (builder == null) {
            System.out.println(USAGE);
            return;
        }
        SolanaDevnet devnet = builder.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    devnet.close();
                                    stopped.countDown();
                                }));
        System.out.println("Solana devnet listening on " + devnet.url());
        System.out.println(
                "  genesis slot "
                        + devnet.startSlot()
                        + ", fare_vault "
                        + FareVaultProgram.PROGRAM_ID
                        + ", solana_mafia "
                        + SolanaMafiaProgram.PROGRAM_ID);
        System.out.println(
                "  try: curl -s "
                        + devnet.url()
                        + " -H 'Content-Type: application/json'"
                        + " -d '{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"getSlot\"}'");
        stopped.await();
    }

    /** The builder the arguments describe, or null for --help. */
    static SolanaDevnet.Builder parse(String[] args) {
        SolanaDevnet.Builder builder = SolanaDevnet.builder().port(8899);
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        double forks = 0;
        int forkLength = 4;
        while (!rest.isEmpty()) {
            String option = rest.remove(0);
            if (option.equals("--help") || option.equals("-h")) {
                return null;
            }
            if (rest.isEmpty()) {
                throw new IllegalArgumentException("Missing value for " + option);
            }
            String value = rest.remove(0);
            try {
                switch (option) {
                    case "--host" -> builder.host(value);
                    case "--port" -> builder.port(Integer.parseInt(value));
                    case "--seed" -> builder.seed(Long.parseLong(value));
                    case "--rate" -> builder.transactionsPerSecond(Double.parseDouble(value));
                    case "--players" -> builder.players(Integer.parseInt(value));
                    case "--slot-ms" -> builder.slotTime(Duration.ofMillis(Long.parseLong(value)));
                    case "--start-slot" -> builder.startSlot(Long.parseLong(value));
                    case "--genesis-time" -> builder.genesisTime(Instant.parse(value));
                    case "--skipped" -> builder.skippedSlotFraction(Double.parseDouble(value));
                    case "--failed" -> builder.failedTransactionFraction(Double.parseDouble(value));
                    case "--mafia-share" -> builder.mafiaShare(Double.parseDouble(value));
                    case "--forks" -> forks = Double.parseDouble(value);
                    case "--fork-length" -> forkLength = Integer.parseInt(value);
                    case "--earnings-interval" ->
                            builder.earningsInterval(Duration.ofSeconds(Long.parseLong(value)));
                    case "--retain-slots" -> builder.retainSlots(Long.parseLong(value));
                    case "--rate-limit" -> {
                        double fraction = Double.parseDouble(value);
                        builder.faults(f -> f.rateLimit(fraction, Duration.ofSeconds(1)));
                    }
                    case "--server-errors" -> {
                        double fraction = Double.parseDouble(value);
                        builder.faults(f -> f.serverErrors(fraction));
                    }
                    case "--timeouts" -> {
                        double fraction = Double.parseDouble(value);
                        builder.faults(f -> f.timeouts(fraction, Duration.ofSeconds(30)));
                    }
                    case "--slow" -> {
                        double fraction = Double.parseDouble(value);
                        builder.faults(f -> f.slow(fraction, Duration.ofSeconds(2)));
                    }
                    default -> throw new IllegalArgumentException("Unknown option " + option);
                }
            } catch (NumberFormatException | java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException("Bad value for " + option + ": " + value, e);
            }
        }
        if (forks > 0) {
            builder.forks(forks, forkLength, 0.5);
        }
        return builder;
    }
}
