package io.chainplay.statefun.functions.trade;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The latest answer given to each request id, so that a repeated or replayed request gets it again
 * instead of a second judgement. Answers of {@link #DAYS} UTC days (by the request's day) are kept.
 */
public record Answers(Map<String, TradeResult> byRequest) {

    static final int DAYS = 2;

    static Answers empty() {
        return new Answers(Map.of());
    }

    TradeResult get(String requestId) {
        return byRequest.get(requestId);
    }

    /** With this answer, without answers older than {@link #DAYS} days before {@code today}. */
    Answers with(TradeResult answer, String today) {
        LocalDate oldest = LocalDate.parse(today).minusDays(DAYS - 1);
        Map<String, TradeResult> kept = new LinkedHashMap<>();
        byRequest.forEach(
                (id, a) -> {
                    if (!LocalDate.parse(a.day()).isBefore(oldest)) {
                        kept.put(id, a);
                    }
                });
        kept.put(answer.requestId(), answer);
        return new Answers(kept);
    }
}
