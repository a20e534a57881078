package io.chainplay.api.casino;

import io.chainplay.api.JsonRows;
import io.chainplay.api.Pages.TimeCursor;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the casino tables of migration V2 (pools, pool stats and volume, leaderboards, jackpots,
 * fees, the vault, anomalies, outcome tests), which the casino Flink job upserts.
 *
 * <p>Every query is an index range with a LIMIT (the index each uses is named beside it), and rows
 * come out through {@link JsonRows}: amounts as decimal strings, times ISO-8601.
 */
@Repository
@Transactional(readOnly = true)
class CasinoTablesRepository {

    private static final String POOL_COLUMNS =
            """
            SELECT p.pool_id, p.name, p.slug, p.game, p.manager,
                   p.fee_play_multiplier, p.fee_loss_multiplier, p.fee_mint_multiplier,
                   p.fee_host_percent, p.fee_pool_percent, p.min_limit_for_ticket, p.probability,
                   p.registered_signature, p.registered_slot, p.registered_at,
                   s.plays, s.wins, s.players, s.wagered, s.paid_out, s.house_profit, s.fees,
                   s.jackpot, s.jackpots_won, s.jackpot_released
            FROM casino.pools p LEFT JOIN casino.pool_stats s ON s.pool_id = p.pool_id
            """;

    private final JdbcClient jdbc;

    CasinoTablesRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Pools newest first, with their totals. */
    List<Map<String, Object>> pools(TimeCursor after, int limit) {
        String sql =
                POOL_COLUMNS
                        + (after == null ? "" : " WHERE (p.registered_at, p.pool_id) < (:at, :id)")
                        + " ORDER BY p.registered_at DESC, p.pool_id DESC LIMIT :limit";
        var statement = jdbc.sql(sql).param("limit", limit);
        if (after != null) {
            statement = statement.param("at", Timestamp.from(after.at())).param("id", after.id());
        }
        return statement.query(JsonRows.MAPPER).list();
    }

    /** One pool by id (primary key) or slug (pools_slug_idx). */
    Optional<Map<String, Object>> pool(String idOrSlug, boolean bySlug) {
        return jdbc.sql(
                        POOL_COLUMNS
                                + (bySlug ? " WHERE p.slug = :key" : " WHERE p.pool_id = :key"))
                .param("key", idOrSlug)
                .query(JsonRows.MAPPER)
                .optional();
    }

    /** The pool's fee totals and their split (pool_stats). */
    Optional<Map<String, Object>> poolFeeSplit(String poolId) {
        return jdbc.sql(
                        "SELECT fees, fee_host, fee_pool, fee_network, fee_burn"
                                + " FROM casino.pool_stats WHERE pool_id = :pool")
                .param("pool", poolId)
                .query(JsonRows.MAPPER)
                .optional();
    }

    /** Volume buckets in [from, to), oldest first (pool_volume primary key). */
    List<Map<String, Object>> volume(
            String poolId, String granularity, Instant from, Instant to, int limit) {
        return jdbc.sql(
                        """
                        SELECT bucket_start, plays, wagered, paid_out, house_profit
                        FROM casino.pool_volume
                        WHERE pool_id = :pool AND granularity = :g
                          AND bucket_start >= :from AND bucket_start < :to
                        ORDER BY bucket_start LIMIT :limit
                        """)
                .param("pool", poolId)
                .param("g", granularity)
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .param("limit", limit)
                .query(JsonRows.MAPPER)
                .list();
    }

    /**
     * A board's top rows (leaderboard_rank_idx); the rank is the position, as in the view. One
     * statement, so no transaction, for the reason {@link CasinoRepository} gives.
     */
    @Transactional(propagation = Propagation.SUPPORTS)
    List<Map<String, Object>> leaderboard(
            String poolId, String period, LocalDate periodStart, String metric, int limit) {
        return JsonRows.ranked(
                jdbc.sql(
                                """
                                SELECT player, value FROM casino.leaderboard_entries
                                WHERE pool_id = :pool AND period = :period
                                  AND period_start = :start AND metric = :metric
                                ORDER BY value DESC, player LIMIT :limit
                                """)
                        .param("pool", poolId)
                        .param("period", period)
                        .param("start", periodStart)
                        .param("metric", metric)
                        .param("limit", limit)
                        .query(JsonRows.MAPPER)
                        .list());
    }

    /**
     * A player's places on every board, newest period first (leaderboard_player_idx, then
     * leaderboard_rank_idx for each rank; a board holds at most 100 rows).
     */
    List<Map<String, Object>> playerPlaces(String player, int limit) {
        return jdbc.sql(
                        """
                        SELECT e.pool_id, e.period, e.period_start, e.metric, e.value,
                          1 + (SELECT count(*) FROM casino.leaderboard_entries o
                               WHERE o.pool_id = e.pool_id AND o.period = e.period
                                 AND o.period_start = e.period_start AND o.metric = e.metric
                                 AND (o.value > e.value OR (o.value = e.value AND o.player < e.player)))
                            AS rank
                        FROM casino.leaderboard_entries e
                        WHERE e.player = :player
                        ORDER BY e.period_start DESC, e.pool_id, e.period, e.metric LIMIT :limit
                        """)
                .param("player", player)
                .param("limit", limit)
                .query(JsonRows.MAPPER)
                .list();
    }

    /** Jackpots won, newest first (jackpots_time_idx, _pool_time_idx, _receiver_idx). */
    List<Map<String, Object>> jackpots(
            String poolId, String receiver, TimeCursor after, int limit) {
        StringBuilder sql =
                new StringBuilder(
                        "SELECT event_id, pool_id, trial_id, receiver, released_amount, signature,"
                                + " slot, released_at FROM casino.jackpots WHERE true");
        if (poolId != null) {
            sql.append(" AND pool_id = :pool");
        }
        if (receiver != null) {
            sql.append(" AND receiver = :receiver");
        }
        if (after != null) {
            sql.append(" AND (released_at, event_id) < (:at, :id)");
        }
        sql.append(" ORDER BY released_at DESC, event_id DESC LIMIT :limit");
        var statement = jdbc.sql(sql.toString()).param("limit", limit);
        if (poolId != null) {
            statement = statement.param("pool", poolId);
        }
        if (receiver != null) {
            statement = statement.param("receiver", receiver);
        }
        if (after != null) {
            statement = statement.param("at", Timestamp.from(after.at())).param("id", after.id());
        }
        return statement.query(JsonRows.MAPPER).list();
    }

    /** Fees charged, newest first (fees_pool_time_idx, fees_trial_idx). */
    List<Map<String, Object>> fees(String poolId, String trialId, TimeCursor after, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM casino.fees WHERE true");
        if (poolId != null) {
            sql.append(" AND pool_id = :pool");
        }
        if (trialId != null) {
            sql.append(" AND trial_id = :trial");
        }
        if (after != null) {
            sql.append(" AND (charged_at, event_id) < (:at, :id)");
        }
        sql.append(" ORDER BY charged_at DESC, event_id DESC LIMIT :limit");
        var statement = jdbc.sql(sql.toString()).param("limit", limit);
        if (poolId != null) {
            statement = statement.param("pool", poolId);
        }
        if (trialId != null) {
            statement = statement.param("trial", trialId);
        }
        if (after != null) {
            statement = statement.param("at", Timestamp.from(after.at())).param("id", after.id());
        }
        return statement.query(JsonRows.MAPPER).list();
    }

    /** The casino program's totals (the casino.totals view over pool_stats, one row per pool). */
    Map<String, Object> totals() {
        return jdbc.sql("SELECT * FROM casino.totals").query(JsonRows.MAPPER).single();
    }

    /** The vault's configuration, and its newest admin events (vault_events_time_idx). */
    Map<String, Object> vault(int events) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(
                "config",
                jdbc.sql("SELECT * FROM casino.vault_config ORDER BY program_id LIMIT 10")
                        .query(JsonRows.MAPPER)
                        .list());
        out.put(
                "events",
                jdbc.sql(
                                "SELECT * FROM casino.vault_events ORDER BY updated_at DESC, event_id LIMIT :n")
                        .param("n", events)
                        .query(JsonRows.MAPPER)
                        .list());
        return out;
    }

    /** The pool's latest fairness tests, one per qk table. */
    List<Map<String, Object>> outcomeTests(String poolId) {
        return jdbc.sql(
                        "SELECT * FROM casino.outcome_tests WHERE pool_id = :pool"
                                + " ORDER BY window_end DESC LIMIT 100")
                .param("pool", poolId)
                .query(JsonRows.MAPPER)
                .list();
    }

    /** Anomalies newest first (anomalies_time_idx, _pool_idx, _kind_idx). */
    List<Map<String, Object>> anomalies(String kind, String poolId, TimeCursor after, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM casino.anomalies WHERE true");
        if (kind != null) {
            sql.append(" AND kind = :kind");
        }
        if (poolId != null) {
            sql.append(" AND pool_id = :pool");
        }
        if (after != null) {
            sql.append(" AND (observed_at, anomaly_id) < (:at, :id)");
        }
        sql.append(" ORDER BY observed_at DESC, anomaly_id DESC LIMIT :limit");
        var statement = jdbc.sql(sql.toString()).param("limit", limit);
        if (kind != null) {
            statement = statement.param("kind", kind);
        }
        if (poolId != null) {
            statement = statement.param("pool", poolId);
        }
        if (after != null) {
            statement = statement.param("at", Timestamp.from(after.at())).param("id", after.id());
        }
        return statement.query(JsonRows.MAPPER).list();
    }
}
