package io.chainplay.statefun.functions.trade;

import io.chainplay.statefun.functions.Types;

import org.apache.flink.statefun.sdk.egress.generated.KafkaProducerRecord;
import org.apache.flink.statefun.sdk.java.Address;
import org.apache.flink.statefun.sdk.java.message.EgressMessage;
import org.apache.flink.statefun.sdk.java.message.Message;
import org.apache.flink.statefun.sdk.java.message.MessageBuilder;
import org.apache.flink.statefun.sdk.java.testing.SideEffects;
import org.apache.flink.statefun.sdk.java.testing.TestContext;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DailyTradeFnTest {

    private static final String PLAYER = "7xKXtg2CW87d97TXJSDpbD5jBkheTqA83TZRuJosgAsU";
    private static final Address SELF = new Address(DailyTradeFn.TYPENAME, PLAYER);

    // 2026-12-07 23:59 UTC and, a minute later, the next UTC day.
    private static final Instant LATE = Instant.parse("2026-12-07T23:59:00Z");
    private static final Instant NEXT_DAY = Instant.parse("2026-12-08T00:00:30Z");

    private final TestContext context = TestContext.forTarget(SELF);

    @Test
    void firstRequestOfTheDayIsAccepted() throws Exception {
        TradeResult result = apply(LATE, request("r-1"));

        assertThat(result)
                .isEqualTo(
                        new TradeResult(
                                "r-1", PLAYER, TradeResult.Status.ACCEPTED, null, "2026-12-07"));
        DailyTradeState state = context.storage().get(DailyTradeFn.STATE).orElseThrow();
        assertThat(state.stage()).isEqualTo(TradeStage.ACCEPTED);
        assertThat(state.acceptedRequestId()).isEqualTo("r-1");
    }

    @Test
    void secondRequestTheSameDayIsRejected() throws Exception {
        apply(LATE, request("r-1"));

        TradeResult second = apply(LATE.plusSeconds(30), request("r-2"));

        assertThat(second.status()).isEqualTo(TradeResult.Status.REJECTED);
        assertThat(second.reason()).isEqualTo("daily trade already used");
        assertThat(second.day()).isEqualTo("2026-12-07");
        assertThat(context.storage().get(DailyTradeFn.STATE).orElseThrow().acceptedRequestId())
                .isEqualTo("r-1");
    }

    @Test
    void repeatedRequestGetsTheSameAnswer() throws Exception {
        TradeResult accepted = apply(LATE, request("r-1"));
        TradeResult rejected = apply(LATE, request("r-2"));

        // Replayed after a restore, even on the next day: the answers given stand.
        assertThat(apply(LATE.plusSeconds(10), request("r-1"))).isEqualTo(accepted);
        assertThat(apply(NEXT_DAY, request("r-2"))).isEqualTo(rejected);
    }

    @Test
    void nextUtcDayHasANewAllowance() throws Exception {
        apply(LATE, request("r-1"));

        TradeResult tomorrow = apply(NEXT_DAY, request("r-3"));

        assertThat(tomorrow.status()).isEqualTo(TradeResult.Status.ACCEPTED);
        assertThat(tomorrow.day()).isEqualTo("2026-12-08");
        assertThat(apply(NEXT_DAY, request("r-4")).status()).isEqualTo(TradeResult.Status.REJECTED);
    }

    @Test
    void answersOlderThanYesterdayAreDropped() throws Exception {
        apply(LATE, request("r-1"));
        apply(NEXT_DAY, request("r-2"));
        apply(NEXT_DAY.plusSeconds(86_400), request("r-3"));

        assertThat(context.storage().get(DailyTradeFn.STATE).orElseThrow().answers())
                .containsOnlyKeys("r-2", "r-3");
    }

    @Test
    void requestForAnotherPlayerIsRejected() throws Exception {
        TradeResult result =
                apply(LATE, new TradeRequest("r-9", "someoneElse", "BTC-USD", "BUY", "0.01"));

        assertThat(result.status()).isEqualTo(TradeResult.Status.REJECTED);
        assertThat(result.reason()).isEqualTo(DailyTradeFn.WRONG_PLAYER);
        assertThat(apply(LATE, request("r-10")).status()).isEqualTo(TradeResult.Status.ACCEPTED);
    }

    @Test
    void fillsAreAcceptedAndChangeNothingYet() throws Exception {
        Message fill =
                MessageBuilder.forAddress(SELF)
                        .withCustomType(Types.EXCHANGE_FILL, new byte[] {1, 2, 3})
                        .build();

        new DailyTradeFn(Clock.fixed(LATE, ZoneOffset.UTC)).apply(context, fill).get();

        assertThat(context.getSentEgressMessages()).isEmpty();
        assertThat(context.storage().get(DailyTradeFn.STATE)).isEmpty();
    }

    @Test
    void unknownMessageTypesFailLoudly() {
        Message other = MessageBuilder.forAddress(SELF).withValue("hello").build();

        assertThatThrownBy(() -> new DailyTradeFn(Clock.systemUTC()).apply(context, other).get())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown type");
    }

    private static TradeRequest request(String id) {
        return new TradeRequest(id, PLAYER, "BTC-USD", "BUY", "0.0100");
    }

    /** Applies one request at {@code now} and returns the one result it sent to the egress. */
    private TradeResult apply(Instant now, TradeRequest request) throws Exception {
        int before = context.getSentEgressMessages().size();
        Message message =
                MessageBuilder.forAddress(SELF)
                        .withCustomType(Types.TRADE_REQUEST, request)
                        .build();

        new DailyTradeFn(Clock.fixed(now, ZoneOffset.UTC)).apply(context, message).get();

        List<SideEffects.EgressSideEffect> sent = context.getSentEgressMessages();
        assertThat(sent).hasSize(before + 1);
        EgressMessage egress = sent.get(before).message();
        assertThat(egress.targetEgressId()).isEqualTo(Types.TRADE_RESULTS_EGRESS);
        KafkaProducerRecord record =
                KafkaProducerRecord.parseFrom(egress.egressMessageValueBytes().toByteArray());
        assertThat(record.getTopic()).isEqualTo("wf.trade.results");
        assertThat(record.getKey()).isEqualTo(PLAYER);
        return Types.TRADE_RESULT
                .typeSerializer()
                .deserialize(
                        org.apache.flink.statefun.sdk.java.slice.Slices.wrap(
                                record.getValueBytes().toByteArray()));
    }
}
