package io.chainplay.statefun.functions;

import io.chainplay.statefun.functions.exchange.OrderPlan;
import io.chainplay.statefun.functions.trade.Allowance;
import io.chainplay.statefun.functions.trade.Answers;
import io.chainplay.statefun.functions.trade.FillPart;
import io.chainplay.statefun.functions.trade.TradeRequest;
import io.chainplay.statefun.functions.trade.TradeResult;
import io.chainplay.statefun.functions.trade.TradeStage;
import io.chainplay.statefun.functions.trade.TradeWorkflow;
import io.chainplay.statefun.functions.trade.WorkflowTimer;

import org.apache.flink.statefun.sdk.java.slice.Slice;
import org.apache.flink.statefun.sdk.java.slice.Slices;
import org.apache.flink.statefun.sdk.java.types.Type;
import org.apache.flink.statefun.sdk.java.types.TypeSerializer;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Round trips of every {@link Types} type (TestContext keeps values unserialized). */
class TypesTest {

    private static <T> T roundTrip(Type<T> type, T value) {
        TypeSerializer<T> serializer = type.typeSerializer();
        Slice bytes = serializer.serialize(value);
        return serializer.deserialize(Slices.wrap(bytes.toByteArray()));
    }

    @Test
    void tradeRequestRoundTrips() {
        TradeRequest request = new TradeRequest("r-1", "Pl4yer", "BTC-USD", "BUY", "0.0100");
        assertThat(roundTrip(Types.TRADE_REQUEST, request)).isEqualTo(request);
    }

    @Test
    void tradeRequestReadsTheProducersJsonAndIgnoresUnknownFields() {
        String json =
                "{\"requestId\":\"r-2\",\"player\":\"p\",\"market\":\"ETH-USD\",\"side\":\"SELL\","
                        + "\"qty\":\"1.5\",\"clientTag\":\"web\"}";
        TradeRequest request =
                Types.TRADE_REQUEST
                        .typeSerializer()
                        .deserialize(Slices.wrap(json.getBytes(StandardCharsets.UTF_8)));
        assertThat(request).isEqualTo(new TradeRequest("r-2", "p", "ETH-USD", "SELL", "1.5"));
    }

    private static final TradeResult REJECTED =
            new TradeResult(
                    "r-1",
                    "p",
                    TradeResult.Status.REJECTED,
                    "daily trade already used",
                    null,
                    "2026-12-07",
                    "BTC-USD",
                    "BUY",
                    "0.01",
                    null,
                    null,
                    null,
                    null,
                    null,
                    1L,
                    2L);

    @Test
    void tradeResultRoundTripsAndWritesStatusAsText() {
        assertThat(roundTrip(Types.TRADE_RESULT, REJECTED)).isEqualTo(REJECTED);
        String json =
                new String(
                        Types.TRADE_RESULT.typeSerializer().serialize(REJECTED).toByteArray(),
                        StandardCharsets.UTF_8);
        assertThat(json).contains("\"status\":\"REJECTED\"").contains("\"day\":\"2026-12-07\"");
    }

    @Test
    void workflowStateRoundTrips() {
        TradeWorkflow wf =
                new TradeWorkflow(
                        new TradeRequest("r-1", "p", "BTC-USD", "BUY", "0.01"),
                        "2026-12-07",
                        TradeStage.SUBMITTED,
                        2,
                        new OrderPlan(
                                "cp-r-1", "BTC-USD", "BUY", "0.01", "64000.1", "0.0005", 9L, 7L,
                                "{}"),
                        42L,
                        List.of(new FillPart(1, 42, "64000", "0.004", "0.1")),
                        List.of(),
                        1L,
                        2L);
        assertThat(roundTrip(Types.TRADE_WORKFLOW, wf)).isEqualTo(wf);
        Allowance allowance = new Allowance("2026-12-07", "r-1");
        assertThat(roundTrip(Types.ALLOWANCE, allowance)).isEqualTo(allowance);
        Answers answers = new Answers(Map.of("r-1", REJECTED));
        assertThat(roundTrip(Types.ANSWERS, answers)).isEqualTo(answers);
        WorkflowTimer timer = new WorkflowTimer("r-1", WorkflowTimer.Kind.TIMEOUT, 3);
        assertThat(roundTrip(Types.WORKFLOW_TIMER, timer)).isEqualTo(timer);
    }

    @Test
    void exchangeFillKeepsTheBytesAsTheyAre() {
        byte[] avro = {0, 1, 2, (byte) 0xff, 42};
        assertThat(roundTrip(Types.EXCHANGE_FILL, avro)).containsExactly(avro);
        assertThat(Types.EXCHANGE_FILL.typeName().asTypeNameString())
                .isEqualTo("chainplay/ExchangeFill");
    }
}
