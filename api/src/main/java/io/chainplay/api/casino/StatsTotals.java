package io.chainplay.api.casino;

import com.fasterxml.jackson.annotation.JsonFormat;

import java.math.BigInteger;

/**
 * Bet counts and token amounts of a player, for one pool or summed over all of them.
 *
 * <p>Amounts are {@code numeric(78,0)} base units in Postgres and are written to JSON as decimal
 * strings: they pass 2^53 (a JSON number's safe range in JavaScript) and even 2^64 routinely.
 *
 * @param bets settled bets
 * @param wins bets whose payout exceeded the wager
 * @param losses bets whose payout was below the wager
 * @param pushes bets whose payout equalled the wager
 * @param wagered sum of wagers
 * @param paidOut sum of payouts
 * @param net {@code paidOut - wagered}: the player's profit, negative when they lost
 */
public record StatsTotals(
        long bets,
        long wins,
        long losses,
        long pushes,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigInteger wagered,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigInteger paidOut,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigInteger net) {

    public static final StatsTotals ZERO =
            new StatsTotals(0, 0, 0, 0, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO);

    /** Field-wise sum; counts overflowing a long would mean corrupt rows, so that throws. */
    public StatsTotals plus(StatsTotals other) {
        return new StatsTotals(
                Math.addExact(bets, other.bets),
                Math.addExact(wins, other.wins),
                Math.addExact(losses, other.losses),
                Math.addExact(pushes, other.pushes),
                wagered.add(other.wagered),
                paidOut.add(other.paidOut),
                net.add(other.net));
    }
}
