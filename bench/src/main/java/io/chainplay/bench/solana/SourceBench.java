package io.chainplay.bench.solana;

import io.chainplay.bench.Benchmark;
import io.chainplay.bench.Report;
import io.chainplay.connectors.solana.client.decode.TransactionDecoder;
import io.chainplay.connectors.solana.client.idl.IdlRegistry;
import io.chainplay.connectors.solana.client.rpc.BlockFetch;
import io.chainplay.connectors.solana.client.rpc.Commitment;
import io.chainplay.connectors.solana.client.rpc.HttpSolanaRpc;
import io.chainplay.connectors.solana.client.rpc.SignatureInfo;
import io.chainplay.connectors.solana.client.rpc.SolanaRpc;
import io.chainplay.connectors.solana.client.rpc.TransactionResponse;
import io.chainplay.connectors.solana.source.RpcSolanaChain;
import io.chainplay.connectors.solana.source.SolanaChain;
import io.chainplay.connectors.solana.source.SolanaRecord;
import io.chainplay.connectors.solana.source.SolanaSource;
import io.chainplay.devnet.solana.SolanaDevnet;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code solana-source}: events/s from a Solana node through the Solana source (a bounded slot
 * range at finalized, two readers, on a local Flink cluster), against the devnet node in this JVM.
 *
 * <p>Ceiling: the same blocks fetched with the same JSON-RPC client and batches, on as many
 * threads, without decoding or Flink: what the node and HTTP allow here. Baseline: the design
 * Chainplay replaces (FarePlay's processor): page through getSignaturesForAddress per program and
 * fetch each transaction with getTransaction, one at a time, decoding each.
 */
public final class SourceBench implements Benchmark {

    private static final String FARE_VAULT = "FAREvmepkHArRWwLjHmwPQGL9Byg8iKF3hu1vewxTSXe";
    private static final String MAFIA = "GtaYPUCEphDV1YgsS6VnBpTkkJwpuaQZf3ptFssyNvKU";
    private static final List<String> IDLS =
            List.of("idl=classpath:idl/fare_vault.json", "idl=classpath:idl/solana_mafia.json");
    private static final int READERS = 2;

    @Override
    public String name() {
        return "solana-source";
    }

    @Override
    public String description() {
        return "devnet node -> Solana source (bounded range, 2 readers), decoded events/s";
    }

    @Override
    public Report run(boolean quick) throws Exception {
        int slots = quick ? 100 : 1_500;
        try (SolanaDevnet devnet =
                SolanaDevnet.builder()
                        .manualClock()
                        .seed(3)
                        .genesisTime(Instant.parse("2026-03-01T00:00:00Z"))
                        .transactionsPerSecond(100)
                        .start()) {
            devnet.advance(slots + 40);
            long from = devnet.startSlot();
            long to = devnet.slot(io.chainplay.devnet.solana.Commitment.FINALIZED);
            long events = devnet.groundTruth().finalEvents(from, to).size();

            source(devnet, from, to); // warm-up: the first job in a JVM runs slower
            double sourceRate = events / source(devnet, from, to);
            double ceilingRate = events / fetchOnly(devnet, from, to);
            double baselineRate = events / signaturesThenTransactions(devnet, from, to, quick);

            return new Report(name())
                    .add(Report.Role.MEASURED, "Solana source, 2 readers", sourceRate, "events/s")
                    .add(
                            Report.Role.CEILING,
                            "batched getBlock, 2 threads, no decoding",
                            ceilingRate,
                            "events/s")
                    .add(
                            Report.Role.BASELINE,
                            "getSignaturesForAddress + getTransaction, 1 by 1",
                            baselineRate,
                            "events/s")
                    .note(
                            events
                                    + " events in "
                                    + (to - from + 1)
                                    + " slots; devnet in the same JVM (it shares the 2 cores)");
        }
    }

    /** Seconds the bounded source takes to read and decode the range. */
    private static double source(SolanaDevnet devnet, long from, long to) throws Exception {
        RpcSolanaChain.Settings settings =
                new RpcSolanaChain.Settings(
                        List.of(devnet.url()), 0, 16, Duration.ofSeconds(15), 8, IDLS);
        SolanaSource source =
                SolanaSource.builder()
                        .setChain(RpcSolanaChain.factory(settings))
                        .setCommitment(SolanaChain.Level.FINALIZED)
                        .setStartingSlot(from)
                        .setBounded(to)
                        .setSlotsPerSplit(100)
                        .build();
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(new Configuration());
        env.setParallelism(READERS);
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "solana")
                .sinkTo(new DiscardingSink<SolanaRecord>());
        long start = System.nanoTime();
        env.execute("solana-source-bench");
        return (System.nanoTime() - start) / 1e9;
    }

    /** Seconds to fetch every block of the range in batches on two threads, decoding nothing. */
    private static double fetchOnly(SolanaDevnet devnet, long from, long to) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(READERS);
        AtomicLong blocks = new AtomicLong();
        long start = System.nanoTime();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int reader = 0; reader < READERS; reader++) {
                int r = reader;
                done.add(
                        pool.submit(
                                () -> {
                                    try (SolanaRpc rpc =
                                            HttpSolanaRpc.builder()
                                                    .setEndpoints(devnet.url())
                                                    .build()) {
                                        List<Long> batch = new ArrayList<>();
                                        for (long slot = from + r; slot <= to; slot += READERS) {
                                            batch.add(slot);
                                            if (batch.size() == 16 || slot + READERS > to) {
                                                for (BlockFetch f :
                                                        rpc.getBlocksBatch(
                                                                batch, Commitment.FINALIZED)) {
                                                    if (f instanceof BlockFetch.Found) {
                                                        blocks.incrementAndGet();
                                                    }
                                                }
                                                batch.clear();
                                            }
                                        }
                                    }
                                    return null;
                                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /**
     * Seconds the poller design takes: signatures newest first per program, then each transaction
     * on its own, decoded.
     */
    private static double signaturesThenTransactions(
            SolanaDevnet devnet, long from, long to, boolean quick) {
        TransactionDecoder decoder = TransactionDecoder.of(IdlRegistry.fromSpecs(IDLS));
        long decoded = 0;
        long start = System.nanoTime();
        try (SolanaRpc rpc = HttpSolanaRpc.builder().setEndpoints(devnet.url()).build()) {
            for (String program : List.of(FARE_VAULT, MAFIA)) {
                String before = null;
                boolean more = true;
                while (more) {
                    List<SignatureInfo> page =
                            rpc.getSignaturesForAddress(
                                    program, before, null, 1000, Commitment.FINALIZED);
                    more = !page.isEmpty();
                    for (SignatureInfo info : page) {
                        before = info.signature();
                        if (info.slot() < from) {
                            more = false;
                            break;
                        }
                        if (info.slot() > to || info.errJson() != null) {
                            continue;
                        }
                        Optional<TransactionResponse> tx =
                                rpc.getTransaction(info.signature(), Commitment.FINALIZED);
                        if (tx.isPresent()) {
                            decoded +=
                                    decoder.decodeTransactionResult(tx.get().result())
                                            .events()
                                            .size();
                        }
                    }
                }
            }
        }
        if (decoded == 0) {
            throw new IllegalStateException("The baseline decoded no events");
        }
        return (System.nanoTime() - start) / 1e9;
    }
}
