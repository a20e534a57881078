package io.chainplay.connectors.exchange.source.reader;

import io.chainplay.connectors.exchange.fills.ApiKeyRef;
import io.chainplay.connectors.exchange.fills.PlayerAccount;
import io.chainplay.connectors.exchange.rest.TradesPage;
import io.chainplay.connectors.exchange.source.ExchangeRecord;
import io.chainplay.connectors.exchange.source.split.FillsSplit;
import io.chainplay.connectors.exchange.stream.StreamEvent;
import io.chainplay.schemas.Topics;
import io.chainplay.schemas.dlq.DeadLetter;
import io.chainplay.schemas.exchange.ExchangeFill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Catch-up paging, dedup against the cursor and the stream, ranges and dead letters. */
class AccountFillsTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String WALLET = "9WzDXwBbmkg8ZTbNMqUxvQRAyrZzDsGYdLVL9zYtAWWM";
    static final PlayerAccount ACCOUNT = new PlayerAccount(7, WALLET, ApiKeyRef.literal("k"));

    /** A history served newest first, as GET /user/trades does; records the calls. */
    static final class History implements TradePages {
        final TreeMap<Long, JsonNode> trades = new TreeMap<>();
        final List<Long> cursors = new ArrayList<>();

        History add(long id, long createdTime) {
            trades.put(id, trade(id, createdTime));
            return this;
        }

        History put(JsonNode trade) {
            trades.put(trade.path("id").asLong(), trade);
            return this;
        }

        @Override
        public TradesPage trades(Long cursor, int limit) {
            cursors.add(cursor);
            List<JsonNode> page = new ArrayList<>();
            for (JsonNode t : trades.descendingMap().values()) {
                if ((cursor == null || t.path("id").asLong() < cursor) && page.size() < limit) {
                    page.add(t);
                }
            }
            return new TradesPage(
                    page, page.isEmpty() ? null : page.get(page.size() - 1).path("id").asLong());
        }
    }

    static ObjectNode trade(long id, long createdTime) {
        ObjectNode t = JSON.createObjectNode();
        t.put("id", id);
        t.put("accountId", 7);
        t.put("market", "BTC-USD");
        t.put("orderId", id * 10);
        t.put("side", id % 2 == 0 ? "BUY" : "SELL");
        t.put("price", "64000.0000000000000000");
        t.put("qty", "0.0010000000000000");
        t.put("value", "64.0000000000000000");
        t.put("fee", "0.0320000000000000");
        t.put("isTaker", true);
        t.put("tradeType", "TRADE");
        t.put("createdTime", createdTime);
        return t;
    }

    static FillsSplit live(long cursor) {
        return new FillsSplit(7, WALLET, cursor, Long.MIN_VALUE, FillsSplit.LIVE);
    }

    static List<Long> ids(List<ExchangeRecord> records) {
        return records.stream().map(r -> r.fillId).toList();
    }

    static StreamEvent.Trades message(long seq, JsonNode... trades) {
        return new StreamEvent.Trades(1, seq, List.of(trades), new byte[0]);
    }

    @Test
    void aFirstCatchUpPagesThroughTheWholeHistoryAndEmitsItOldestFirst() throws Exception {
        History history = new History();
        for (long id = 101; id <= 125; id++) {
            history.add(id, 1_000 + id);
        }
        AccountFills fills = new AccountFills(live(0), ACCOUNT, history, 10);

        List<ExchangeRecord> records = fills.catchUp();

        assertThat(ids(records)).containsExactlyElementsOf(range(101, 125));
        assertThat(history.cursors).containsExactly(null, 116L, 106L, 101L);
        assertThat(fills.catchUpPages).isEqualTo(4);
        assertThat(fills.cursor()).isEqualTo(125);
        ExchangeFill first = Topics.RAW_EXCHANGE_FILLS.deserializeValue(records.get(0).value);
        assertThat(first.getFillId()).isEqualTo(101);
        assertThat(first.getPlayer()).isEqualTo(WALLET);
        assertThat(first.getReceivedVia()).isEqualTo("rest");
        assertThat(records.get(0).timestamp).isEqualTo(1_101);
        assertThat(records.get(0).player).isEqualTo(WALLET);
    }

    @Test
    void aCatchUpStopsAtTheCursorSoARestoreRepeatsNothing() throws Exception {
        History history = new History();
        for (long id = 101; id <= 125; id++) {
            history.add(id, 1_000 + id);
        }
        AccountFills fills = new AccountFills(live(118), ACCOUNT, history, 5);

        assertThat(ids(fills.catchUp())).containsExactly(119L, 120L, 121L, 122L, 123L, 124L, 125L);
        // Pages of 5: 125..121, then 120..116 holds the cursor; nothing older is asked for.
        assertThat(history.cursors).containsExactly(null, 121L);
        // Nothing new: one page, no record.
        assertThat(fills.catchUp()).isEmpty();
    }

    @Test
    void streamFillsTheCatchUpAlreadyEmittedAreDroppedAndNewOnesKeptInIdOrder() throws Exception {
        History history = new History().add(1, 10).add(2, 20).add(3, 30);
        AccountFills fills = new AccountFills(live(0), ACCOUNT, history, 100);
        assertThat(ids(fills.catchUp())).containsExactly(1L, 2L, 3L);

        // The connection's first TRADE carried 3 (also in the REST page) and 4; then 6 before 5
        // in one message.
        assertThat(ids(fills.onTrades(message(4, trade(3, 30), trade(4, 40))))).containsExactly(4L);
        assertThat(ids(fills.onTrades(message(5, trade(6, 60), trade(5, 50)))))
                .containsExactly(5L, 6L);
        assertThat(ids(fills.onTrades(message(6, trade(6, 60))))).isEmpty();
        assertThat(fills.duplicatesDropped).isEqualTo(2);
        ExchangeFill four =
                Topics.RAW_EXCHANGE_FILLS.deserializeValue(
                        fills.onTrades(message(7, trade(7, 70))).get(0).value);
        assertThat(four.getReceivedVia()).isEqualTo("stream");

        // A gap: the catch-up finds what the stream lost (8, 9) and no more.
        history.add(4, 40).add(5, 50).add(6, 60).add(7, 70).add(8, 80).add(9, 90);
        assertThat(ids(fills.catchUp())).containsExactly(8L, 9L);
    }

    @Test
    void aBoundedRangeKeepsExactlyTheFillsCreatedInside() throws Exception {
        History history = new History();
        for (long id = 1; id <= 50; id++) {
            history.add(id, id * 100);
        }
        FillsSplit range = new FillsSplit(7, WALLET, 0, 1_000, 2_000); // [1000, 2000)
        AccountFills fills = new AccountFills(range, ACCOUNT, history, 7);

        assertThat(ids(fills.catchUp())).containsExactlyElementsOf(range(10, 19));
        // It stopped at the first page holding a fill created before the range.
        assertThat(history.cursors).hasSizeLessThanOrEqualTo(7);
        assertThat(history.cursors).doesNotContain(8L);
    }

    @Test
    void aBadTradeBecomesADeadLetterWithItsRawBytesInItsPlace() throws Exception {
        ObjectNode bad = trade(2, 20);
        bad.put("side", "HOLD");
        History history = new History().add(1, 10).put(bad).add(3, 30);
        AccountFills fills = new AccountFills(live(0), ACCOUNT, history, 100);

        List<ExchangeRecord> records = fills.catchUp();

        assertThat(ids(records)).containsExactly(1L, 2L, 3L);
        ExchangeRecord dead = records.get(1);
        assertThat(dead.type).isEqualTo(ExchangeRecord.Type.DEAD_LETTER);
        DeadLetter letter = Topics.DLQ_EXCHANGE.deserializeValue(dead.value);
        assertThat(letter.getReason()).contains("unknown side 'HOLD'");
        assertThat(letter.getPosition()).contains("account 7").contains("fill 2");
        assertThat(StandardCharsets.UTF_8.decode(letter.getValue()).toString())
                .isEqualTo(bad.toString());
        assertThat(fills.cursor()).isEqualTo(3);
        // A message that is not JSON at all is a dead letter too.
        ExchangeRecord malformed =
                fills.onMalformed(
                        new StreamEvent.Malformed(
                                2, "{oops".getBytes(StandardCharsets.UTF_8), "not JSON"));
        DeadLetter letter2 = Topics.DLQ_EXCHANGE.deserializeValue(malformed.value);
        assertThat(StandardCharsets.UTF_8.decode(letter2.getValue()).toString()).isEqualTo("{oops");
        assertThat(malformed.fillId).isZero();
    }

    static List<Long> range(long from, long to) {
        List<Long> ids = new ArrayList<>();
        for (long id = from; id <= to; id++) {
            ids.add(id);
        }
        return ids;
    }
}
