package io.chainplay.pipelines.casino;

import io.chainplay.pipelines.common.DeadLetterRecord;
import io.chainplay.pipelines.common.FeedRecord;
import io.chainplay.schemas.chain.EventKind;
import io.chainplay.schemas.feed.FeedMessage;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import static io.chainplay.pipelines.casino.CasinoFixtures.ALICE;
import static io.chainplay.pipelines.casino.CasinoFixtures.COIN_FLIP;
import static io.chainplay.pipelines.casino.CasinoFixtures.POOL_A;
import static io.chainplay.pipelines.casino.CasinoFixtures.T0;
import static io.chainplay.pipelines.casino.CasinoFixtures.registered;
import static io.chainplay.pipelines.casino.CasinoFixtures.resolved;
import static io.chainplay.pipelines.casino.CasinoFixtures.trial;
import static org.assertj.core.api.Assertions.assertThat;

class TrialSettlementTest {

    private static final Duration PENDING = Duration.ofHours(24);
    private static final Duration RETENTION = Duration.ofHours(1);

    private KeyedOneInputStreamOperatorTestHarness<String, CasinoEvent, BetRow> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new TrialSettlement(PENDING, RETENTION)),
                        event -> event.trialId,
                        Types.STRING);
        harness.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    @Test
    void settlesARegisteredThenResolvedBet() throws Exception {
        CasinoEvent registration = registered(trial(1), ALICE, POOL_A, 1_000_000, COIN_FLIP, T0);
        CasinoEvent resolution = resolved(trial(1), 1, T0 + 2_000);

        send(registration);
        send(resolution);

        assertThat(rows())
                .containsExactly(
                        BetRow.of(registration, null, null),
                        BetRow.of(registration, resolution, outcome(1_000_000, 1_980_000, 1)));
        assertThat(rows().get(1).status).isEqualTo("settled");
        assertThat(rows().get(1).won).isTrue();
        assertThat(outcomes()).containsExactly(outcome(1_000_000, 1_980_000, 1));
        assertThat(feedTypes()).containsExactly("bet.placed", "bet.settled");
        assertThat(deadLetters()).isEmpty();
    }

    @Test
    void settlesAResolutionThatArrivesBeforeItsRegistration() throws Exception {
        CasinoEvent registration = registered(trial(1), ALICE, POOL_A, 1_000_000, COIN_FLIP, T0);
        CasinoEvent resolution = resolved(trial(1), 0, T0 + 2_000);

        send(resolution);
        assertThat(rows()).isEmpty(); // nothing known to write yet
        send(registration);

        assertThat(rows())
                .containsExactly(BetRow.of(registration, resolution, outcome(1_000_000, 0, 0)));
        assertThat(outcomes()).containsExactly(outcome(1_000_000, 0, 0));
        assertThat(feedTypes()).containsExactly("bet.settled", "bet.placed");
    }

    @Test
    void countsADuplicateOrAFinalizationOnce() throws Exception {
        CasinoEvent registration = registered(trial(1), ALICE, POOL_A, 10, COIN_FLIP, T0);
        CasinoEvent resolution = resolved(trial(1), 1, T0 + 1);

        send(registration);
        send(registration);
        send(resolution);
        send(resolution);
        send(registration.withKind(EventKind.FINALIZED));
        send(resolution.withKind(EventKind.FINALIZED));
        send(resolution.withKind(EventKind.FINALIZED));

        assertThat(outcomes()).containsExactly(outcome(10, 19, 1));
        assertThat(feedTypes()).containsExactly("bet.placed", "bet.settled");
    }

    @Test
    void takesASettlementBackWhenItsResolutionIsRetracted() throws Exception {
        CasinoEvent registration = registered(trial(1), ALICE, POOL_A, 10, COIN_FLIP, T0);
        CasinoEvent resolution = resolved(trial(1), 1, T0 + 1);
        send(registration);
        send(resolution);

        send(resolution.withKind(EventKind.RETRACTED));

        assertThat(outcomes()).containsExactly(outcome(10, 19, 1), outcome(10, 19, 1).reversed());
        assertThat(rows().get(rows().size() - 1)).isEqualTo(BetRow.of(registration, null, null));
    }

    @Test
    void deletesTheBetWhenItsRegistrationIsRetracted() throws Exception {
        CasinoEvent registration = registered(trial(1), ALICE, POOL_A, 10, COIN_FLIP, T0);
        CasinoEvent resolution = resolved(trial(1), 1, T0 + 1);
        send(registration);
        send(resolution);

        send(registration.withKind(EventKind.RETRACTED));
        send(registration.withKind(EventKind.RETRACTED)); // a duplicate retraction

        assertThat(outcomes()).containsExactly(outcome(10, 19, 1), outcome(10, 19, 1).reversed());
        assertThat(rows().get(rows().size() - 1)).isEqualTo(BetRow.deletion(trial(1)));
        assertThat(feedTypes()).containsExactly("bet.placed", "bet.settled", "bet.retracted");
    }

    @Test
    void countsAnEventAgainWhenItIsReIncludedAfterARetraction() throws Exception {
        CasinoEvent registration = registered(trial(1), ALICE, POOL_A, 10, COIN_FLIP, T0);
        CasinoEvent resolution = resolved(trial(1), 1, T0 + 1);
        send(registration);
        send(resolution);
        send(resolution.withKind(EventKind.RETRACTED));

        CasinoEvent reIncluded = resolution.copy();
        reIncluded.slot += 5; // the same transaction in a block of the new fork
        send(reIncluded);

        assertThat(outcomes())
                .containsExactly(
                        outcome(10, 19, 1), outcome(10, 19, 1).reversed(), outcome(10, 19, 1));
        assertThat(rows().get(rows().size() - 1).resolvedSlot).isEqualTo(reIncluded.slot);
    }

    @Test
    void refusesARetractionOfAFinalizedEvent() throws Exception {
        CasinoEvent registration = registered(trial(1), ALICE, POOL_A, 10, COIN_FLIP, T0);
        send(registration.withKind(EventKind.FINALIZED));

        send(registration.withKind(EventKind.RETRACTED));

        assertThat(rows()).containsExactly(BetRow.of(registration, null, null));
        assertThat(deadLetters())
                .singleElement()
                .satisfies(d -> assertThat(d.reason).contains("retraction of a finalized"));
    }

    @Test
    void deadLettersAResolutionOutsideTheTableAndReportsTheBetInvalid() throws Exception {
        CasinoEvent registration = registered(trial(1), ALICE, POOL_A, 10, COIN_FLIP, T0);
        send(registration);

        send(resolved(trial(1), 5, T0 + 1));
        send(resolved(trial(1), 5, T0 + 1)); // a duplicate is not refused twice

        assertThat(outcomes()).isEmpty();
        assertThat(rows()).extracting(row -> row.status).containsExactly("placed", "invalid");
        assertThat(anomalies())
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.get("kind")).isEqualTo("result_index_out_of_range");
                            assertThat(a.get("trial_id")).isEqualTo(trial(1));
                        });
        assertThat(deadLetters())
                .singleElement()
                .satisfies(
                        d -> {
                            assertThat(d.source).isEqualTo("casino");
                            assertThat(d.position).isEqualTo(resolved(trial(1), 5, 0).eventId);
                            assertThat(d.reason)
                                    .contains(
                                            "result_index 5 is outside the qk table of 2"
                                                    + " outcomes");
                        });
    }

    @Test
    void releasesStateOnceASettledBetIsPastRetention() throws Exception {
        send(registered(trial(1), ALICE, POOL_A, 10, COIN_FLIP, T0));
        send(resolved(trial(1), 1, T0 + 1_000));
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);

        harness.processWatermark(T0 + 1_000 + RETENTION.toMillis() - 1);
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);

        harness.processWatermark(T0 + 1_000 + RETENTION.toMillis());
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void deadLettersAResolutionForAnUnknownTrialAfterThePendingTimeout() throws Exception {
        CasinoEvent orphan = resolved(trial(9), 1, T0);
        send(orphan);

        harness.processWatermark(T0 + PENDING.toMillis() - 1);
        assertThat(deadLetters()).isEmpty();
        harness.processWatermark(T0 + PENDING.toMillis());

        assertThat(deadLetters())
                .singleElement()
                .satisfies(d -> assertThat(d.reason).contains("unknown trial"));
        assertThat(rows()).isEmpty();
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void releasesAnUnresolvedBetAfterThePendingTimeoutAndLeavesItExpired() throws Exception {
        CasinoEvent registration = registered(trial(1), ALICE, POOL_A, 10, COIN_FLIP, T0);
        send(registration);

        harness.processWatermark(T0 + PENDING.toMillis());

        BetRow expired = BetRow.of(registration, null, null);
        expired.status = "expired";
        expired.expiredAt = T0 + PENDING.toMillis();
        assertThat(rows()).containsExactly(BetRow.of(registration, null, null), expired);
        assertThat(deadLetters()).isEmpty();
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void remembersARetractionThatArrivesBeforeItsObservation() throws Exception {
        CasinoEvent resolution = resolved(trial(1), 1, T0);
        send(registered(trial(1), ALICE, POOL_A, 10, COIN_FLIP, T0));
        // A BATCH run sorts by time; ties come in any order: the retraction may come first.
        send(resolution.withKind(EventKind.RETRACTED));
        send(resolution);

        assertThat(outcomes()).isEmpty();
        assertThat(rows().get(rows().size() - 1).status).isEqualTo("placed");

        harness.processWatermark(T0 + PENDING.toMillis());
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void settlesWithTheResolutionThatStaysOnTheChain() throws Exception {
        send(registered(trial(1), ALICE, POOL_A, 10, COIN_FLIP, T0));
        CasinoEvent onFork = resolved(trial(1), 0, T0 + 400);
        CasinoEvent canonical = resolved(trial(1), 1, T0 + 2_000);
        canonical.eventId = "solana:res-canonical:1:0";
        canonical.txSignature = "res-canonical";
        send(onFork);
        send(canonical); // the resolver resolved again on the new fork
        send(onFork.withKind(EventKind.RETRACTED));

        BetRow last = rows().get(rows().size() - 1);
        assertThat(last.resolvedEventId).isEqualTo(canonical.eventId);
        assertThat(last.won).isTrue();
        // Net effect: the canonical settlement, counted once.
        long net = outcomes().stream().mapToLong(o -> o.sign).sum();
        assertThat(net).isEqualTo(1);
        assertThat(deadLetters()).isEmpty();
    }

    @Test
    void refusesASecondRegistrationOfTheSameTrial() throws Exception {
        CasinoEvent first =
                registered(trial(1), ALICE, POOL_A, 10, COIN_FLIP, T0)
                        .withKind(EventKind.FINALIZED);
        CasinoEvent second = first.copy();
        second.eventId = "solana:other-tx:0:0";
        second.wager = 99;
        second.slot += 1;

        send(first);
        send(second);

        assertThat(rows()).containsExactly(BetRow.of(first, null, null));
        assertThat(deadLetters())
                .singleElement()
                .satisfies(d -> assertThat(d.reason).contains("second TrialRegistered"));
    }

    @Test
    void feedMessagesCarryTheEventIdAndBlockTime() throws Exception {
        CasinoEvent registration = registered(trial(1), ALICE, POOL_A, 10, COIN_FLIP, T0);
        CasinoEvent resolution = resolved(trial(1), 1, T0 + 400);
        send(registration);
        send(resolution);

        List<FeedMessage> messages =
                feed().stream().map(r -> FeedMessage.parse(r.json)).collect(Collectors.toList());

        assertThat(messages.get(0).id()).isEqualTo(registration.eventId);
        assertThat(messages.get(0).timestamp()).isEqualTo(T0);
        assertThat(messages.get(0).data().get("amount").asText()).isEqualTo("10");
        assertThat(messages.get(1).id()).isEqualTo(resolution.eventId);
        assertThat(messages.get(1).timestamp()).isEqualTo(T0 + 400);
        assertThat(messages.get(1).data().get("won").asBoolean()).isTrue();
        assertThat(messages.get(1).data().get("payout").asText()).isEqualTo("19");
        assertThat(feed()).allSatisfy(r -> assertThat(r.key).isEqualTo(ALICE));
    }

    @Test
    void expiresAnUnresolvedBetAndSettlesItWhenItsResolutionComesLate() throws Exception {
        harness.close();
        harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(
                                new TrialSettlement(
                                        PENDING,
                                        RETENTION,
                                        Duration.ofMinutes(5),
                                        PoolRegistry.parse("pool=" + POOL_A + ", game=coinflip"))),
                        event -> event.trialId,
                        Types.STRING);
        harness.open();
        CasinoEvent registration = registered(trial(1), ALICE, POOL_A, 10, COIN_FLIP, T0);
        send(registration);

        harness.processWatermark(T0 + Duration.ofMinutes(5).toMillis());
        assertThat(rows().get(rows().size() - 1).status).isEqualTo("expired");
        assertThat(rows().get(rows().size() - 1).expiredAt)
                .isEqualTo(T0 + Duration.ofMinutes(5).toMillis());
        assertThat(feedTypes()).containsExactly("bet.placed", "bet.expired");
        assertThat(FeedMessage.parse(feed().get(1).json).data().get("gameType").asText())
                .isEqualTo("coinflip");
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1); // kept for a late resolution

        send(resolved(trial(1), 1, T0 + Duration.ofMinutes(6).toMillis()));

        BetRow last = rows().get(rows().size() - 1);
        assertThat(last.status).isEqualTo("settled");
        assertThat(last.expiredAt).isNull(); // the row depends on the events, not their timing
        assertThat(outcomes()).containsExactly(outcome(10, 19, 1));
    }

    @Test
    void settlesAnImpossibleOutcomeButReportsItUntilItIsTakenBack() throws Exception {
        double[] loaded = {1.0, 0.0, 0.0, 50.0}; // outcome 1 has q = 0
        send(registered(trial(1), ALICE, POOL_A, 10, loaded, T0));
        CasinoEvent resolution = resolved(trial(1), 1, T0 + 1);
        send(resolution);

        assertThat(rows().get(rows().size() - 1).status).isEqualTo("settled");
        assertThat(anomalies())
                .singleElement()
                .satisfies(a -> assertThat(a.get("kind")).isEqualTo("impossible_outcome"));

        send(resolution.withKind(EventKind.RETRACTED));

        assertThat(anomalies()).hasSize(2);
        assertThat(anomalies().get(1).deleted).isTrue();
        assertThat(anomalies().get(1).key()).isEqualTo(anomalies().get(0).key());
    }

    @Test
    void aRetractionOfTheAbandonedCopyLeavesTheReIncludedOneCounted() throws Exception {
        CasinoEvent registration = registered(trial(1), ALICE, POOL_A, 10, COIN_FLIP, T0);
        CasinoEvent onFork = resolved(trial(1), 1, T0 + 1);
        CasinoEvent reIncluded = onFork.copy();
        reIncluded.slot += 3;
        reIncluded.eventTime += 1_200;
        send(registration);
        send(onFork);

        send(reIncluded); // the re-included copy arrives before the fork's retraction
        send(onFork.withKind(EventKind.RETRACTED));

        // Taken back from the fork's block and counted in the new one, once.
        assertThat(outcomes())
                .containsExactly(
                        outcome(10, 19, 1), outcome(10, 19, 1).reversed(), outcome(10, 19, 1));
        assertThat(rows().get(rows().size() - 1).resolvedSlot).isEqualTo(reIncluded.slot);
        assertThat(rows().get(rows().size() - 1).status).isEqualTo("settled");
    }

    @Test
    void countsThePlacementAndTakesItBackWithTheRegistration() throws Exception {
        CasinoEvent registration = registered(trial(1), ALICE, POOL_A, 10, COIN_FLIP, T0);
        send(registration);
        send(registration.withKind(EventKind.RETRACTED));

        assertThat(placements())
                .containsExactly(
                        "+" + trial(1) + "@" + registration.slot,
                        "-" + trial(1) + "@" + registration.slot);
    }

    private void send(CasinoEvent event) throws Exception {
        harness.processElement(new StreamRecord<>(event, event.eventTime));
    }

    private static BetOutcome outcome(long wager, long payout, long resultIndex) {
        return new BetOutcome(
                trial(1),
                ALICE,
                POOL_A,
                BigInteger.valueOf(wager),
                BigInteger.valueOf(payout),
                resultIndex,
                COIN_FLIP[(int) (2 * resultIndex + 1)]);
    }

    private List<BetRow> rows() {
        return harness.extractOutputValues();
    }

    /** The settlements, with only the fields the test's expectations set. */
    private List<BetOutcome> outcomes() {
        return values(harness.getSideOutput(TrialSettlement.OUTCOMES)).stream()
                .filter(o -> !o.placement)
                .map(
                        o -> {
                            BetOutcome plain =
                                    new BetOutcome(
                                            o.trialId,
                                            o.player,
                                            o.poolId,
                                            o.wager,
                                            o.payout,
                                            o.resultIndex,
                                            o.resultK);
                            plain.sign = o.sign;
                            return plain;
                        })
                .toList();
    }

    private List<String> placements() {
        return values(harness.getSideOutput(TrialSettlement.OUTCOMES)).stream()
                .filter(o -> o.placement)
                .map(o -> (o.sign > 0 ? "+" : "-") + o.trialId + "@" + o.slot)
                .toList();
    }

    private List<TableRow> anomalies() {
        return values(harness.getSideOutput(TrialSettlement.ANOMALIES));
    }

    private List<FeedRecord> feed() {
        return values(harness.getSideOutput(TrialSettlement.FEED));
    }

    private List<String> feedTypes() {
        return feed().stream().map(r -> FeedMessage.parse(r.json).type()).toList();
    }

    private List<DeadLetterRecord> deadLetters() {
        return values(harness.getSideOutput(TrialSettlement.DEAD_LETTERS));
    }

    private static <T> List<T> values(java.util.Queue<StreamRecord<T>> records) {
        return records == null
                ? List.of()
                : records.stream().map(StreamRecord::getValue).filter(Objects::nonNull).toList();
    }
}
