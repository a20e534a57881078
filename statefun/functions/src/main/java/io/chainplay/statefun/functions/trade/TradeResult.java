package io.chainplay.statefun.functions.trade;

/**
 * The answer to a {@link TradeRequest}, as JSON on {@code wf.trade.results} (keyed by player).
 *
 * @param requestId the request answered
 * @param player the player wallet
 * @param status ACCEPTED or REJECTED
 * @param reason why it was rejected; null when accepted
 * @param day the UTC day (ISO yyyy-MM-dd) whose allowance the request was judged against
 */
public record TradeResult(
        String requestId, String player, Status status, String reason, String day) {

    /** What became of a request. */
    public enum Status {
        ACCEPTED,
        REJECTED
    }

    static TradeResult accepted(TradeRequest request, String day) {
        return new TradeResult(request.requestId(), request.player(), Status.ACCEPTED, null, day);
    }

    static TradeResult rejected(TradeRequest request, String reason, String day) {
        return new TradeResult(request.requestId(), request.player(), Status.REJECTED, reason, day);
    }
}
