package io.chainplay.connectors.exchange.order;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigInteger;
import java.util.Objects;

/**
 * The JSON body of Extended's create-order call ({@code POST /api/v1/user/order}) for a signed
 * limit order, field for field as Extended's Python SDK writes it ({@code
 * PerpetualOrderModel.to_api_request_json()}).
 *
 * <p>Numbers the exchange reads as decimals travel as strings in the request's own scale ({@code
 * "0.00100000"}), so what was signed is exactly what is sent. {@code debuggingAmounts} repeats the
 * signed amounts so the exchange can explain a rejected signature: unsigned in the StarkEx format,
 * signed as in the message (paid amounts negative) in the SNIP-12 format, as the SDK of each era
 * sends them. Immutable; each option returns a copy.
 */
public final class CreateOrderBody {

    /** How the exchange stops an account's orders from trading with each other. */
    public enum SelfTradeProtection {
        DISABLED,
        ACCOUNT,
        CLIENT
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final SignedOrder order;
    private final String externalId;
    private final String cancelId;
    private final boolean postOnly;
    private final boolean reduceOnly;
    private final SelfTradeProtection selfTradeProtection;

    private CreateOrderBody(
            SignedOrder order,
            String externalId,
            String cancelId,
            boolean postOnly,
            boolean reduceOnly,
            SelfTradeProtection selfTradeProtection) {
        this.order = Objects.requireNonNull(order, "order");
        this.externalId = externalId;
        this.cancelId = cancelId;
        this.postOnly = postOnly;
        this.reduceOnly = reduceOnly;
        this.selfTradeProtection = Objects.requireNonNull(selfTradeProtection);
    }

    /** A good-till-time limit order with the SDK's defaults (self-trade protection ACCOUNT). */
    public static CreateOrderBody of(SignedOrder order) {
        return new CreateOrderBody(order, null, null, false, false, SelfTradeProtection.ACCOUNT);
    }

    /** Our own order id instead of the message hash (it is not part of the signed message). */
    public CreateOrderBody externalId(String id) {
        return new CreateOrderBody(order, id, cancelId, postOnly, reduceOnly, selfTradeProtection);
    }

    /** Cancels and replaces the order with this id atomically. */
    public CreateOrderBody cancelId(String id) {
        return new CreateOrderBody(
                order, externalId, id, postOnly, reduceOnly, selfTradeProtection);
    }

    public CreateOrderBody postOnly(boolean value) {
        return new CreateOrderBody(
                order, externalId, cancelId, value, reduceOnly, selfTradeProtection);
    }

    public CreateOrderBody reduceOnly(boolean value) {
        return new CreateOrderBody(
                order, externalId, cancelId, postOnly, value, selfTradeProtection);
    }

    public CreateOrderBody selfTradeProtection(SelfTradeProtection value) {
        return new CreateOrderBody(order, externalId, cancelId, postOnly, reduceOnly, value);
    }

    /** The order id the body carries: the external id if set, else the hash in decimal. */
    public String id() {
        return externalId != null ? externalId : order.id();
    }

    public ObjectNode toJsonTree() {
        OrderRequest r = order.request();
        ObjectNode body = MAPPER.createObjectNode();
        body.put("id", id());
        body.put("market", r.market());
        body.put("type", "LIMIT");
        body.put("side", r.side().name());
        body.put("qty", r.quantity().toPlainString());
        body.put("price", r.price().toPlainString());
        body.put("reduceOnly", reduceOnly);
        body.put("postOnly", postOnly);
        body.put("timeInForce", "GTT");
        body.put("expiryEpochMillis", r.expiry().toEpochMilli());
        body.put("fee", r.feeRate().toPlainString());
        body.put("nonce", Long.toString(r.nonce()));
        body.put("selfTradeProtectionLevel", selfTradeProtection.name());
        body.put("cancelId", cancelId);
        ObjectNode settlement = body.putObject("settlement");
        ObjectNode signature = settlement.putObject("signature");
        signature.put("r", order.signature().rHex());
        signature.put("s", order.signature().sHex());
        settlement.put("starkKey", order.starkKeyHex());
        settlement.put("collateralPosition", Long.toString(order.collateralPosition()));
        body.putNull("trigger");
        body.putNull("tpSlType");
        body.putNull("takeProfit");
        body.putNull("stopLoss");
        ObjectNode debugging = body.putObject("debuggingAmounts");
        SettlementAmounts a = order.amounts();
        boolean signed = order.format().kind() == SignatureFormat.Kind.SNIP12_POSEIDON;
        boolean buy = r.side() == OrderSide.BUY;
        debugging.put("collateralAmount", text(a.collateral(), signed && buy));
        debugging.put("feeAmount", a.fee().toString());
        debugging.put("syntheticAmount", text(a.synthetic(), signed && !buy));
        return body;
    }

    public String toJson() {
        return toJsonTree().toString();
    }

    private static String text(BigInteger amount, boolean negative) {
        return (negative ? amount.negate() : amount).toString();
    }

    @Override
    public String toString() {
        return toJson(); // holds nothing secret: the signature and the public key only
    }
}
