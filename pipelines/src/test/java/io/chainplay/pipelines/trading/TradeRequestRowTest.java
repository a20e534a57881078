package io.chainplay.pipelines.trading;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The workflow's answers as statefun/functions' TradeResult writes them. */
class TradeRequestRowTest {

    static TradeRequestRow parse(String json) {
        return TradeRequestRow.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsAFilledAnswer() {
        TradeRequestRow row =
                parse(
                        "{\"requestId\":\"r-1\",\"player\":\"P\",\"status\":\"FILLED\",\"reason\":null,"
                                + "\"code\":null,\"day\":\"2026-12-07\",\"market\":\"BTC-USD\","
                                + "\"side\":\"BUY\",\"qty\":\"0.001\",\"externalId\":\"cp-r-1\","
                                + "\"orderId\":7535734445106535043,\"filledQty\":\"0.001\","
                                + "\"avgPrice\":\"64337.3\",\"fee\":\"0.03217\","
                                + "\"requestedAt\":1796659258614,\"updatedAt\":1796659258950}");

        assertThat(row.requestId).isEqualTo("r-1");
        assertThat(row.status).isEqualTo("FILLED");
        assertThat(row.statusRank).isEqualTo(4);
        assertThat(row.code).isNull();
        assertThat(row.orderId).isEqualTo(7535734445106535043L);
        assertThat(row.avgPrice).isEqualTo("64337.3");
        assertThat(row.updatedAt).isEqualTo(1796659258950L);
    }

    @Test
    void ranksOnlyMoveForward() {
        assertThat(TradeRequestRow.RANKS.get("ACCEPTED"))
                .isLessThan(TradeRequestRow.RANKS.get("SUBMITTED"));
        assertThat(TradeRequestRow.RANKS.get("SUBMITTED"))
                .isLessThan(TradeRequestRow.RANKS.get("TIMED_OUT"));
        assertThat(TradeRequestRow.RANKS.get("TIMED_OUT"))
                .isLessThan(TradeRequestRow.RANKS.get("CANCELLED"))
                .isLessThan(TradeRequestRow.RANKS.get("FILLED"));
    }

    @Test
    void saysWhatIsWrong() {
        assertThatThrownBy(() -> parse("not json")).hasMessageStartingWith("not JSON");
        assertThatThrownBy(() -> parse("[1]")).hasMessage("not a JSON object");
        assertThatThrownBy(() -> parse("{\"player\":\"P\",\"status\":\"FILLED\"}"))
                .hasMessage("requestId is missing");
        assertThatThrownBy(
                        () -> parse("{\"requestId\":\"r\",\"player\":\"P\",\"status\":\"MAYBE\"}"))
                .hasMessage("unknown status MAYBE");
        assertThatThrownBy(
                        () ->
                                parse(
                                        "{\"requestId\":\"r\",\"player\":\"P\",\"status\":\"FILLED\","
                                                + "\"fee\":\"1e\",\"requestedAt\":1,\"updatedAt\":1}"))
                .hasMessage("fee is not a decimal: 1e");
        assertThatThrownBy(
                        () -> parse("{\"requestId\":\"r\",\"player\":\"P\",\"status\":\"FILLED\"}"))
                .hasMessage("requestedAt and updatedAt must be epoch millis");
    }
}
