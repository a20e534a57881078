package io.chainplay.local;

import io.chainplay.schemas.Topics;
import io.chainplay.schemas.earnings.EarningsDue;
import io.chainplay.schemas.exchange.ExchangeFill;
import io.chainplay.schemas.exchange.TradeSide;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class TopicTailTest {

    @Test
    void printsEarningsDueRecordsAsJson() {
        EarningsDue due =
                EarningsDue.newBuilder()
                        .setId("earnings:P1:1795323585")
                        .setProgram("GtaYPUCEphDV1YgsS6VnBpTkkJwpuaQZf3ptFssyNvKU")
                        .setPlayer("P1")
                        .setDueAt(Instant.ofEpochSecond(1795323585))
                        .setEarningsAdded(991)
                        .setTotalPending(991)
                        .setBusinessCount(1)
                        .setDailyEarnings(2520000)
                        .setLastProgramUpdate(Instant.ofEpochSecond(1795323285))
                        .setNextDueAt(Instant.ofEpochSecond(1795323885))
                        .build();

        String printed =
                TopicTail.formatter("earnings.due").apply(Topics.EARNINGS_DUE.serializeValue(due));

        assertThat(printed).isEqualTo(due.toString()).contains("\"earningsAdded\": 991");
    }

    @Test
    void printsFeedsAsTheyAreAndSaysWhatItCannotDecode() {
        byte[] feed = "{\"type\":\"earnings.updated\"}".getBytes(StandardCharsets.UTF_8);

        assertThat(TopicTail.formatter("feed.earnings").apply(feed))
                .isEqualTo("{\"type\":\"earnings.updated\"}");
        assertThat(TopicTail.formatter("dlq.earnings").apply(new byte[] {1, 2, 3}))
                .startsWith("(3 bytes, not decodable");
    }

    @Test
    void printsExchangeFillsAsJson() {
        ExchangeFill fill =
                ExchangeFill.newBuilder()
                        .setVenue("extended")
                        .setFillId(1811328331296018432L)
                        .setAccountId(3004)
                        .setPlayer("P1")
                        .setMarket("BTC-USD")
                        .setOrderId(1811328331287359488L)
                        .setSide(TradeSide.BUY)
                        .setPrice("58249.8000000000000000")
                        .setQty("0.0010000000000000")
                        .setValue("58.2498000000000000")
                        .setFee("0.0291240000000000")
                        .setIsTaker(true)
                        .setTradeType("TRADE")
                        .setCreatedTime(Instant.ofEpochMilli(1720689301691L))
                        .setReceivedVia("stream")
                        .build();

        String printed =
                TopicTail.formatter("raw.exchange.fills")
                        .apply(Topics.RAW_EXCHANGE_FILLS.serializeValue(fill));

        assertThat(printed).isEqualTo(fill.toString()).contains("\"fillId\": 1811328331296018432");
    }
}
