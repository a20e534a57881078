package io.chainplay.connectors.exchange.source;

import io.chainplay.devnet.extended.Faults;
import io.chainplay.devnet.extended.Fill;
import io.chainplay.schemas.Topics;
import io.chainplay.schemas.exchange.ExchangeFill;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fills source on a MiniCluster with two readers against the in-process Extended devnet: its
 * real REST API and account stream, with orders signed by our signer, dropped connections and
 * server errors. The devnet's ground truth is what must arrive, each fill once.
 */
class ExtendedFillsSourceITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    static ExtendedFillsSourceBuilder source(DevnetTraders t) {
        return ExtendedFillsSource.builder()
                .setRestUrl(t.devnet.url())
                .setStreamUrl(t.devnet.accountStreamUrl())
                .setAccounts(t.accounts())
                .setPageSize(3) // several pages per catch-up
                .setMaxAttempts(12)
                .setRequestTimeout(Duration.ofSeconds(5))
                .setBackoff(Duration.ofMillis(20), Duration.ofMillis(300))
                .setPollInterval(Duration.ofMillis(20));
    }

    /** Collects a running job's output on a thread of its own. */
    static final class Collector implements AutoCloseable {
        final List<ExchangeFill> fills = Collections.synchronizedList(new ArrayList<>());
        final CloseableIterator<ExchangeRecord> it;
        final Thread thread;

        Collector(CloseableIterator<ExchangeRecord> it) {
            this.it = it;
            this.thread =
                    new Thread(
                            () -> {
                                try {
                                    while (it.hasNext()) {
                                        ExchangeRecord r = it.next();
                                        assertThat(r.type).isEqualTo(ExchangeRecord.Type.FILL);
                                        fills.add(
                                                Topics.RAW_EXCHANGE_FILLS.deserializeValue(
                                                        r.value));
                                    }
                                } catch (RuntimeException e) {
                                    // the job was cancelled
                                }
                            });
            thread.start();
        }

        List<Long> ids() {
            synchronized (fills) {
                return fills.stream().map(ExchangeFill::getFillId).sorted().toList();
            }
        }

        /** Waits until at least n fills arrived, then a little longer for any extra one. */
        List<Long> awaitAtLeast(int n, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (fills.size() < n && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            Thread.sleep(1_000); // a duplicate would come in this time
            return ids();
        }

        @Override
        public void close() throws Exception {
            it.close();
            thread.join(10_000);
        }
    }

    @Test
    void liveThroughDroppedStreamsAndServerErrorsEveryFillArrivesOnceInIdOrder() throws Exception {
        try (DevnetTraders t = new DevnetTraders(7)) {
            for (int i = 0; i < 4; i++) {
                t.cross(); // history before the job: only a catch-up can find these
            }
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(2);
            try (Collector out =
                    new Collector(
                            env.fromSource(
                                            source(t).build(),
                                            WatermarkStrategy.noWatermarks(),
                                            "fills")
                                    .executeAndCollect())) {
                out.awaitAtLeast(8, Duration.ofSeconds(60));
                for (int round = 0; round < 8; round++) {
                    switch (round % 4) {
                        case 0 -> t.devnet.disconnectStreams();
                        case 1 -> t.devnet.faults().injectNext(Faults.Kind.STREAM_DISCONNECT, 1);
                        case 2 -> t.devnet.faults().serverErrors(0.3);
                        default -> t.devnet.faults().clear();
                    }
                    for (int i = 0; i < 3; i++) {
                        t.cross();
                    }
                    Thread.sleep(150);
                }
                t.devnet.faults().clear();
                List<Long> truth = t.groundTruthIds();
                List<Long> got = out.awaitAtLeast(truth.size(), Duration.ofSeconds(90));

                assertThat(truth).hasSize(2 * (4 + 8 * 3));
                assertThat(got).as("fill ids received").containsExactlyElementsOf(truth);
                assertThat(t.devnet.faults().injected(Faults.Kind.STREAM_DISCONNECT))
                        .isGreaterThanOrEqualTo(1);
                assertThat(t.devnet.faults().injected(Faults.Kind.SERVER_ERROR)).isPositive();
                List<ExchangeFill> fills = new ArrayList<>(out.fills);
                // Both paths were taken: catch-ups (history, reconnects) and the live stream.
                assertThat(fills).anyMatch(f -> f.getReceivedVia().equals("rest"));
                assertThat(fills).anyMatch(f -> f.getReceivedVia().equals("stream"));
                assertFieldsMatchGroundTruth(fills, t.devnet.groundTruth());
                assertIdOrderPerAccount(fills);
            }
        }
    }

    @Test
    void aJobThatFailsMidStreamRestoresItsCursorsAndEmitsEveryFillExactlyOnce() throws Exception {
        FailOnce.FAILED.set(false);
        FailOnce.SEEN.set(0);
        try (DevnetTraders t = new DevnetTraders(11)) {
            for (int i = 0; i < 3; i++) {
                t.cross();
            }
            Configuration conf = new Configuration();
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 5);
            conf.set(
                    RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY,
                    Duration.ofMillis(200));
            StreamExecutionEnvironment env =
                    StreamExecutionEnvironment.getExecutionEnvironment(conf);
            env.setParallelism(2);
            env.enableCheckpointing(200);
            // The collecting sink is exactly-once with checkpointing: it keeps what the restored
            // checkpoint had. A source that forgot its cursor on restore would send the history
            // again, and those copies would show here.
            try (Collector out =
                    new Collector(
                            env.fromSource(
                                            source(t).build(),
                                            WatermarkStrategy.noWatermarks(),
                                            "fills")
                                    .map(new FailOnce())
                                    .executeAndCollect())) {
                for (int round = 0; round < 10; round++) {
                    for (int i = 0; i < 2; i++) {
                        t.cross();
                    }
                    if (round == 5) {
                        t.devnet.disconnectStreams();
                    }
                    Thread.sleep(300);
                }
                List<Long> truth = t.groundTruthIds();
                List<Long> got = out.awaitAtLeast(truth.size(), Duration.ofSeconds(90));

                assertThat(FailOnce.FAILED).as("the injected failure happened").isTrue();
                assertThat(truth).hasSize(2 * (3 + 10 * 2));
                assertThat(got).containsExactlyElementsOf(truth);
            }
        }
    }

    @Test
    void aBoundedTimeRangeGivesExactlyTheFillsCreatedInItAndEnds() throws Exception {
        try (DevnetTraders t = new DevnetTraders(13)) {
            for (int i = 0; i < 3; i++) {
                t.cross();
            }
            Thread.sleep(20);
            Instant from = Instant.now();
            Thread.sleep(5);
            for (int i = 0; i < 7; i++) {
                t.cross();
            }
            Thread.sleep(5);
            Instant to = Instant.now();
            Thread.sleep(20);
            for (int i = 0; i < 3; i++) {
                t.cross();
            }
            t.devnet.faults().serverErrors(0.3);
            List<Long> expected =
                    t.devnet.groundTruth().stream()
                            .filter(
                                    f ->
                                            f.createdTime() >= from.toEpochMilli()
                                                    && f.createdTime() < to.toEpochMilli())
                            .map(Fill::id)
                            .sorted()
                            .toList();
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(2);
            List<ExchangeFill> fills = new ArrayList<>();
            long started = System.nanoTime();
            try (CloseableIterator<ExchangeRecord> it =
                    env.fromSource(
                                    source(t).setBounded(from, to).build(),
                                    WatermarkStrategy.noWatermarks(),
                                    "fills")
                            .executeAndCollect()) {
                it.forEachRemaining(
                        r -> fills.add(Topics.RAW_EXCHANGE_FILLS.deserializeValue(r.value)));
            } // returning at all means the bounded job finished
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .isLessThan(Duration.ofSeconds(60));

            assertThat(expected).hasSize(14);
            assertThat(t.devnet.groundTruth()).hasSize(26);
            assertThat(fills)
                    .extracting(ExchangeFill::getFillId)
                    .containsExactlyInAnyOrderElementsOf(expected);
            assertThat(fills).allMatch(f -> f.getReceivedVia().equals("rest"));
            assertThat(t.devnet.faults().injected(Faults.Kind.SERVER_ERROR)).isPositive();
            assertIdOrderPerAccount(fills);
        }
    }

    static void assertIdOrderPerAccount(List<ExchangeFill> fills) {
        Map<Long, List<Long>> perAccount = new HashMap<>();
        for (ExchangeFill f : fills) {
            perAccount.computeIfAbsent(f.getAccountId(), k -> new ArrayList<>()).add(f.getFillId());
        }
        perAccount.forEach((account, ids) -> assertThat(ids).as("account " + account).isSorted());
    }

    static void assertFieldsMatchGroundTruth(List<ExchangeFill> fills, List<Fill> truth) {
        Map<Long, Fill> byId = new HashMap<>();
        truth.forEach(f -> byId.put(f.id(), f));
        for (ExchangeFill f : fills) {
            Fill g = byId.get(f.getFillId());
            assertThat(f.getAccountId()).isEqualTo(g.accountId());
            assertThat(f.getPlayer())
                    .isEqualTo(
                            g.accountId() == DevnetTraders.ACCOUNT_A
                                    ? DevnetTraders.WALLET_A
                                    : DevnetTraders.WALLET_B);
            assertThat(f.getOrderId()).isEqualTo(g.orderId());
            assertThat(f.getSide().name()).isEqualTo(g.side());
            assertThat(new java.math.BigDecimal(f.getPrice())).isEqualByComparingTo(g.price());
            assertThat(new java.math.BigDecimal(f.getQty())).isEqualByComparingTo(g.qty());
            assertThat(new java.math.BigDecimal(f.getFee())).isEqualByComparingTo(g.fee());
            assertThat(f.getIsTaker()).isEqualTo(g.isTaker());
            assertThat(f.getCreatedTime().toEpochMilli()).isEqualTo(g.createdTime());
        }
    }

    /** Throws once, after a checkpoint completed and some fills went through. */
    static final class FailOnce extends RichMapFunction<ExchangeRecord, ExchangeRecord>
            implements CheckpointListener {
        static final AtomicBoolean FAILED = new AtomicBoolean();
        static final AtomicInteger SEEN = new AtomicInteger();
        private transient boolean checkpointed;

        @Override
        public ExchangeRecord map(ExchangeRecord r) {
            if (SEEN.incrementAndGet() >= 12 && checkpointed && FAILED.compareAndSet(false, true)) {
                throw new IllegalStateException("injected failure after fill " + r.fillId);
            }
            return r;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            checkpointed = true;
        }
    }
}
