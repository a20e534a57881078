package io.chainplay.pipelines.casino;

import io.chainplay.pipelines.common.FeedRecord;
import io.chainplay.schemas.feed.FeedMessage;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The casino's {@code feed.casino} messages, in FarePlay's WebSocket shapes ({@code
 * fixtures/fareplay/auth_ws_event_formats.json}) with the fields Chainplay adds. Amounts are
 * decimal strings, as FarePlay sends them; {@code timestamp} is the block time in milliseconds.
 */
final class CasinoFeed {

    static final String BET_PLACED = "bet.placed";
    static final String BET_SETTLED = "bet.settled";
    static final String BET_RETRACTED = "bet.retracted";

    private CasinoFeed() {}

    static FeedRecord placed(CasinoEvent registration) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("signature", registration.txSignature);
        data.put("player", registration.player);
        data.put("amount", Settlement.unsigned(registration.wager).toString());
        data.put("trialId", registration.trialId);
        data.put("poolId", registration.poolId);
        return record(BET_PLACED, registration.eventId, registration, data);
    }

    static FeedRecord settled(CasinoEvent resolution, BetOutcome outcome) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("signature", resolution.txSignature);
        data.put("player", outcome.player);
        data.put("won", outcome.won());
        data.put("payout", outcome.payout.toString());
        data.put("trialId", outcome.trialId);
        data.put("poolId", outcome.poolId);
        data.put("wager", outcome.wager.toString());
        data.put("deltaAmount", outcome.deltaAmount().toString());
        data.put("resultIndex", Long.toUnsignedString(outcome.resultIndex));
        data.put("resultK", outcome.resultK);
        return new FeedRecord(
                outcome.player,
                FeedMessage.of(BET_SETTLED, resolution.eventId, resolution.eventTime, data)
                        .toJson());
    }

    /** The bet left the chain with its registration's block: clients should drop it. */
    static FeedRecord retracted(CasinoEvent registration) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("signature", registration.txSignature);
        data.put("player", registration.player);
        data.put("trialId", registration.trialId);
        data.put("poolId", registration.poolId);
        return record(BET_RETRACTED, registration.eventId + ":retracted", registration, data);
    }

    private static FeedRecord record(
            String type, String id, CasinoEvent event, Map<String, Object> data) {
        return new FeedRecord(
                event.player, FeedMessage.of(type, id, event.eventTime, data).toJson());
    }
}
