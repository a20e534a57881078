package io.chainplay.connectors.exchange.fills;

import io.chainplay.schemas.exchange.ExchangeFill;
import io.chainplay.schemas.exchange.TradeSide;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Maps one Extended {@code AccountTradeModel} JSON object (an element of a stream {@code TRADE}
 * message's {@code data.trades}, or of {@code GET /api/v1/user/trades}' {@code data}) to the {@link
 * ExchangeFill} record of {@code raw.exchange.fills}.
 *
 * <p>Decimals are kept as the exchange wrote them (Extended sends strings with 16 fraction digits),
 * after checking that they parse; nothing is rounded. Anything the record cannot carry faithfully
 * is refused with an {@link InvalidFillException} whose message names the field, so that the dead
 * letter tells an operator what was wrong.
 */
public final class FillMapper {

    /** {@code venue} of every fill this maps. */
    public static final String VENUE = "extended";

    public static final String VIA_STREAM = "stream";
    public static final String VIA_REST = "rest";

    private FillMapper() {}

    /**
     * @param trade the AccountTradeModel object
     * @param account the account whose trades are being read; a fill of another account is refused
     *     (it would be attributed to the wrong player)
     * @param receivedVia {@link #VIA_STREAM} or {@link #VIA_REST}
     */
    public static ExchangeFill toFill(JsonNode trade, PlayerAccount account, String receivedVia)
            throws InvalidFillException {
        if (trade == null || !trade.isObject()) {
            throw new InvalidFillException(
                    "trade is not a JSON object: " + (trade == null ? "null" : trade.getNodeType()),
                    null);
        }
        Long id = null;
        JsonNode idNode = trade.get("id");
        if (idNode != null && idNode.canConvertToExactIntegral() && idNode.canConvertToLong()) {
            id = idNode.longValue();
        }
        long fillId = integral(trade, "id", id);
        long accountId = integral(trade, "accountId", id);
        if (accountId != account.accountId()) {
            throw new InvalidFillException(
                    "fill of account "
                            + accountId
                            + " arrived on the connection of account "
                            + account.accountId(),
                    id);
        }
        String market = text(trade, "market", id);
        long orderId = integral(trade, "orderId", id);
        String sideText = text(trade, "side", id);
        TradeSide side;
        switch (sideText) {
            case "BUY" -> side = TradeSide.BUY;
            case "SELL" -> side = TradeSide.SELL;
            default ->
                    throw new InvalidFillException(
                            "unknown side '" + sideText + "' (expected BUY or SELL)", id);
        }
        String price = decimal(trade, "price", id);
        String qty = decimal(trade, "qty", id);
        if (new BigDecimal(qty).signum() <= 0) {
            throw new InvalidFillException("qty must be positive, got " + qty, id);
        }
        String value = decimal(trade, "value", id);
        String fee = decimal(trade, "fee", id);
        JsonNode taker = trade.get("isTaker");
        if (taker == null || !taker.isBoolean()) {
            throw new InvalidFillException("isTaker is missing or not a boolean", id);
        }
        String tradeType = text(trade, "tradeType", id);
        long createdTime = integral(trade, "createdTime", id);
        if (fillId <= 0) {
            throw new InvalidFillException("id must be positive, got " + fillId, id);
        }
        return ExchangeFill.newBuilder()
                .setVenue(VENUE)
                .setFillId(fillId)
                .setAccountId(accountId)
                .setPlayer(account.player())
                .setMarket(market)
                .setOrderId(orderId)
                .setSide(side)
                .setPrice(price)
                .setQty(qty)
                .setValue(value)
                .setFee(fee)
                .setIsTaker(taker.booleanValue())
                .setTradeType(tradeType)
                .setCreatedTime(Instant.ofEpochMilli(createdTime))
                .setReceivedVia(receivedVia)
                .build();
    }

    private static long integral(JsonNode trade, String field, Long id)
            throws InvalidFillException {
        JsonNode node = trade.get(field);
        if (node == null || node.isNull()) {
            throw new InvalidFillException(field + " is missing", id);
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (node.isTextual()) {
            try {
                return Long.parseLong(node.textValue());
            } catch (NumberFormatException e) {
                // falls through to the refusal
            }
        }
        throw new InvalidFillException(
                field + " is not an integer: " + abbreviate(node.toString()), id);
    }

    private static String text(JsonNode trade, String field, Long id) throws InvalidFillException {
        JsonNode node = trade.get(field);
        if (node == null || node.isNull()) {
            throw new InvalidFillException(field + " is missing", id);
        }
        if (!node.isTextual() || node.textValue().isBlank()) {
            throw new InvalidFillException(
                    field + " is not a non-empty string: " + abbreviate(node.toString()), id);
        }
        return node.textValue();
    }

    /** The decimal as the exchange wrote it, checked to parse. */
    private static String decimal(JsonNode trade, String field, Long id)
            throws InvalidFillException {
        JsonNode node = trade.get(field);
        if (node == null || node.isNull()) {
            throw new InvalidFillException(field + " is missing", id);
        }
        String text = node.isTextual() ? node.textValue() : node.isNumber() ? node.asText() : null;
        if (text != null) {
            try {
                new BigDecimal(text);
                return text;
            } catch (NumberFormatException e) {
                // falls through to the refusal
            }
        }
        throw new InvalidFillException(
                field + " is not a decimal number: " + abbreviate(node.toString()), id);
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
