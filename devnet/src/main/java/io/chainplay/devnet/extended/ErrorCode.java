package io.chainplay.devnet.extended;

/**
 * The error codes the devnet answers with, as Extended's API documentation lists them
 * (https://api.docs.extended.exchange/#error-responses): general ones carry the HTTP status as
 * their code; the market, StarkEx-signature and order ones carry Extended's numeric code, in the
 * documentation's table order (1000s: markets and accounts, 1100s: Stark keys and signatures, 1120s
 * on: order management). The names and descriptions match the documentation; the numbers are the
 * table's as read from it, not checked against a recorded response (none is among the fixtures), so
 * a client should branch on the HTTP status and log the code.
 */
public enum ErrorCode {
    BAD_REQUEST(400, 400, "Invalid or missing parameters."),
    UNAUTHORIZED(401, 401, "Authentication failure."),
    NOT_FOUND(404, 404, "Resource not found."),
    INTERNAL_SERVER_ERROR(500, 500, "Internal server error."),

    MARKET_NOT_FOUND(1001, 400, "Market not found."),
    MARKET_DISABLED(1002, 400, "Market is disabled."),

    INVALID_STARKEX_PUBLIC_KEY(1100, 400, "Invalid StarkEx public key."),
    INVALID_STARKEX_SIGNATURE(1101, 400, "Invalid StarkEx signature."),
    INVALID_STARKEX_VAULT(1102, 400, "Invalid StarkEx vault."),

    ORDER_QTY_LESS_THAN_MIN_TRADE_SIZE(1120, 400, "Order quantity less than min trade size."),
    INVALID_QTY_WRONG_SIZE_INCREMENT(
            1121, 400, "Invalid quantity due to the wrong size increment."),
    ORDER_VALUE_EXCEEDS_MAX_ORDER_VALUE(1122, 400, "Order value exceeds max order value."),
    INVALID_QTY_PRECISION(1123, 400, "Invalid quantity precision."),
    INVALID_PRICE_WRONG_PRICE_MOVEMENT(1124, 400, "Invalid price due to wrong price movement."),
    MAX_OPEN_ORDERS_NUMBER_EXCEEDED(1126, 400, "Max open orders number exceeded."),
    INVALID_TRADING_FEES(1128, 400, "Trading fees are invalid."),
    NOT_ALLOWED_ORDER_TYPE(1132, 400, "Order type is not allowed."),
    INVALID_ORDER_PARAMETERS(1133, 400, "Invalid order parameters."),
    DUPLICATE_ORDER(1134, 400, "Duplicate Order."),
    INVALID_ORDER_EXPIRATION(1135, 400, "Invalid order expiration."),
    REDUCE_ONLY_ORDER_SIZE_EXCEEDS_POSITION_SIZE(
            1136, 400, "Reduce-only order size exceeds open position size."),
    REDUCE_ONLY_ORDER_POSITION_IS_MISSING(
            1137, 400, "Position is missing for a reduce-only order."),
    REDUCE_ONLY_ORDER_POSITION_SAME_SIDE(
            1138, 400, "Position is the same side as a reduce-only order."),
    MARKET_ORDER_MUST_BE_IOC(1139, 400, "Market order must have time in force IOC."),
    INVALID_PRICE_AMOUNT(1141, 400, "Invalid price value."),
    EDIT_ORDER_NOT_FOUND(1142, 400, "Edit order not found.");

    private final int code;
    private final int httpStatus;
    private final String description;

    ErrorCode(int code, int httpStatus, String description) {
        this.code = code;
        this.httpStatus = httpStatus;
        this.description = description;
    }

    /** The {@code error.code} of the response body. */
    public int code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String description() {
        return description;
    }
}
