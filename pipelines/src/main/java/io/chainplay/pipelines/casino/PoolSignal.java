package io.chainplay.pipelines.casino;

import java.math.BigInteger;

/**
 * What the pool aggregator is told, keyed by pool: its registration, a settled bet, a fee, a
 * jackpot change, a player more or less. Counted with {@link #sign} +1, or -1 to take it back.
 *
 * <p>One type for all of them, because they meet in one keyed operator (a flat POJO: Flink
 * serializes it without Kryo).
 */
public class PoolSignal {

    /** What happened to the pool. */
    public enum Type {
        /** A PoolRegistered copy; {@link #event} holds it, with its kind. */
        REGISTERED,
        /** A bet settled: wager, payout, time. */
        SETTLED,
        /** A fee and its split: amount, host, pool, network, burn. */
        FEE,
        /** The jackpot's new absolute amount (PoolAccumulatedAmountUpdated). */
        ACCUMULATED,
        /** The jackpot released (PoolAccumulatedAmountReleased): amount. */
        RELEASED,
        /** A player's first settled bet in the pool (+1), or their last taken back (-1). */
        PLAYERS
    }

    public Type type;
    public String poolId;
    public int sign = 1;

    public CasinoEvent event;

    public BigInteger wager;
    public BigInteger payout;
    public boolean won;

    /** Block time the signal is filed under. */
    public long time;

    /** FEE: fee_amount; ACCUMULATED: new_accumulated_amount; RELEASED: released_amount. */
    public BigInteger amount;

    public BigInteger host;
    public BigInteger pool;
    public BigInteger network;
    public BigInteger burn;

    /** ACCUMULATED and RELEASED: the event and its chain position, for the latest amount. */
    public String eventId;

    public long slot;
    public int instructionIndex;
    public int eventIndex;

    public PoolSignal() {}

    static PoolSignal registered(CasinoEvent registration) {
        PoolSignal signal = of(Type.REGISTERED, registration.poolId, 1);
        signal.event = registration;
        signal.time = registration.eventTime;
        return signal;
    }

    static PoolSignal settled(BetOutcome outcome) {
        PoolSignal signal = of(Type.SETTLED, outcome.poolId, outcome.sign);
        signal.wager = outcome.wager;
        signal.payout = outcome.payout;
        signal.won = outcome.won();
        signal.time = outcome.time;
        return signal;
    }

    static PoolSignal players(String poolId, int sign, long time) {
        PoolSignal signal = of(Type.PLAYERS, poolId, sign);
        signal.time = time;
        return signal;
    }

    static PoolSignal fee(CasinoEvent fee, FeeSplit split, int sign) {
        PoolSignal signal = of(Type.FEE, fee.poolId, sign);
        signal.time = fee.eventTime;
        signal.amount = Settlement.unsigned(fee.amount);
        signal.host = split.host;
        signal.pool = split.pool;
        signal.network = split.network;
        signal.burn = split.burn;
        return signal;
    }

    static PoolSignal jackpot(CasinoEvent event, int sign) {
        PoolSignal signal =
                of(
                        event.type == CasinoEvent.Type.POOL_ACCUMULATED_AMOUNT_RELEASED
                                ? Type.RELEASED
                                : Type.ACCUMULATED,
                        event.poolId,
                        sign);
        signal.time = event.eventTime;
        signal.amount = Settlement.unsigned(event.amount);
        signal.eventId = event.eventId;
        signal.slot = event.slot;
        signal.instructionIndex = event.instructionIndex;
        signal.eventIndex = event.eventIndex;
        return signal;
    }

    private static PoolSignal of(Type type, String poolId, int sign) {
        PoolSignal signal = new PoolSignal();
        signal.type = type;
        signal.poolId = poolId;
        signal.sign = sign;
        return signal;
    }

    @Override
    public String toString() {
        return type + "{" + poolId + " " + (sign > 0 ? "+" : "-") + " amount=" + amount + "}";
    }
}
