package io.chainplay.pipelines.casino;

import io.chainplay.pipelines.common.FeedRecord;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import java.math.BigInteger;

/**
 * The casino's {@code feed.casino} messages, in FarePlay's WebSocket shape {@code {"type", "data",
 * "timestamp", "id"}} ({@code fixtures/fareplay/auth_ws_event_formats.json}) with the fields
 * Chainplay adds. Amounts are decimal strings, as FarePlay sends them; {@code timestamp} is the
 * block time in milliseconds; {@code id} is stable, for clients to dedup by (the feed is
 * at-least-once). Every type and field is listed in docs/casino.md.
 *
 * <p>The JSON is written directly rather than through a Jackson tree: two messages per bet make it
 * one of the job's hot paths. The output is what {@link io.chainplay.schemas.feed.FeedMessage}
 * writes and parses.
 */
final class CasinoFeed {

    static final String BET_PLACED = "bet.placed";
    static final String BET_SETTLED = "bet.settled";
    static final String BET_RETRACTED = "bet.retracted";
    static final String BET_EXPIRED = "bet.expired";
    static final String JACKPOT_WON = "jackpot.won";
    static final String JACKPOT_RETRACTED = "jackpot.retracted";
    static final String PLAYER_JOINED = "player.joined";
    static final String STATS_UPDATED = "stats.updated";

    private CasinoFeed() {}

    /** A bet placed: FarePlay's {signature, player, gameType, amount} and the trial and pool. */
    static FeedRecord placed(CasinoEvent registration, String gameType) {
        return new FeedRecord(
                registration.player,
                new Json(BET_PLACED)
                        .text("signature", registration.txSignature)
                        .text("player", registration.player)
                        .text("gameType", gameType)
                        .text("amount", Long.toUnsignedString(registration.wager))
                        .text("trialId", registration.trialId)
                        .text("poolId", registration.poolId)
                        .end(registration.eventTime, registration.eventId));
    }

    /** A bet settled: FarePlay's {signature, player, won, payout} and the settlement's figures. */
    static FeedRecord settled(CasinoEvent resolution, BetOutcome outcome) {
        return new FeedRecord(
                outcome.player,
                new Json(BET_SETTLED)
                        .text("signature", resolution.txSignature)
                        .text("player", outcome.player)
                        .bool("won", outcome.won())
                        .text("payout", outcome.payout.toString())
                        .text("trialId", outcome.trialId)
                        .text("poolId", outcome.poolId)
                        .text("wager", outcome.wager.toString())
                        .text("deltaAmount", outcome.deltaAmount().toString())
                        .text("resultIndex", Long.toUnsignedString(outcome.resultIndex))
                        .number("resultK", outcome.resultK)
                        .end(resolution.eventTime, resolution.eventId));
    }

    /** The bet left the chain with its registration's block: clients should drop it. */
    static FeedRecord retracted(CasinoEvent registration) {
        return new FeedRecord(
                registration.player,
                new Json(BET_RETRACTED)
                        .text("signature", registration.txSignature)
                        .text("player", registration.player)
                        .text("trialId", registration.trialId)
                        .text("poolId", registration.poolId)
                        .end(registration.eventTime, registration.eventId + ":retracted"));
    }

    /** No resolution within the bet expiry: the bet is reported stuck (it may still settle). */
    static FeedRecord expired(CasinoEvent registration, long expiredAt, String gameType) {
        return new FeedRecord(
                registration.player,
                new Json(BET_EXPIRED)
                        .text("signature", registration.txSignature)
                        .text("player", registration.player)
                        .text("gameType", gameType)
                        .text("amount", Long.toUnsignedString(registration.wager))
                        .text("trialId", registration.trialId)
                        .text("poolId", registration.poolId)
                        .number("placedAt", registration.eventTime)
                        .end(expiredAt, "bet.expired:" + registration.trialId));
    }

    /** A pool's accumulated amount released to a player: the jackpot. */
    static FeedRecord jackpotWon(CasinoEvent release, String gameType) {
        return new FeedRecord(
                release.receiver,
                new Json(JACKPOT_WON)
                        .text("signature", release.txSignature)
                        .text("player", release.receiver)
                        .text("amount", Long.toUnsignedString(release.amount))
                        .text("gameType", gameType)
                        .text("poolId", release.poolId)
                        .text("trialId", release.trialId)
                        .end(release.eventTime, release.eventId));
    }

    /** A jackpot whose block left the chain. */
    static FeedRecord jackpotRetracted(CasinoEvent release) {
        return new FeedRecord(
                release.receiver,
                new Json(JACKPOT_RETRACTED)
                        .text("signature", release.txSignature)
                        .text("player", release.receiver)
                        .text("poolId", release.poolId)
                        .text("trialId", release.trialId)
                        .end(release.eventTime, release.eventId + ":retracted"));
    }

    /** A wallet's first trial in a pool. */
    static FeedRecord playerJoined(
            String player, String poolId, String gameType, String trialId, long time) {
        return new FeedRecord(
                player,
                new Json(PLAYER_JOINED)
                        .text("player", player)
                        .text("poolId", poolId)
                        .text("gameType", gameType)
                        .text("trialId", trialId)
                        .end(time, "player.joined:" + poolId + ":" + player));
    }

    /**
     * A pool's stats changed: FarePlay's {totalBets, totalPlayers} (and the stats worker's
     * totalPlays, totalWagered, totalPayout), debounced to one per pool per second. Keyed by pool.
     */
    static FeedRecord statsUpdated(
            String poolId,
            String gameType,
            long plays,
            long players,
            BigInteger wagered,
            BigInteger paidOut,
            BigInteger jackpot,
            long time,
            long version) {
        return new FeedRecord(
                poolId,
                new Json(STATS_UPDATED)
                        .text("poolId", poolId)
                        .text("gameType", gameType)
                        .text("totalBets", Long.toString(plays))
                        .number("totalPlayers", players)
                        .number("totalPlays", plays)
                        .text("totalWagered", wagered.toString())
                        .text("totalPayout", paidOut.toString())
                        .text("houseProfit", wagered.subtract(paidOut).toString())
                        .text("jackpot", jackpot.toString())
                        .end(time, "stats.updated:" + poolId + ":" + version));
    }

    /** A feed message written field by field. */
    private static final class Json {
        private static final JsonStringEncoder ENCODER = JsonStringEncoder.getInstance();
        private final StringBuilder json = new StringBuilder(320);
        private boolean first = true;

        Json(String type) {
            json.append("{\"type\":");
            quote(type);
            json.append(",\"data\":{");
        }

        Json text(String name, String value) {
            name(name);
            if (value == null) {
                json.append("null");
            } else {
                quote(value);
            }
            return this;
        }

        Json number(String name, long value) {
            name(name);
            json.append(value);
            return this;
        }

        Json number(String name, double value) {
            name(name);
            json.append(value);
            return this;
        }

        Json bool(String name, boolean value) {
            name(name);
            json.append(value);
            return this;
        }

        String end(long timestamp, String id) {
            json.append("},\"timestamp\":").append(timestamp).append(",\"id\":");
            quote(id);
            return json.append('}').toString();
        }

        private void name(String name) {
            if (!first) {
                json.append(',');
            }
            first = false;
            quote(name);
            json.append(':');
        }

        private void quote(String text) {
            json.append('"');
            ENCODER.quoteAsString(text, json);
            json.append('"');
        }
    }
}
