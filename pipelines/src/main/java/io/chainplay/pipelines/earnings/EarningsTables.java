package io.chainplay.pipelines.earnings;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The statements that write the {@code earnings} tables (V3 migration).
 *
 * <p>Each is one idempotent statement of absolute values by natural key that either upserts the row
 * or deletes it (a writable CTE), because a reorg can turn an upsert into a deletion. Replaying any
 * sequence of rows ends with the last one's values. A player's businesses go in one statement per
 * record ({@code unnest} of arrays), so a due costs one statement however many businesses it has.
 */
final class EarningsTables {

    static final String UPSERT_HISTORY =
            "WITH gone AS (DELETE FROM earnings.earnings_history WHERE player = ?"
                    + " AND ((?::boolean AND entry_id = ?) OR (?::boolean AND at > ?::timestamptz)))"
                    + " INSERT INTO earnings.earnings_history (player, entry_id, event_type, at,"
                    + " amount, previous_balance, new_balance, business_count, daily_earnings,"
                    + " transaction_signature)"
                    + " SELECT ?::text, ?::text, ?::text, ?::timestamptz, ?::numeric, ?::numeric,"
                    + " ?::numeric, ?::integer, ?::numeric, ?::text WHERE NOT ?::boolean"
                    + " ON CONFLICT (player, entry_id) DO UPDATE SET"
                    + " event_type = EXCLUDED.event_type, at = EXCLUDED.at,"
                    + " amount = EXCLUDED.amount, previous_balance = EXCLUDED.previous_balance,"
                    + " new_balance = EXCLUDED.new_balance,"
                    + " business_count = EXCLUDED.business_count,"
                    + " daily_earnings = EXCLUDED.daily_earnings,"
                    + " transaction_signature = EXCLUDED.transaction_signature";

    static final String UPSERT_PLAYER =
            "WITH gone AS (DELETE FROM earnings.players WHERE player = ? AND ?)"
                    + " INSERT INTO earnings.players (player, program, joined_at, entry_fee,"
                    + " businesses, total_invested, total_upgrade_spent, total_slot_spent,"
                    + " total_returned, total_sell_fees, total_claimed, pending_earnings,"
                    + " pending_as_of, daily_earnings, last_program_update, last_earnings_update,"
                    + " next_earnings_time, earnings_interval, program_pending,"
                    + " updates_reconciled, updates_mismatched)"
                    + " SELECT ?::text, ?::text, ?::timestamptz, ?::numeric, ?::integer,"
                    + " ?::numeric, ?::numeric, ?::numeric, ?::numeric, ?::numeric, ?::numeric,"
                    + " ?::numeric, ?::timestamptz, ?::numeric, ?::timestamptz, ?::timestamptz,"
                    + " ?::timestamptz, ?::integer, ?::numeric, ?::bigint, ?::bigint"
                    + " WHERE NOT ?::boolean"
                    + " ON CONFLICT (player) DO UPDATE SET program = EXCLUDED.program,"
                    + " joined_at = EXCLUDED.joined_at, entry_fee = EXCLUDED.entry_fee,"
                    + " businesses = EXCLUDED.businesses,"
                    + " total_invested = EXCLUDED.total_invested,"
                    + " total_upgrade_spent = EXCLUDED.total_upgrade_spent,"
                    + " total_slot_spent = EXCLUDED.total_slot_spent,"
                    + " total_returned = EXCLUDED.total_returned,"
                    + " total_sell_fees = EXCLUDED.total_sell_fees,"
                    + " total_claimed = EXCLUDED.total_claimed,"
                    + " pending_earnings = EXCLUDED.pending_earnings,"
                    + " pending_as_of = EXCLUDED.pending_as_of,"
                    + " daily_earnings = EXCLUDED.daily_earnings,"
                    + " last_program_update = EXCLUDED.last_program_update,"
                    + " last_earnings_update = EXCLUDED.last_earnings_update,"
                    + " next_earnings_time = EXCLUDED.next_earnings_time,"
                    + " earnings_interval = EXCLUDED.earnings_interval,"
                    + " program_pending = EXCLUDED.program_pending,"
                    + " updates_reconciled = EXCLUDED.updates_reconciled,"
                    + " updates_mismatched = EXCLUDED.updates_mismatched";

    private static final String BUSINESS_COLUMNS =
            "slot_index, business_type, business_type_name, level, base_cost, slot_cost,"
                    + " upgrade_spent, total_invested, daily_rate, created_at, legacy_event,"
                    + " earned, earned_as_of, status, sold_at, days_held, base_fee_percent,"
                    + " slot_discount, final_fee_percent, return_amount, sell_fee";

    static final String UPSERT_BUSINESSES =
            "WITH r AS (SELECT * FROM unnest(?::int4[], ?::bool[], ?::int4[], ?::int4[],"
                    + " ?::text[], ?::int4[], ?::text[], ?::text[], ?::text[], ?::text[],"
                    + " ?::int4[], ?::int8[], ?::bool[], ?::text[], ?::int8[], ?::text[],"
                    + " ?::int8[], ?::int8[], ?::int4[], ?::int4[], ?::int4[], ?::text[],"
                    + " ?::text[]) AS r(business_no, deleted, "
                    + BUSINESS_COLUMNS
                    + ")),"
                    + " gone AS (DELETE FROM earnings.businesses b USING r"
                    + " WHERE b.player = ? AND b.business_no = r.business_no AND r.deleted),"
                    + " purged AS (DELETE FROM earnings.businesses"
                    + " WHERE player = ? AND business_no > ?)"
                    + " INSERT INTO earnings.businesses (player, business_no, "
                    + BUSINESS_COLUMNS
                    + ")"
                    + " SELECT ?::text, r.business_no, r.slot_index, r.business_type,"
                    + " r.business_type_name, r.level, r.base_cost::numeric, r.slot_cost::numeric,"
                    + " r.upgrade_spent::numeric, r.total_invested::numeric, r.daily_rate,"
                    + " to_timestamp(r.created_at), r.legacy_event, r.earned::numeric,"
                    + " to_timestamp(r.earned_as_of), r.status, to_timestamp(r.sold_at),"
                    + " r.days_held, r.base_fee_percent, r.slot_discount, r.final_fee_percent,"
                    + " r.return_amount::numeric, r.sell_fee::numeric"
                    + " FROM r WHERE NOT r.deleted"
                    + " ON CONFLICT (player, business_no) DO UPDATE SET"
                    + " slot_index = EXCLUDED.slot_index, business_type = EXCLUDED.business_type,"
                    + " business_type_name = EXCLUDED.business_type_name,"
                    + " level = EXCLUDED.level, base_cost = EXCLUDED.base_cost,"
                    + " slot_cost = EXCLUDED.slot_cost, upgrade_spent = EXCLUDED.upgrade_spent,"
                    + " total_invested = EXCLUDED.total_invested,"
                    + " daily_rate = EXCLUDED.daily_rate, created_at = EXCLUDED.created_at,"
                    + " legacy_event = EXCLUDED.legacy_event, earned = EXCLUDED.earned,"
                    + " earned_as_of = EXCLUDED.earned_as_of, status = EXCLUDED.status,"
                    + " sold_at = EXCLUDED.sold_at, days_held = EXCLUDED.days_held,"
                    + " base_fee_percent = EXCLUDED.base_fee_percent,"
                    + " slot_discount = EXCLUDED.slot_discount,"
                    + " final_fee_percent = EXCLUDED.final_fee_percent,"
                    + " return_amount = EXCLUDED.return_amount, sell_fee = EXCLUDED.sell_fee";

    static final String UPSERT_RECONCILIATION =
            "WITH gone AS (DELETE FROM earnings.reconciliation WHERE (?::boolean"
                    + " AND event_id = ? AND check_name = ?) OR (?::boolean AND player = ?"
                    + " AND at > ?::timestamptz))"
                    + " INSERT INTO earnings.reconciliation (event_id, check_name, player, at,"
                    + " slot, transaction_signature, expected, reported, difference, detail)"
                    + " SELECT ?::text, ?::text, ?::text, ?::timestamptz, ?::bigint, ?::text,"
                    + " ?::numeric, ?::numeric, ?::numeric, ?::text WHERE NOT ?::boolean"
                    + " ON CONFLICT (event_id, check_name) DO UPDATE SET player = EXCLUDED.player,"
                    + " at = EXCLUDED.at, slot = EXCLUDED.slot,"
                    + " transaction_signature = EXCLUDED.transaction_signature,"
                    + " expected = EXCLUDED.expected, reported = EXCLUDED.reported,"
                    + " difference = EXCLUDED.difference, detail = EXCLUDED.detail";

    static final String UPSERT_GLOBAL_STATS =
            "INSERT INTO earnings.global_stats (program, game, players, businesses,"
                    + " businesses_by_type, total_invested, active_invested, total_pending,"
                    + " total_claimed, as_of)"
                    + " VALUES (?, 'solana_mafia', ?, ?, ?::jsonb, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (program) DO UPDATE SET players = EXCLUDED.players,"
                    + " businesses = EXCLUDED.businesses,"
                    + " businesses_by_type = EXCLUDED.businesses_by_type,"
                    + " total_invested = EXCLUDED.total_invested,"
                    + " active_invested = EXCLUDED.active_invested,"
                    + " total_pending = EXCLUDED.total_pending,"
                    + " total_claimed = EXCLUDED.total_claimed, as_of = EXCLUDED.as_of";

    private EarningsTables() {}

    static void bindHistory(PreparedStatement ps, HistoryRow row) throws SQLException {
        int i = 1;
        ps.setString(i++, row.player);
        ps.setBoolean(i++, row.deleted && !row.isPurge());
        ps.setString(i++, row.entryId);
        ps.setBoolean(i++, row.isPurge());
        setTime(ps, i++, row.at);
        ps.setString(i++, row.player);
        ps.setString(i++, row.entryId);
        ps.setString(i++, row.eventType);
        setTime(ps, i++, row.deleted ? null : row.at);
        // A claim's amount is the event's u64; an update's is a difference.
        ps.setBigDecimal(
                i++,
                HistoryRow.CLAIM.equals(row.eventType)
                        ? unsigned(row.amount)
                        : BigDecimal.valueOf(row.amount));
        ps.setBigDecimal(i++, unsigned(row.previousBalance));
        ps.setBigDecimal(i++, unsigned(row.newBalance));
        ps.setInt(i++, row.businessCount);
        ps.setBigDecimal(i++, unsigned(row.dailyEarnings));
        ps.setString(i++, row.txSignature);
        ps.setBoolean(i, row.deleted);
    }

    static void bindPlayer(PreparedStatement ps, PlayerRow row) throws SQLException {
        int i = 1;
        ps.setString(i++, row.player);
        ps.setBoolean(i++, row.deleted);
        ps.setString(i++, row.player);
        ps.setString(i++, row.program);
        setSeconds(ps, i++, row.joined ? row.joinedAt : 0);
        ps.setBigDecimal(i++, row.joined ? unsigned(row.entryFee) : null);
        ps.setInt(i++, row.businesses);
        ps.setBigDecimal(i++, unsigned(row.totalInvested));
        ps.setBigDecimal(i++, unsigned(row.totalUpgradeSpent));
        ps.setBigDecimal(i++, unsigned(row.totalSlotSpent));
        ps.setBigDecimal(i++, unsigned(row.totalReturned));
        ps.setBigDecimal(i++, BigDecimal.valueOf(row.totalSellFees));
        ps.setBigDecimal(i++, unsigned(row.totalClaimed));
        ps.setBigDecimal(i++, unsigned(row.pendingEarnings));
        setSeconds(ps, i++, row.deleted ? 1 : row.pendingAsOf);
        ps.setBigDecimal(i++, unsigned(row.dailyEarnings));
        setSeconds(ps, i++, row.lastProgramUpdate);
        setSeconds(ps, i++, row.lastEarningsUpdate);
        setSeconds(ps, i++, row.nextEarningsTime);
        ps.setInt(i++, (int) row.earningsInterval);
        ps.setBigDecimal(i++, row.hasProgramPending ? unsigned(row.programPending) : null);
        ps.setLong(i++, row.updatesReconciled);
        ps.setLong(i++, row.updatesMismatched);
        ps.setBoolean(i, row.deleted);
    }

    static void bindBusinesses(PreparedStatement ps, BusinessRows rows) throws SQLException {
        int n = rows.rows.length;
        Integer[] no = new Integer[n];
        Boolean[] deleted = new Boolean[n];
        Integer[] slot = new Integer[n];
        Integer[] type = new Integer[n];
        String[] typeName = new String[n];
        Integer[] level = new Integer[n];
        String[] baseCost = new String[n];
        String[] slotCost = new String[n];
        String[] upgradeSpent = new String[n];
        String[] invested = new String[n];
        Integer[] rate = new Integer[n];
        Long[] createdAt = new Long[n];
        Boolean[] legacy = new Boolean[n];
        String[] earned = new String[n];
        Long[] earnedAsOf = new Long[n];
        String[] status = new String[n];
        Long[] soldAt = new Long[n];
        Long[] daysHeld = new Long[n];
        Integer[] baseFee = new Integer[n];
        Integer[] discount = new Integer[n];
        Integer[] finalFee = new Integer[n];
        String[] returned = new String[n];
        String[] sellFee = new String[n];
        for (int k = 0; k < n; k++) {
            BusinessRow r = rows.rows[k];
            no[k] = r.businessNo;
            deleted[k] = r.deleted;
            if (r.deleted) {
                continue;
            }
            boolean sold = BusinessRow.SOLD.equals(r.status);
            slot[k] = r.slotIndex;
            type[k] = r.businessType;
            typeName[k] = GameRules.typeName(r.businessType);
            level[k] = r.level;
            baseCost[k] = Long.toUnsignedString(r.baseCost);
            slotCost[k] = Long.toUnsignedString(r.slotCost);
            upgradeSpent[k] = Long.toUnsignedString(r.upgradeSpent);
            invested[k] = Long.toUnsignedString(r.totalInvested);
            rate[k] = r.dailyRate;
            createdAt[k] = r.createdAt;
            legacy[k] = r.legacyEvent;
            earned[k] = Long.toUnsignedString(r.earned);
            earnedAsOf[k] = r.earnedAsOf;
            status[k] = r.status;
            if (sold) {
                soldAt[k] = r.soldAt;
                daysHeld[k] = r.daysHeld;
                baseFee[k] = r.baseFeePercent >= 0 ? r.baseFeePercent : null;
                discount[k] = r.slotDiscount >= 0 ? r.slotDiscount : null;
                finalFee[k] = r.finalFeePercent;
                returned[k] = Long.toUnsignedString(r.returnAmount);
                sellFee[k] = Long.toString(r.totalInvested - r.returnAmount);
            }
        }
        Connection c = ps.getConnection();
        int i = 1;
        ps.setArray(i++, c.createArrayOf("int4", no));
        ps.setArray(i++, c.createArrayOf("bool", deleted));
        ps.setArray(i++, c.createArrayOf("int4", slot));
        ps.setArray(i++, c.createArrayOf("int4", type));
        ps.setArray(i++, c.createArrayOf("text", typeName));
        ps.setArray(i++, c.createArrayOf("int4", level));
        ps.setArray(i++, c.createArrayOf("text", baseCost));
        ps.setArray(i++, c.createArrayOf("text", slotCost));
        ps.setArray(i++, c.createArrayOf("text", upgradeSpent));
        ps.setArray(i++, c.createArrayOf("text", invested));
        ps.setArray(i++, c.createArrayOf("int4", rate));
        ps.setArray(i++, c.createArrayOf("int8", createdAt));
        ps.setArray(i++, c.createArrayOf("bool", legacy));
        ps.setArray(i++, c.createArrayOf("text", earned));
        ps.setArray(i++, c.createArrayOf("int8", earnedAsOf));
        ps.setArray(i++, c.createArrayOf("text", status));
        ps.setArray(i++, c.createArrayOf("int8", soldAt));
        ps.setArray(i++, c.createArrayOf("int8", daysHeld));
        ps.setArray(i++, c.createArrayOf("int4", baseFee));
        ps.setArray(i++, c.createArrayOf("int4", discount));
        ps.setArray(i++, c.createArrayOf("int4", finalFee));
        ps.setArray(i++, c.createArrayOf("text", returned));
        ps.setArray(i++, c.createArrayOf("text", sellFee));
        ps.setString(i++, rows.player);
        ps.setString(i++, rows.player);
        ps.setInt(i++, rows.purgeAbove >= 0 ? rows.purgeAbove : Integer.MAX_VALUE);
        ps.setString(i, rows.player);
    }

    static void bindReconciliation(PreparedStatement ps, ReconciliationRow row)
            throws SQLException {
        int i = 1;
        ps.setBoolean(i++, row.deleted && !row.purge);
        ps.setString(i++, row.eventId);
        ps.setString(i++, row.check);
        ps.setBoolean(i++, row.purge);
        ps.setString(i++, row.player);
        setTime(ps, i++, row.at);
        ps.setString(i++, row.eventId);
        ps.setString(i++, row.check);
        ps.setString(i++, row.player);
        setTime(ps, i++, row.deleted ? null : row.at);
        ps.setLong(i++, row.slot);
        ps.setString(i++, row.txSignature);
        BigDecimal expected = unsigned(row.expected);
        BigDecimal reported = unsigned(row.reported);
        ps.setBigDecimal(i++, expected);
        ps.setBigDecimal(i++, reported);
        ps.setBigDecimal(i++, reported.subtract(expected));
        ps.setString(i++, row.detail);
        ps.setBoolean(i, row.deleted);
    }

    static void bindGlobalStats(PreparedStatement ps, GlobalStatsRow row) throws SQLException {
        int i = 1;
        ps.setString(i++, row.program);
        ps.setLong(i++, row.players);
        ps.setLong(i++, row.businesses);
        ps.setString(i++, row.businessesByTypeJson());
        ps.setBigDecimal(i++, new BigDecimal(row.totalInvested));
        ps.setBigDecimal(i++, new BigDecimal(row.activeInvested));
        ps.setBigDecimal(i++, new BigDecimal(row.totalPending));
        ps.setBigDecimal(i++, new BigDecimal(row.totalClaimed));
        setTime(ps, i, row.asOf);
    }

    private static BigDecimal unsigned(long value) {
        return value >= 0
                ? BigDecimal.valueOf(value)
                : new BigDecimal(new BigInteger(Long.toUnsignedString(value)));
    }

    private static void setSeconds(PreparedStatement ps, int index, long seconds)
            throws SQLException {
        setTime(ps, index, seconds == 0 ? null : seconds * 1000);
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
