package io.chainplay.pipelines.casino;

import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The casino tables (migrations V1 and V2): their columns, and how the job's rows become {@link
 * TableRow}s of them.
 *
 * <p>Every row is an absolute value by natural key, or the deletion of that key, so replaying any
 * sequence of rows ends with the last one's values (ARCHITECTURE.md, principle 4); {@link
 * PostgresTableSink} turns a batch of them into one upsert and one delete per table.
 */
public final class CasinoTables {

    /**
     * One table: its name, its columns with their Postgres types (keys first) and how many of them
     * form the key.
     */
    public record Table(String name, List<String> columns, List<String> types, int keyCount) {

        int indexOf(String column) {
            int index = columns.indexOf(column);
            if (index < 0) {
                throw new IllegalArgumentException(name + " has no column " + column);
            }
            return index;
        }

        /** An upsert row of this table; values in column order. */
        TableRow row(String... values) {
            if (values.length != columns.size()) {
                throw new IllegalArgumentException(
                        name
                                + " has "
                                + columns.size()
                                + " columns, got "
                                + values.length
                                + " values");
            }
            return new TableRow(name, false, values);
        }

        /** The deletion of the row with these key values. */
        TableRow deletion(String... keys) {
            if (keys.length != keyCount) {
                throw new IllegalArgumentException(name + " has " + keyCount + " key columns");
            }
            return new TableRow(name, true, Arrays.copyOf(keys, keyCount));
        }
    }

    private static final Map<String, Table> TABLES = new LinkedHashMap<>();

    public static final Table BETS =
            define(
                    "casino.bets",
                    1,
                    "trial_id text",
                    "pool_id text",
                    "player text",
                    "wager numeric",
                    "qk jsonb",
                    "extra_data_hash text",
                    "status text",
                    "result_index numeric",
                    "randomness float8",
                    "result_k float8",
                    "payout numeric",
                    "delta_amount numeric",
                    "won boolean",
                    "registered_event_id text",
                    "registered_signature text",
                    "registered_slot bigint",
                    "registered_at timestamptz",
                    "resolved_event_id text",
                    "resolved_signature text",
                    "resolved_slot bigint",
                    "resolved_at timestamptz",
                    "expired_at timestamptz");

    public static final Table PLAYER_STATS =
            define(
                    "casino.player_stats",
                    2,
                    "player text",
                    "pool_id text",
                    "bets bigint",
                    "wins bigint",
                    "losses bigint",
                    "pushes bigint",
                    "wagered numeric",
                    "paid_out numeric",
                    "net numeric",
                    "biggest_win numeric",
                    "biggest_win_trial text",
                    "current_streak integer",
                    "best_streak integer",
                    "first_seen timestamptz",
                    "last_seen timestamptz");

    public static final Table POOLS =
            define(
                    "casino.pools",
                    1,
                    "pool_id text",
                    "manager text",
                    "fee_play_multiplier float8",
                    "fee_loss_multiplier float8",
                    "fee_mint_multiplier float8",
                    "fee_host_percent float8",
                    "fee_pool_percent float8",
                    "min_limit_for_ticket float8",
                    "probability float8",
                    "name text",
                    "slug text",
                    "game text",
                    "registered_event_id text",
                    "registered_signature text",
                    "registered_slot bigint",
                    "order_index numeric",
                    "registered_at timestamptz");

    public static final Table POOL_STATS =
            define(
                    "casino.pool_stats",
                    1,
                    "pool_id text",
                    "plays bigint",
                    "wins bigint",
                    "players bigint",
                    "wagered numeric",
                    "paid_out numeric",
                    "house_profit numeric",
                    "fees numeric",
                    "fee_host numeric",
                    "fee_pool numeric",
                    "fee_network numeric",
                    "fee_burn numeric",
                    "jackpot numeric",
                    "jackpots_won bigint",
                    "jackpot_released numeric");

    public static final Table POOL_VOLUME =
            define(
                    "casino.pool_volume",
                    3,
                    "pool_id text",
                    "granularity text",
                    "bucket_start timestamptz",
                    "plays bigint",
                    "wagered numeric",
                    "paid_out numeric",
                    "house_profit numeric");

    public static final Table FEES =
            define(
                    "casino.fees",
                    1,
                    "event_id text",
                    "order_index numeric",
                    "pool_id text",
                    "trial_id text",
                    "fee_type smallint",
                    "fee_type_name text",
                    "fee_amount numeric",
                    "host_percent float8",
                    "pool_percent float8",
                    "network_percent float8",
                    "min_burn_percent float8",
                    "host_amount numeric",
                    "pool_amount numeric",
                    "network_amount numeric",
                    "burn_amount numeric",
                    "signature text",
                    "slot bigint",
                    "charged_at timestamptz");

    public static final Table POOL_ACCUMULATIONS =
            define(
                    "casino.pool_accumulations",
                    1,
                    "event_id text",
                    "order_index numeric",
                    "pool_id text",
                    "trial_id text",
                    "new_accumulated_amount numeric",
                    "signature text",
                    "slot bigint",
                    "updated_at timestamptz");

    public static final Table JACKPOTS =
            define(
                    "casino.jackpots",
                    1,
                    "event_id text",
                    "order_index numeric",
                    "pool_id text",
                    "trial_id text",
                    "receiver text",
                    "released_amount numeric",
                    "signature text",
                    "slot bigint",
                    "released_at timestamptz");

    public static final Table VAULT_EVENTS =
            define(
                    "casino.vault_events",
                    1,
                    "event_id text",
                    "order_index numeric",
                    "event_name text",
                    "field text",
                    "address text",
                    "value float8",
                    "signature text",
                    "slot bigint",
                    "updated_at timestamptz");

    public static final Table VAULT_CONFIG =
            define(
                    "casino.vault_config",
                    1,
                    "program_id text",
                    "admin text",
                    "resolver text",
                    "net_fee_recipient text",
                    "ev_threshold float8",
                    "fee_network_pct float8",
                    "min_fee_burn_pct float8",
                    "updated_at timestamptz");

    public static final Table ANOMALIES =
            define(
                    "casino.anomalies",
                    1,
                    "anomaly_id text",
                    "kind text",
                    "pool_id text",
                    "trial_id text",
                    "player text",
                    "event_id text",
                    "observed_at timestamptz",
                    "details jsonb");

    public static final Table OUTCOME_TESTS =
            define(
                    "casino.outcome_tests",
                    2,
                    "pool_id text",
                    "qk_id text",
                    "qk jsonb",
                    "window_start timestamptz",
                    "window_end timestamptz",
                    "bets bigint",
                    "chi_square float8",
                    "degrees_of_freedom integer",
                    "p_value float8",
                    "flagged boolean");

    public static final Table LEADERBOARD_ENTRIES =
            define(
                    "casino.leaderboard_entries",
                    5,
                    "pool_id text",
                    "period text",
                    "period_start date",
                    "metric text",
                    "player text",
                    "value numeric");

    private CasinoTables() {}

    private static Table define(String name, int keyCount, String... columns) {
        List<String> names = Arrays.stream(columns).map(c -> c.split(" ")[0]).toList();
        List<String> types = Arrays.stream(columns).map(c -> c.split(" ")[1]).toList();
        Table table = new Table(name, names, types, keyCount);
        TABLES.put(name, table);
        return table;
    }

    /** A table by name. */
    public static Table table(String name) {
        Table table = TABLES.get(name);
        if (table == null) {
            throw new IllegalArgumentException("Unknown casino table " + name);
        }
        return table;
    }

    public static List<Table> all() {
        return List.copyOf(TABLES.values());
    }

    /** The row of {@code casino.bets} (or its deletion) for a bet. */
    public static TableRow bet(BetRow row) {
        if (row.deleted) {
            return BETS.deletion(row.trialId);
        }
        TableRow bet =
                BETS.row(
                        row.trialId,
                        row.poolId,
                        row.player,
                        text(row.wager),
                        row.qkJson,
                        row.extraDataHash,
                        row.status,
                        row.resultIndex == null ? null : Long.toUnsignedString(row.resultIndex),
                        text(row.randomness),
                        text(row.resultK),
                        text(row.payout),
                        text(row.deltaAmount),
                        row.won == null ? null : row.won.toString(),
                        row.registeredEventId,
                        row.registeredSignature,
                        Long.toString(row.registeredSlot),
                        time(row.registeredAt),
                        row.resolvedEventId,
                        row.resolvedSignature,
                        row.resolvedSlot == null ? null : row.resolvedSlot.toString(),
                        row.resolvedAt == null ? null : time(row.resolvedAt),
                        row.expiredAt == null ? null : time(row.expiredAt));
        // Placed and unresolved: its settlement usually follows within seconds and replaces it.
        bet.provisional = "placed".equals(row.status);
        return bet;
    }

    static String text(BigInteger value) {
        return value == null ? null : value.toString();
    }

    static String text(Double value) {
        return value == null ? null : value.toString();
    }

    static String text(long value) {
        return Long.toString(value);
    }

    static String unsigned(long value) {
        return Long.toUnsignedString(value);
    }

    private static final long MILLIS_PER_DAY = 86_400_000L;
    private static final long LAST_DAY_OF_9999 = LocalDate.of(9999, 12, 31).toEpochDay();

    /**
     * Epoch milliseconds as an ISO-8601 instant, which Postgres reads exactly: the same text as
     * {@link Instant#toString()}, written by hand because {@code DateTimeFormatter} took a tenth of
     * the fee ledger's time in the casino benchmark (every row has one or two timestamps).
     */
    static String time(long epochMillis) {
        long day = Math.floorDiv(epochMillis, MILLIS_PER_DAY);
        if (day < 0 || day > LAST_DAY_OF_9999) {
            return Instant.ofEpochMilli(epochMillis).toString();
        }
        LocalDate date = LocalDate.ofEpochDay(day);
        int ms = (int) Math.floorMod(epochMillis, MILLIS_PER_DAY);
        int millis = ms % 1000;
        char[] c = new char[millis == 0 ? 20 : 24];
        digits(c, 0, date.getYear(), 4);
        c[4] = '-';
        digits(c, 5, date.getMonthValue(), 2);
        c[7] = '-';
        digits(c, 8, date.getDayOfMonth(), 2);
        c[10] = 'T';
        digits(c, 11, ms / 3_600_000, 2);
        c[13] = ':';
        digits(c, 14, ms / 60_000 % 60, 2);
        c[16] = ':';
        digits(c, 17, ms / 1000 % 60, 2);
        if (millis != 0) {
            c[19] = '.';
            digits(c, 20, millis, 3);
        }
        c[c.length - 1] = 'Z';
        return new String(c);
    }

    private static void digits(char[] c, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            c[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    static String date(long epochDay) {
        return LocalDate.ofEpochDay(epochDay).toString();
    }
}
