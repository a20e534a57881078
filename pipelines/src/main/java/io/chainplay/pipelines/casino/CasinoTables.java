package io.chainplay.pipelines.casino;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The statements that write {@code casino.bets} and {@code casino.player_stats}.
 *
 * <p>Each is one idempotent statement of absolute values by natural key that either upserts the row
 * or deletes it (a writable CTE), because the JDBC sink sends one statement per record type and a
 * reorg can turn an upsert into a deletion. Replaying any sequence of rows ends with the last one's
 * values.
 */
final class CasinoTables {

    static final String UPSERT_BET =
            "WITH gone AS (DELETE FROM casino.bets WHERE trial_id = ? AND ?)"
                    + " INSERT INTO casino.bets (trial_id, pool_id, player, wager, qk,"
                    + " extra_data_hash, status, result_index, randomness, result_k, payout,"
                    + " delta_amount, won, registered_event_id, registered_signature,"
                    + " registered_slot, registered_at, resolved_event_id, resolved_signature,"
                    + " resolved_slot, resolved_at)"
                    // Typed parameters: the SELECT list does not take the columns' types.
                    + " SELECT ?::text, ?::text, ?::text, ?::numeric, ?::jsonb, ?::text, ?::text,"
                    + " ?::numeric, ?::float8, ?::float8, ?::numeric, ?::numeric, ?::boolean,"
                    + " ?::text, ?::text, ?::bigint, ?::timestamptz, ?::text, ?::text, ?::bigint,"
                    + " ?::timestamptz"
                    + " WHERE NOT ?::boolean"
                    + " ON CONFLICT (trial_id) DO UPDATE SET pool_id = EXCLUDED.pool_id,"
                    + " player = EXCLUDED.player, wager = EXCLUDED.wager, qk = EXCLUDED.qk,"
                    + " extra_data_hash = EXCLUDED.extra_data_hash, status = EXCLUDED.status,"
                    + " result_index = EXCLUDED.result_index, randomness = EXCLUDED.randomness,"
                    + " result_k = EXCLUDED.result_k, payout = EXCLUDED.payout,"
                    + " delta_amount = EXCLUDED.delta_amount, won = EXCLUDED.won,"
                    + " registered_event_id = EXCLUDED.registered_event_id,"
                    + " registered_signature = EXCLUDED.registered_signature,"
                    + " registered_slot = EXCLUDED.registered_slot,"
                    + " registered_at = EXCLUDED.registered_at,"
                    + " resolved_event_id = EXCLUDED.resolved_event_id,"
                    + " resolved_signature = EXCLUDED.resolved_signature,"
                    + " resolved_slot = EXCLUDED.resolved_slot,"
                    + " resolved_at = EXCLUDED.resolved_at";

    static final String UPSERT_PLAYER_STATS =
            "WITH gone AS (DELETE FROM casino.player_stats WHERE player = ? AND pool_id = ? AND ?)"
                    + " INSERT INTO casino.player_stats (player, pool_id, bets, wins, losses,"
                    + " pushes, wagered, paid_out, net)"
                    + " SELECT ?::text, ?::text, ?::bigint, ?::bigint, ?::bigint, ?::bigint,"
                    + " ?::numeric, ?::numeric, ?::numeric WHERE NOT ?::boolean"
                    + " ON CONFLICT (player, pool_id) DO UPDATE SET bets = EXCLUDED.bets,"
                    + " wins = EXCLUDED.wins, losses = EXCLUDED.losses, pushes = EXCLUDED.pushes,"
                    + " wagered = EXCLUDED.wagered, paid_out = EXCLUDED.paid_out,"
                    + " net = EXCLUDED.net";

    private CasinoTables() {}

    static void bindBet(PreparedStatement ps, BetRow row) throws SQLException {
        int i = 1;
        ps.setString(i++, row.trialId);
        ps.setBoolean(i++, row.deleted);
        ps.setString(i++, row.trialId);
        ps.setString(i++, row.poolId);
        ps.setString(i++, row.player);
        ps.setBigDecimal(i++, decimal(row.wager));
        ps.setString(i++, row.qkJson);
        ps.setString(i++, row.extraDataHash);
        ps.setString(i++, row.status);
        ps.setBigDecimal(
                i++,
                row.resultIndex == null ? null : decimal(Settlement.unsigned(row.resultIndex)));
        setDouble(ps, i++, row.randomness);
        setDouble(ps, i++, row.resultK);
        ps.setBigDecimal(i++, decimal(row.payout));
        ps.setBigDecimal(i++, decimal(row.deltaAmount));
        if (row.won == null) {
            ps.setNull(i++, Types.BOOLEAN);
        } else {
            ps.setBoolean(i++, row.won);
        }
        ps.setString(i++, row.registeredEventId);
        ps.setString(i++, row.registeredSignature);
        ps.setLong(i++, row.registeredSlot);
        setTime(ps, i++, row.deleted ? null : row.registeredAt);
        ps.setString(i++, row.resolvedEventId);
        ps.setString(i++, row.resolvedSignature);
        if (row.resolvedSlot == null) {
            ps.setNull(i++, Types.BIGINT);
        } else {
            ps.setLong(i++, row.resolvedSlot);
        }
        setTime(ps, i++, row.resolvedAt);
        ps.setBoolean(i, row.deleted);
    }

    static void bindPlayerStats(PreparedStatement ps, PlayerStatsRow row) throws SQLException {
        int i = 1;
        ps.setString(i++, row.player);
        ps.setString(i++, row.poolId);
        ps.setBoolean(i++, row.deleted);
        ps.setString(i++, row.player);
        ps.setString(i++, row.poolId);
        ps.setLong(i++, row.bets);
        ps.setLong(i++, row.wins);
        ps.setLong(i++, row.losses);
        ps.setLong(i++, row.pushes);
        ps.setBigDecimal(i++, decimal(row.wagered));
        ps.setBigDecimal(i++, decimal(row.paidOut));
        ps.setBigDecimal(i++, decimal(row.net()));
        ps.setBoolean(i, row.deleted);
    }

    private static BigDecimal decimal(BigInteger value) {
        return value == null ? null : new BigDecimal(value);
    }

    private static void setDouble(PreparedStatement ps, int index, Double value)
            throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.DOUBLE);
        } else {
            ps.setDouble(index, value);
        }
    }

    private static void setTime(PreparedStatement ps, int index, Long epochMillis)
            throws SQLException {
        if (epochMillis == null) {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(
                    index,
                    OffsetDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC));
        }
    }
}
