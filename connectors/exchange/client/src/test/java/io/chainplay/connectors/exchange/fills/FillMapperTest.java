package io.chainplay.connectors.exchange.fills;

import io.chainplay.schemas.exchange.ExchangeFill;
import io.chainplay.schemas.exchange.TradeSide;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The recorded TRADE message (x10 python SDK) mapped to ExchangeFill, and every refusal. */
class FillMapperTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String WALLET = "9WzDXwBbmkg8ZTbNMqUxvQRAyrZzDsGYdLVL9zYtAWWM";
    static final PlayerAccount ACCOUNT_3004 =
            new PlayerAccount(3004, WALLET, ApiKeyRef.literal("test-key"));

    static JsonNode recordedTrade() throws Exception {
        try (InputStream in =
                FillMapperTest.class.getResourceAsStream(
                        "/fixtures/extended/extended_stream_messages.json")) {
            JsonNode message = JSON.readTree(in).path("account_update_trade");
            assertThat(message.path("type").asText()).isEqualTo("TRADE");
            return message.path("data").path("trades").get(0);
        }
    }

    @Test
    void theRecordedTradeMessageMapsFieldForFieldKeepingTheDecimalStrings() throws Exception {
        ExchangeFill fill = FillMapper.toFill(recordedTrade(), ACCOUNT_3004, FillMapper.VIA_STREAM);

        assertThat(fill.getVenue()).isEqualTo("extended");
        // Above 2^53: must survive as a long, not pass through a double.
        assertThat(fill.getFillId()).isEqualTo(1811328331296018432L);
        assertThat(fill.getAccountId()).isEqualTo(3004);
        assertThat(fill.getPlayer()).isEqualTo(WALLET);
        assertThat(fill.getMarket()).isEqualTo("BTC-USD");
        assertThat(fill.getOrderId()).isEqualTo(1811328331287359488L);
        assertThat(fill.getSide()).isEqualTo(TradeSide.BUY);
        assertThat(fill.getPrice()).isEqualTo("58249.8000000000000000");
        assertThat(fill.getQty()).isEqualTo("0.0010000000000000");
        assertThat(fill.getValue()).isEqualTo("58.2498000000000000");
        assertThat(fill.getFee()).isEqualTo("0.0291240000000000");
        assertThat(fill.getIsTaker()).isTrue();
        assertThat(fill.getTradeType()).isEqualTo("TRADE");
        assertThat(fill.getCreatedTime()).isEqualTo(Instant.ofEpochMilli(1720689301691L));
        assertThat(fill.getReceivedVia()).isEqualTo("stream");
    }

    @Test
    void badFieldsAreRefusedWithAReasonNamingTheField() throws Exception {
        record Case(String field, Object value, String reason) {}
        Case[] cases = {
            new Case("side", "HOLD", "unknown side 'HOLD'"),
            new Case("side", null, "side is missing"),
            new Case("price", "abc", "price is not a decimal number"),
            new Case("qty", "0", "qty must be positive"),
            new Case("qty", "-0.001", "qty must be positive"),
            new Case("fee", true, "fee is not a decimal number"),
            new Case("orderId", "12x", "orderId is not an integer"),
            new Case("createdTime", null, "createdTime is missing"),
            new Case("market", "", "market is not a non-empty string"),
            new Case("isTaker", "yes", "isTaker is missing or not a boolean"),
            new Case(
                    "accountId",
                    3005,
                    "fill of account 3005 arrived on the connection of account 3004"),
            new Case("id", "x", "id is not an integer"),
        };
        for (Case c : cases) {
            ObjectNode trade = (ObjectNode) recordedTrade().deepCopy();
            if (c.value() == null) {
                trade.remove(c.field());
            } else {
                trade.set(c.field(), JSON.valueToTree(c.value()));
            }
            assertThatThrownBy(() -> FillMapper.toFill(trade, ACCOUNT_3004, FillMapper.VIA_REST))
                    .as(c.field() + "=" + c.value())
                    .isInstanceOf(InvalidFillException.class)
                    .hasMessageContaining(c.reason());
        }
    }

    @Test
    void aRefusedTradeStillTellsItsIdWhenReadable() throws Exception {
        ObjectNode trade = (ObjectNode) recordedTrade().deepCopy();
        trade.put("side", "HOLD");
        InvalidFillException e =
                org.junit.jupiter.api.Assertions.assertThrows(
                        InvalidFillException.class,
                        () -> FillMapper.toFill(trade, ACCOUNT_3004, FillMapper.VIA_REST));
        assertThat(e.fillId()).isEqualTo(1811328331296018432L);

        trade.put("id", "not-a-number");
        e =
                org.junit.jupiter.api.Assertions.assertThrows(
                        InvalidFillException.class,
                        () -> FillMapper.toFill(trade, ACCOUNT_3004, FillMapper.VIA_REST));
        assertThat(e.fillId()).isNull();
    }

    @Test
    void notAnObjectIsRefused() {
        assertThatThrownBy(
                        () ->
                                FillMapper.toFill(
                                        JSON.valueToTree("x"), ACCOUNT_3004, FillMapper.VIA_REST))
                .isInstanceOf(InvalidFillException.class)
                .hasMessageContaining("not a JSON object");
    }
}
