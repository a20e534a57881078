package io.chainplay.devnet.extended;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the Extended devnet on its own: {@code java -cp ...
 * io.chainplay.devnet.extended.ExtendedDevnetMain --port 8090 --stream-port 8091}. Prints the
 * endpoints and runs until interrupted. {@code --help} lists the options.
 */
public final class ExtendedDevnetMain {

    /**
     * The public key of the Stark key pair published in Extended's Python SDK test fixtures (also
     * in our fixtures): the demo account uses it when no {@code --account} is given, so anyone can
     * sign for it. Never use that key pair with a real exchange.
     */
    static final String DEMO_STARK_KEY =
            "0x61c5e7e8339b7d56f197f54ea91b776776690e3232313de0f2ecbd0ef76f466";

    private static final String USAGE =
            String.join(
                    "\n",
                    "Usage: ExtendedDevnetMain [options]",
                    "  --host <addr>                  interface to listen on (default 127.0.0.1)",
                    "  --port <n>                     REST port, 0 = any free one (default 8090)",
                    "  --stream-port <n>              account-stream port (default 8091)",
                    "  --account <key>:<vault>:<0xstark-public-key>",
                    "                                 an account; repeat for more (default: a demo",
                    "                                 account devnet-api-key:10002 with the SDK",
                    "                                 fixtures' published test key)",
                    "  --scheme snip12|starkex        signature format (default snip12)",
                    "  --chain <SN_SEPOLIA|SN_MAIN>   SNIP-12 domain chain id (default SN_SEPOLIA)",
                    "  --seed <n>                     random seed (default: random)",
                    "  --mark-ms <ms>                 time between market steps (default 1000)",
                    "  --volatility <x>               mark log-return std per step (default 0.0005)",
                    "  --server-errors <fraction>     answer HTTP 5xx to this share of requests",
                    "  --latency <fraction>:<ms>      delay this share of responses",
                    "  --stream-disconnects <fraction> drop a stream before this share of messages");

    private ExtendedDevnetMain() {}

    public static void main(String[] args) throws InterruptedException {
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "log4j2-devnet.properties");
        }
        ExtendedDevnet.Builder builder;
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
        ExtendedDevnet devnet = builder.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    devnet.close();
                                    stopped.countDown();
                                }));
        System.out.println("Extended devnet REST on " + devnet.url());
        System.out.println("  account stream on " + devnet.accountStreamUrl());
        System.out.println("  try: curl -s " + devnet.url() + "/info/markets");
        stopped.await();
    }

    static ExtendedDevnet.Builder parse(String[] args) {
        ExtendedDevnet.Builder b = ExtendedDevnet.builder().port(8090).streamPort(8091);
        boolean anyAccount = false;
        String chain = "SN_SEPOLIA";
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--help") || option.equals("-h")) {
                return null;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = args[++i];
            try {
                switch (option) {
                    case "--host" -> b.host(value);
                    case "--port" -> b.port(Integer.parseInt(value));
                    case "--stream-port" -> b.streamPort(Integer.parseInt(value));
                    case "--account" -> {
                        String[] parts = value.split(":");
                        if (parts.length != 3 || !parts[2].startsWith("0x")) {
                            throw new IllegalArgumentException(
                                    "--account is <api-key>:<vault>:<0x-stark-public-key>");
                        }
                        b.account(
                                parts[0],
                                Long.parseLong(parts[1]),
                                new BigInteger(parts[2].substring(2), 16));
                        anyAccount = true;
                    }
                    case "--scheme" ->
                            b.signatureScheme(
                                    SignatureScheme.valueOf(
                                            value.toUpperCase(java.util.Locale.ROOT)));
                    case "--chain" -> chain = value;
                    case "--seed" -> b.seed(Long.parseLong(value));
                    case "--mark-ms" -> b.markInterval(Duration.ofMillis(Long.parseLong(value)));
                    case "--volatility" -> b.volatility(Double.parseDouble(value));
                    case "--server-errors" -> {
                        double f = Double.parseDouble(value);
                        b.faults(x -> x.serverErrors(f));
                    }
                    case "--latency" -> {
                        String[] parts = value.split(":");
                        double f = Double.parseDouble(parts[0]);
                        Duration d = Duration.ofMillis(Long.parseLong(parts[1]));
                        b.faults(x -> x.latency(f, d));
                    }
                    case "--stream-disconnects" -> {
                        double f = Double.parseDouble(value);
                        b.faults(x -> x.streamDisconnects(f));
                    }
                    default -> throw new IllegalArgumentException("unknown option " + option);
                }
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                throw new IllegalArgumentException("bad value for " + option + ": " + value);
            }
        }
        b.domain(new SettlementVerifier.Domain("Perpetuals", "v0", chain, 1));
        if (!anyAccount) {
            b.account(
                    new DevnetAccount(
                            "devnet-api-key",
                            3001,
                            10002,
                            new BigInteger(DEMO_STARK_KEY.substring(2), 16),
                            new BigDecimal("100000")));
        }
        return b;
    }
}
