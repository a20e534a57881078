package io.chainplay.statefun.functions.trade;

import io.chainplay.schemas.exchange.ExchangeFill;
import io.chainplay.schemas.exchange.TradeSide;
import io.chainplay.schemas.feed.FeedMessage;
import io.chainplay.statefun.functions.Types;
import io.chainplay.statefun.functions.exchange.ExchangeException;

import org.apache.flink.statefun.sdk.egress.generated.KafkaProducerRecord;
import org.apache.flink.statefun.sdk.java.Address;
import org.apache.flink.statefun.sdk.java.message.EgressMessage;
import org.apache.flink.statefun.sdk.java.message.Message;
import org.apache.flink.statefun.sdk.java.message.MessageBuilder;
import org.apache.flink.statefun.sdk.java.slice.Slices;
import org.apache.flink.statefun.sdk.java.testing.SideEffects;
import org.apache.flink.statefun.sdk.java.testing.TestContext;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every transition of the daily-trade workflow, with the SDK's TestContext and a fake exchange. */
class DailyTradeFnTest {

    private static final String PLAYER = "7xKXtg2CW87d97TXJSDpbD5jBkheTqA83TZRuJosgAsU";
    private static final Address SELF = new Address(DailyTradeFn.TYPENAME, PLAYER);
    private static final Instant NOON = Instant.parse("2026-12-07T12:00:00Z");
    private static final Instant NEXT_DAY = Instant.parse("2026-12-08T00:00:30Z");
    private static final DailyTradeFn.Settings SETTINGS =
            new DailyTradeFn.Settings(
                    Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(4), 3);

    private final FakeExchange exchange = new FakeExchange();
    private TestContext context = TestContext.forTarget(SELF);
    private Instant now = NOON;

    private final List<TradeResult> results = new ArrayList<>();
    private final List<FeedMessage> feed = new ArrayList<>();
    private int egressSeen;

    @Test
    void acceptedRequestIsSignedAndKeptBeforeItIsPlaced() throws Exception {
        apply(request("r-1"));

        assertThat(statuses()).containsExactly(TradeResult.Status.ACCEPTED);
        TradeWorkflow wf = workflow();
        assertThat(wf.stage()).isEqualTo(TradeStage.SIGNED);
        assertThat(wf.order().externalId()).isEqualTo("cp-r-1");
        assertThat(wf.order().nonce()).isEqualTo(DailyTradeFn.nonce(PLAYER, "r-1"));
        assertThat(context.storage().get(DailyTradeFn.ALLOWANCE))
                .contains(new Allowance("2026-12-07", "r-1"));
        // Placing is the next invocation's job: nothing was sent to the exchange yet.
        assertThat(exchange.placeCalls()).isZero();
        assertThat(context.getSentMessages()).hasSize(1);
        assertThat(feed).extracting(FeedMessage::type).containsExactly("trade.requested");
        assertThat(feed.get(0).data().path("player").asText()).isEqualTo(PLAYER);
    }

    @Test
    void stepPlacesTheOrderAndStartsTheFillTimeout() throws Exception {
        apply(request("r-1"));

        deliverSent();

        assertThat(statuses())
                .containsExactly(TradeResult.Status.ACCEPTED, TradeResult.Status.SUBMITTED);
        TradeResult submitted = results.get(1);
        assertThat(submitted.orderId()).isEqualTo(9000L);
        assertThat(submitted.externalId()).isEqualTo("cp-r-1");
        assertThat(workflow().stage()).isEqualTo(TradeStage.SUBMITTED);
        SideEffects.SendAfterSideEffect timeout = lastDelayed();
        assertThat(timeout.duration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(timeout.message().as(Types.WORKFLOW_TIMER).kind())
                .isEqualTo(WorkflowTimer.Kind.TIMEOUT);
        assertThat(feed).extracting(FeedMessage::type).endsWith("trade.submitted");
    }

    @Test
    void secondRequestTheSameDayIsRejectedInProgressAndAfterTheFill() throws Exception {
        placeR1();

        apply(request("r-2"));
        assertThat(last().status()).isEqualTo(TradeResult.Status.REJECTED);
        assertThat(last().reason()).isEqualTo(DailyTradeFn.IN_PROGRESS);

        apply(fill(1, 9000, "0.0100", "64000.5"));
        apply(request("r-3"));
        assertThat(last().status()).isEqualTo(TradeResult.Status.REJECTED);
        assertThat(last().reason()).isEqualTo(DailyTradeFn.ALREADY_USED);
        assertThat(feed).extracting(FeedMessage::type).endsWith("trade.rejected");

        now = NEXT_DAY;
        apply(request("r-4"));
        assertThat(last().status()).isEqualTo(TradeResult.Status.ACCEPTED);
        assertThat(last().day()).isEqualTo("2026-12-08");
    }

    @Test
    void repeatedRequestGetsItsLatestAnswerAndCallsNothing() throws Exception {
        placeR1();
        int calls = exchange.calls.size();

        apply(request("r-1"));

        assertThat(last().status()).isEqualTo(TradeResult.Status.SUBMITTED);
        assertThat(exchange.calls).hasSize(calls);
        assertThat(workflow().stage()).isEqualTo(TradeStage.SUBMITTED);
    }

    @Test
    void transientFailureKeepsTheStageAndRetriesWithBackoff() throws Exception {
        exchange.placeFailures.add(ExchangeException.transientFailure("HTTP 503", null));
        exchange.placeFailures.add(ExchangeException.transientFailure("timed out", null));
        apply(request("r-1"));
        Message firstStep = context.getSentMessages().get(0).message();

        deliverSent();
        assertThat(workflow().stage()).isEqualTo(TradeStage.SIGNED);
        assertThat(lastDelayed().duration()).isEqualTo(Duration.ofSeconds(1));
        apply(lastDelayed().message());
        assertThat(lastDelayed().duration()).isEqualTo(Duration.ofSeconds(2));
        assertThat(statuses()).containsExactly(TradeResult.Status.ACCEPTED);

        // A stale step (of the first attempt) does nothing.
        apply(firstStep);
        assertThat(exchange.placeCalls()).isEqualTo(2);

        apply(lastDelayed().message());
        assertThat(statuses())
                .containsExactly(TradeResult.Status.ACCEPTED, TradeResult.Status.SUBMITTED);
        assertThat(exchange.orders).hasSize(1);
    }

    @Test
    void permanentRefusalRejectsWithTheExchangesCodeAndReleasesTheAllowance() throws Exception {
        exchange.placeFailures.add(
                ExchangeException.refused(1101, "Invalid StarkEx signature", null));
        apply(request("r-1"));
        deliverSent();

        assertThat(last().status()).isEqualTo(TradeResult.Status.REJECTED);
        assertThat(last().code()).isEqualTo(1101);
        assertThat(last().reason()).contains("Invalid StarkEx signature");
        assertThat(context.storage().get(DailyTradeFn.ALLOWANCE)).isEmpty();
        assertThat(feed).extracting(FeedMessage::type).endsWith("trade.rejected");

        apply(request("r-2"));
        assertThat(last().status()).isEqualTo(TradeResult.Status.ACCEPTED);
    }

    @Test
    void playerWithoutAccountIsRejected() throws Exception {
        exchange.planFailures.add(ExchangeException.refused(0, "no exchange account", null));

        apply(request("r-1"));

        assertThat(statuses())
                .containsExactly(TradeResult.Status.ACCEPTED, TradeResult.Status.REJECTED);
        assertThat(last().reason()).isEqualTo("no exchange account");
        assertThat(last().code()).isNull();
        assertThat(context.storage().get(DailyTradeFn.ALLOWANCE)).isEmpty();
    }

    @Test
    void signingGivesUpAfterItsAttemptsAsNothingWasSent() throws Exception {
        for (int i = 0; i < 3; i++) {
            exchange.planFailures.add(ExchangeException.transientFailure("HTTP 502", null));
        }
        apply(request("r-1"));
        apply(lastDelayed().message());
        apply(lastDelayed().message());

        assertThat(last().status()).isEqualTo(TradeResult.Status.REJECTED);
        assertThat(last().reason()).startsWith("exchange unavailable");
        assertThat(exchange.placeCalls()).isZero();
        assertThat(context.storage().get(DailyTradeFn.ALLOWANCE)).isEmpty();
    }

    @Test
    void fillsCompleteTheTradeWithAveragePriceAndFee() throws Exception {
        placeR1();

        apply(fill(1, 9000, "0.0040", "64000"));
        assertThat(workflow().stage()).isEqualTo(TradeStage.SUBMITTED);
        apply(fill(1, 9000, "0.0040", "64000")); // the same fill again (at-least-once source)
        apply(fill(2, 7777, "0.0060", "1")); // another order of the account
        apply(fill(3, 9000, "0.0060", "64010"));

        TradeResult done = last();
        assertThat(done.status()).isEqualTo(TradeResult.Status.FILLED);
        assertThat(done.filledQty()).isEqualTo("0.01");
        assertThat(done.avgPrice()).isEqualTo("64006");
        assertThat(done.fee()).isEqualTo("0.2");
        assertThat(done.reason()).isNull();
        FeedMessage completed = feed.get(feed.size() - 1);
        assertThat(completed.type()).isEqualTo("trade.completed");
        assertThat(completed.id()).isEqualTo("r-1:filled");
        assertThat(completed.data().path("player").asText()).isEqualTo(PLAYER);
        assertThat(context.storage().get(DailyTradeFn.ALLOWANCE)).isPresent();

        // The fill timeout that was scheduled does nothing any more.
        int before = results.size();
        apply(timeoutMessage());
        assertThat(results).hasSize(before);
        assertThat(exchange.calls).noneMatch(c -> c.startsWith("cancel"));
    }

    @Test
    void fillArrivingBeforeTheOrderIdIsKnownIsMatchedOnSubmit() throws Exception {
        apply(request("r-1"));
        Message step = context.getSentMessages().get(0).message();
        apply(fill(5, 9000, "0.0100", "64001")); // the placement's answer was slower than its fill

        apply(step);

        assertThat(statuses()).endsWith(TradeResult.Status.SUBMITTED, TradeResult.Status.FILLED);
        assertThat(last().filledQty()).isEqualTo("0.01");
    }

    @Test
    void timeoutCancelsAndReleasesTheAllowance() throws Exception {
        placeR1();

        apply(timeoutMessage());

        assertThat(statuses()).endsWith(TradeResult.Status.TIMED_OUT, TradeResult.Status.CANCELLED);
        assertThat(exchange.calls).contains("cancel cp-r-1", "order cp-r-1");
        assertThat(exchange.orders.get("cp-r-1").status()).isEqualTo("CANCELLED");
        assertThat(context.storage().get(DailyTradeFn.ALLOWANCE)).isEmpty();
        assertThat(feed).extracting(FeedMessage::type).endsWith("trade.cancelled");

        apply(request("r-2"));
        assertThat(last().status()).isEqualTo(TradeResult.Status.ACCEPTED);
    }

    @Test
    void timeoutRacingAFillFindsTheOrderFilled() throws Exception {
        placeR1();
        exchange.fill("cp-r-1", "0.0100000000000000", "64002.5000000000000000", "0.32");
        exchange.cancelFailures.add(ExchangeException.refused(1143, "order is not open", null));

        apply(timeoutMessage());

        TradeResult done = last();
        assertThat(done.status()).isEqualTo(TradeResult.Status.FILLED);
        assertThat(done.filledQty()).isEqualTo("0.01");
        assertThat(done.avgPrice()).isEqualTo("64002.5");
        assertThat(done.fee()).isEqualTo("0.32");
        assertThat(context.storage().get(DailyTradeFn.ALLOWANCE)).isPresent();

        // Its fill arriving late changes nothing.
        int before = results.size();
        apply(fill(1, 9000, "0.0100", "64002.5"));
        assertThat(results).hasSize(before);
    }

    @Test
    void cancelFailingTransientlyIsRetried() throws Exception {
        placeR1();
        exchange.cancelFailures.add(ExchangeException.transientFailure("HTTP 500", null));

        apply(timeoutMessage());
        assertThat(workflow().stage()).isEqualTo(TradeStage.TIMED_OUT);
        apply(lastDelayed().message());

        assertThat(last().status()).isEqualTo(TradeResult.Status.CANCELLED);
    }

    @Test
    void replayedPlacementAfterSignedPlacesNoSecondOrder() throws Exception {
        apply(request("r-1"));
        Message step = context.getSentMessages().get(0).message();
        TradeWorkflow signed = workflow();
        Allowance allowance = context.storage().get(DailyTradeFn.ALLOWANCE).orElseThrow();
        apply(step); // placed; then the runtime dies before the checkpoint

        // Restored from the checkpoint holding SIGNED, the runtime sends the step again.
        context = TestContext.forTarget(SELF);
        context.storage().set(DailyTradeFn.WORKFLOW, signed);
        context.storage().set(DailyTradeFn.ALLOWANCE, allowance);
        egressSeen = 0;
        apply(step);

        assertThat(exchange.placeCalls()).isEqualTo(2);
        assertThat(exchange.orders).hasSize(1);
        assertThat(workflow().orderId()).isEqualTo(9000L);
        assertThat(last().status()).isEqualTo(TradeResult.Status.SUBMITTED);
    }

    @Test
    void replayedRequestBeforeSigningIsSignedIdentically() throws Exception {
        apply(request("r-1"));
        TradeWorkflow first = workflow();

        context = TestContext.forTarget(SELF); // the request replayed from the input
        egressSeen = 0;
        apply(request("r-1"));

        assertThat(workflow().order()).isEqualTo(first.order());
    }

    @Test
    void requestForAnotherPlayerOrWithoutIdIsRejected() throws Exception {
        apply(new TradeRequest("r-9", "someoneElse", "BTC-USD", "BUY", "0.01"));
        assertThat(last().reason()).isEqualTo(DailyTradeFn.WRONG_PLAYER);
        apply(new TradeRequest(" ", PLAYER, "BTC-USD", "BUY", "0.01"));
        assertThat(last().reason()).isEqualTo(DailyTradeFn.MISSING_REQUEST_ID);

        apply(request("r-10"));
        assertThat(last().status()).isEqualTo(TradeResult.Status.ACCEPTED);
    }

    @Test
    void undecodableFillIsDroppedAndUnknownTypesFailLoudly() throws Exception {
        placeR1();
        apply(
                MessageBuilder.forAddress(SELF)
                        .withCustomType(Types.EXCHANGE_FILL, new byte[] {1, 2})
                        .build());
        assertThat(workflow().stage()).isEqualTo(TradeStage.SUBMITTED);

        Message other = MessageBuilder.forAddress(SELF).withValue("hello").build();
        assertThatThrownBy(() -> fn().apply(context, other).get())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown type");
    }

    @Test
    void answersOlderThanYesterdayAreDropped() {
        TradeResult old = TradeResult.rejected(request("a"), PLAYER, "x", "2026-12-05", 0);
        TradeResult recent = TradeResult.rejected(request("b"), PLAYER, "x", "2026-12-06", 0);
        Answers answers = Answers.empty().with(old, "2026-12-05").with(recent, "2026-12-06");

        assertThat(
                        answers.with(
                                        TradeResult.rejected(
                                                request("c"), PLAYER, "x", "2026-12-07", 0),
                                        "2026-12-07")
                                .byRequest())
                .containsOnlyKeys("b", "c");
    }

    // --- helpers

    private void placeR1() throws Exception {
        apply(request("r-1"));
        deliverSent();
        assertThat(last().status()).isEqualTo(TradeResult.Status.SUBMITTED);
    }

    private DailyTradeFn fn() {
        return new DailyTradeFn(Clock.fixed(now, ZoneOffset.UTC), exchange, SETTINGS);
    }

    private void apply(TradeRequest request) throws Exception {
        apply(MessageBuilder.forAddress(SELF).withCustomType(Types.TRADE_REQUEST, request).build());
    }

    private void apply(Message message) throws Exception {
        fn().apply(context, message).get();
        List<SideEffects.EgressSideEffect> sent = context.getSentEgressMessages();
        for (; egressSeen < sent.size(); egressSeen++) {
            EgressMessage egress = sent.get(egressSeen).message();
            KafkaProducerRecord record =
                    KafkaProducerRecord.parseFrom(egress.egressMessageValueBytes().toByteArray());
            assertThat(record.getKey()).isEqualTo(PLAYER);
            if (egress.targetEgressId().equals(Types.TRADE_RESULTS_EGRESS)) {
                assertThat(record.getTopic()).isEqualTo("wf.trade.results");
                results.add(
                        Types.TRADE_RESULT
                                .typeSerializer()
                                .deserialize(Slices.wrap(record.getValueBytes().toByteArray())));
            } else {
                assertThat(egress.targetEgressId()).isEqualTo(Types.TRADE_FEED_EGRESS);
                assertThat(record.getTopic()).isEqualTo("feed.trades");
                feed.add(FeedMessage.parse(record.getValueBytes().toStringUtf8()));
            }
        }
    }

    /** Delivers the (immediate) messages the function sent itself so far, once each. */
    private int delivered;

    private void deliverSent() throws Exception {
        List<SideEffects.SendSideEffect> sent = new ArrayList<>(context.getSentMessages());
        for (; delivered < sent.size(); delivered++) {
            apply(sent.get(delivered).message());
        }
    }

    private SideEffects.SendAfterSideEffect lastDelayed() {
        List<SideEffects.SendAfterSideEffect> delayed = context.getSentDelayedMessages();
        assertThat(delayed).isNotEmpty();
        return delayed.get(delayed.size() - 1);
    }

    private Message timeoutMessage() {
        return context.getSentDelayedMessages().stream()
                .map(SideEffects.SendAfterSideEffect::message)
                .filter(m -> m.as(Types.WORKFLOW_TIMER).kind() == WorkflowTimer.Kind.TIMEOUT)
                .reduce((a, b) -> b)
                .orElseThrow();
    }

    private TradeWorkflow workflow() {
        return context.storage().get(DailyTradeFn.WORKFLOW).orElseThrow();
    }

    private TradeResult last() {
        return results.get(results.size() - 1);
    }

    private List<TradeResult.Status> statuses() {
        return results.stream().map(TradeResult::status).toList();
    }

    private static TradeRequest request(String id) {
        return new TradeRequest(id, PLAYER, "BTC-USD", "BUY", "0.0100");
    }

    private static Message fill(long fillId, long orderId, String qty, String price)
            throws Exception {
        ExchangeFill fill =
                ExchangeFill.newBuilder()
                        .setVenue("extended")
                        .setFillId(fillId)
                        .setAccountId(3001)
                        .setPlayer(PLAYER)
                        .setMarket("BTC-USD")
                        .setOrderId(orderId)
                        .setSide(TradeSide.BUY)
                        .setPrice(price)
                        .setQty(qty)
                        .setValue("0")
                        .setFee("0.1")
                        .setIsTaker(true)
                        .setTradeType("TRADE")
                        .setCreatedTime(NOON)
                        .setReceivedVia("stream")
                        .build();
        ByteBuffer buffer = ExchangeFill.getEncoder().encode(fill);
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return MessageBuilder.forAddress(SELF).withCustomType(Types.EXCHANGE_FILL, bytes).build();
    }
}
