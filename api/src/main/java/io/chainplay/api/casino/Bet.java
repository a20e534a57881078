package io.chainplay.api.casino;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonRawValue;

import java.math.BigInteger;
import java.time.Instant;

/**
 * One bet (a fare_vault trial) as stored in {@code casino.bets}; the resolution fields are null
 * until the trial is resolved.
 *
 * <p>{@code expiredAt} is the event time a still unresolved bet was reported {@code expired} (V2);
 * it stays set if the resolution comes after all and the bet turns {@code settled}.
 *
 * <p>Token amounts and the u64 {@code resultIndex} are decimal strings in JSON, since they can pass
 * 2^53; slots stay numbers (they are far below it). {@code qk} is the stored jsonb passed through
 * verbatim, so the chain's f64 values keep their exact text.
 */
public record Bet(
        String trialId,
        String poolId,
        String player,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigInteger wager,
        @JsonRawValue String qk,
        String extraDataHash,
        String status,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigInteger resultIndex,
        Double randomness,
        Double resultK,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigInteger payout,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigInteger deltaAmount,
        Boolean won,
        String registeredSignature,
        long registeredSlot,
        Instant registeredAt,
        String resolvedSignature,
        Long resolvedSlot,
        Instant resolvedAt,
        Instant expiredAt) {}
