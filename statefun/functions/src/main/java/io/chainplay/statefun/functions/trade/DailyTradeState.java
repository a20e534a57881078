package io.chainplay.statefun.functions.trade;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A player's daily-trade state: today's stage and the answers already given.
 *
 * @param day the UTC day (ISO) {@code stage} and {@code acceptedRequestId} belong to
 * @param stage where today's trade stands
 * @param acceptedRequestId the request that used today's allowance; null while IDLE
 * @param answers the answers given, by request id, so that a repeated request gets the same one.
 *     Only answers of {@link #ANSWER_DAYS} UTC days are kept (see {@link #withAnswer}); an older
 *     request id sent again is treated as new.
 */
public record DailyTradeState(
        String day, TradeStage stage, String acceptedRequestId, Map<String, TradeResult> answers) {

    /** How many UTC days of answers are remembered: today and yesterday. */
    static final int ANSWER_DAYS = 2;

    static DailyTradeState empty(String day) {
        return new DailyTradeState(day, TradeStage.IDLE, null, Map.of());
    }

    /** This state as seen on {@code today}: a new day resets the allowance, answers stay. */
    DailyTradeState on(String today) {
        return today.equals(day)
                ? this
                : new DailyTradeState(today, TradeStage.IDLE, null, answers);
    }

    /**
     * Records an answer and drops answers older than {@link #ANSWER_DAYS} days, which bounds the
     * map for an active player (an inactive player's whole state expires, see DailyTradeFn).
     */
    DailyTradeState withAnswer(TradeResult answer, TradeStage newStage, String accepted) {
        LocalDate oldest = LocalDate.parse(day).minusDays(ANSWER_DAYS - 1);
        Map<String, TradeResult> kept = new LinkedHashMap<>();
        answers.forEach(
                (id, a) -> {
                    if (!LocalDate.parse(a.day()).isBefore(oldest)) {
                        kept.put(id, a);
                    }
                });
        kept.put(answer.requestId(), answer);
        return new DailyTradeState(day, newStage, accepted, kept);
    }
}
