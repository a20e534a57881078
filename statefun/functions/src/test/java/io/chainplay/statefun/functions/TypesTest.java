package io.chainplay.statefun.functions;

import io.chainplay.statefun.functions.trade.DailyTradeState;
import io.chainplay.statefun.functions.trade.TradeRequest;
import io.chainplay.statefun.functions.trade.TradeResult;
import io.chainplay.statefun.functions.trade.TradeStage;

import org.apache.flink.statefun.sdk.java.slice.Slice;
import org.apache.flink.statefun.sdk.java.slice.Slices;
import org.apache.flink.statefun.sdk.java.types.Type;
import org.apache.flink.statefun.sdk.java.types.TypeSerializer;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
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

    @Test
    void tradeResultRoundTripsAndWritesStatusAsText() {
        TradeResult result =
                new TradeResult(
                        "r-1",
                        "p",
                        TradeResult.Status.REJECTED,
                        "daily trade already used",
                        "2026-12-07");
        assertThat(roundTrip(Types.TRADE_RESULT, result)).isEqualTo(result);
        String json =
                new String(
                        Types.TRADE_RESULT.typeSerializer().serialize(result).toByteArray(),
                        StandardCharsets.UTF_8);
        assertThat(json).contains("\"status\":\"REJECTED\"").contains("\"day\":\"2026-12-07\"");
    }

    @Test
    void dailyTradeStateRoundTrips() {
        TradeResult accepted =
                new TradeResult("r-1", "p", TradeResult.Status.ACCEPTED, null, "2026-12-07");
        DailyTradeState state =
                new DailyTradeState(
                        "2026-12-07", TradeStage.ACCEPTED, "r-1", Map.of("r-1", accepted));
        assertThat(roundTrip(Types.DAILY_TRADE_STATE, state)).isEqualTo(state);
    }

    @Test
    void exchangeFillKeepsTheBytesAsTheyAre() {
        byte[] avro = {0, 1, 2, (byte) 0xff, 42};
        assertThat(roundTrip(Types.EXCHANGE_FILL, avro)).containsExactly(avro);
        assertThat(Types.EXCHANGE_FILL.typeName().asTypeNameString())
                .isEqualTo("chainplay/ExchangeFill");
    }
}
