package io.chainplay.connectors.exchange.source.split;

import org.apache.flink.api.connector.source.SourceSplit;

/**
 * One account's fills, with the cursor that makes a restart resume exactly where the reader was.
 *
 * <p>Extended's fill ids increase with time (the devnet's too), and the reader emits an account's
 * fills in id order, so the highest id emitted is the whole cursor: after a restore, a catch-up
 * over {@code GET /user/trades} emits every fill above it, and nothing at or below it is emitted
 * again.
 *
 * @param accountId the Extended account
 * @param player the player wallet its fills are keyed by
 * @param cursor highest fill id emitted, 0 before the first
 * @param fromMillis fills created before this are not read (epoch ms; {@link Long#MIN_VALUE} for
 *     the whole history)
 * @param toMillis bounded: fills created at or after this are not read and the split ends once the
 *     range is read; {@link Long#MAX_VALUE} when live
 */
public record FillsSplit(long accountId, String player, long cursor, long fromMillis, long toMillis)
        implements SourceSplit {

    public static final long LIVE = Long.MAX_VALUE;

    @Override
    public String splitId() {
        return "account-" + accountId;
    }

    public boolean isBounded() {
        return toMillis != LIVE;
    }

    public FillsSplit withCursor(long newCursor) {
        return new FillsSplit(accountId, player, newCursor, fromMillis, toMillis);
    }
}
