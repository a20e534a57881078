package io.chainplay.api.casino;

import io.chainplay.api.ApiException;
import io.chainplay.api.Pages;
import io.chainplay.api.Pages.TimeCursor;
import io.chainplay.api.PublicKeys;
import io.chainplay.api.Rows;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The casino beyond bets and player stats: pools with their stats and volume series, leaderboards,
 * jackpots, fees, the vault, fairness tests, and (admins) anomalies.
 */
@RestController
@Tag(name = "casino", description = "FarePlay casino tables computed by the casino job")
class PoolController {

    static final Set<String> PERIODS = Set.of("day", "week", "all");
    static final Set<String> METRICS = Set.of("net", "volume", "wins");
    static final Set<String> GRANULARITIES = Set.of("hour", "day");
    // A volume series is at most this many buckets (a month of hours, ~3 years of days).
    static final int MAX_BUCKETS = 1000;
    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final LocalDate ALL_TIME = LocalDate.of(1970, 1, 1);

    private final CasinoTablesRepository repository;
    private final Clock clock;

    /**
     * Leaderboard responses by request, kept for {@code chainplay.api.leaderboard-cache-ttl}
     * (default 1 s; 0 turns it off). A board is the same for every client and the casino job
     * rewrites it at most once per flush interval (1 s by default), so the clients of a live game
     * polling it are served from memory, and a database stall reaches only the request that
     * refreshes an entry. Bounded in entries, so no request mix can grow it.
     */
    private final Cache<LeaderboardKey, Map<String, Object>> leaderboards;

    private record LeaderboardKey(
            String pool, String period, LocalDate start, String metric, int limit) {}

    PoolController(
            CasinoTablesRepository repository,
            Clock clock,
            @Value("${chainplay.api.leaderboard-cache-ttl:1s}") Duration leaderboardCacheTtl) {
        this.repository = repository;
        this.clock = clock;
        this.leaderboards =
                Caffeine.newBuilder()
                        .expireAfterWrite(leaderboardCacheTtl)
                        .maximumSize(leaderboardCacheTtl.isZero() ? 0 : 10_000)
                        .build();
    }

    @GetMapping("/api/pools")
    @Operation(summary = "Pools (casinos) newest first, with their totals, paged by cursor")
    Map<String, Object> pools(
            @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "" + Pages.DEFAULT_LIMIT) int limit) {
        Pages.limit(limit);
        List<Map<String, Object>> rows = repository.pools(TimeCursor.decode(cursor), limit);
        return Pages.page(
                "pools",
                rows,
                Pages.next(
                        rows,
                        limit,
                        r ->
                                new TimeCursor(
                                        Instant.parse((String) r.get("registeredAt")),
                                        (String) r.get("poolId"))));
    }

    @GetMapping("/api/pools/{pool}")
    @Operation(summary = "One pool by id or slug: parameters, totals, fee split")
    Map<String, Object> pool(@PathVariable String pool) {
        Map<String, Object> row = find(pool);
        Map<String, Object> out = new LinkedHashMap<>(row);
        out.put("feeSplit", repository.poolFeeSplit((String) row.get("poolId")).orElse(null));
        return out;
    }

    @GetMapping("/api/pools/{pool}/volume")
    @Operation(
            summary = "A pool's volume series (plays, wagered, paid out, house profit) per bucket",
            description =
                    "Buckets in [from, to), oldest first; default the last 24 hours (hour) or 30"
                            + " days (day); at most 1000 buckets.")
    Map<String, Object> volume(
            @PathVariable String pool,
            @Parameter(description = "hour or day") @RequestParam(defaultValue = "hour")
                    String granularity,
            @Parameter(description = "ISO-8601 instant") @RequestParam(required = false)
                    String from,
            @Parameter(description = "ISO-8601 instant") @RequestParam(required = false)
                    String to) {
        if (!GRANULARITIES.contains(granularity)) {
            throw ApiException.badRequest(
                    "invalid_granularity",
                    "Parameter 'granularity' must be hour or day, got "
                            + ApiException.quote(granularity));
        }
        Duration bucket = granularity.equals("hour") ? Duration.ofHours(1) : Duration.ofDays(1);
        Instant end =
                to != null
                        ? instant("to", to)
                        : clock.instant()
                                .truncatedTo(
                                        granularity.equals("hour")
                                                ? ChronoUnit.HOURS
                                                : ChronoUnit.DAYS)
                                .plus(bucket);
        Instant start =
                from != null
                        ? instant("from", from)
                        : end.minus(
                                granularity.equals("hour")
                                        ? Duration.ofHours(24)
                                        : Duration.ofDays(30));
        if (!start.isBefore(end)) {
            throw ApiException.badRequest("invalid_range", "'from' must be before 'to'");
        }
        if (Duration.between(start, end).compareTo(bucket.multipliedBy(MAX_BUCKETS)) > 0) {
            throw ApiException.badRequest(
                    "invalid_range",
                    "At most " + MAX_BUCKETS + " " + granularity + " buckets per request");
        }
        String poolId = (String) find(pool).get("poolId");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("poolId", poolId);
        out.put("granularity", granularity);
        out.put("from", start.toString());
        out.put("to", end.toString());
        out.put("buckets", repository.volume(poolId, granularity, start, end, MAX_BUCKETS));
        return out;
    }

    @GetMapping("/api/pools/{pool}/outcome-tests")
    @Operation(summary = "A pool's running fairness (chi-square) test per qk table")
    Map<String, Object> outcomeTests(@PathVariable String pool) {
        String poolId = (String) find(pool).get("poolId");
        return Map.of("poolId", poolId, "tests", repository.outcomeTests(poolId));
    }

    @GetMapping("/api/leaderboards")
    @Operation(
            summary = "A pool's leaderboard for a period and metric",
            description =
                    "period day (UTC), week (ISO, from Monday) or all; metric net (profit),"
                            + " volume (wagered) or wins; date picks the day or week (default"
                            + " today). Top 100 at most.")
    Map<String, Object> leaderboard(
            @Parameter(description = "pool id or slug", required = true) @RequestParam String pool,
            @RequestParam(defaultValue = "day") String period,
            @RequestParam(defaultValue = "net") String metric,
            @Parameter(description = "YYYY-MM-DD within the period") @RequestParam(required = false)
                    String date,
            @RequestParam(defaultValue = "10") int limit) {
        if (!PERIODS.contains(period)) {
            throw ApiException.badRequest(
                    "invalid_period",
                    "Parameter 'period' must be day, week or all, got "
                            + ApiException.quote(period));
        }
        if (!METRICS.contains(metric)) {
            throw ApiException.badRequest(
                    "invalid_metric",
                    "Parameter 'metric' must be net, volume or wins, got "
                            + ApiException.quote(metric));
        }
        Pages.limit(limit);
        LocalDate day;
        try {
            day =
                    date == null
                            ? LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)
                            : LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(
                    "invalid_date",
                    "Parameter 'date' must be YYYY-MM-DD, got " + ApiException.quote(date));
        }
        LocalDate start =
                switch (period) {
                    case "day" -> day;
                    case "week" -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                    default -> ALL_TIME;
                };
        return leaderboards.get(
                new LeaderboardKey(pool, period, start, metric, limit), this::leaderboard);
    }

    private Map<String, Object> leaderboard(LeaderboardKey key) {
        String poolId = poolId(key.pool());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("poolId", poolId);
        out.put("period", key.period());
        out.put("periodStart", key.start().toString());
        out.put("metric", key.metric());
        out.put(
                "entries",
                List.copyOf(
                        repository.leaderboard(
                                poolId, key.period(), key.start(), key.metric(), key.limit())));
        return Collections.unmodifiableMap(out);
    }

    @GetMapping("/api/players/{wallet}/leaderboards")
    @Operation(summary = "A player's places on every leaderboard, newest period first")
    Map<String, Object> playerPlaces(
            @PathVariable String wallet,
            @RequestParam(defaultValue = "" + Pages.DEFAULT_LIMIT) int limit) {
        Rows.requireKey(wallet, "invalid_wallet", "Wallet");
        Pages.limit(limit);
        return Map.of("player", wallet, "places", repository.playerPlaces(wallet, limit));
    }

    @GetMapping("/api/jackpots")
    @Operation(summary = "Jackpots won, newest first, paged by cursor")
    Map<String, Object> jackpots(
            @RequestParam(required = false) String pool,
            @Parameter(description = "the winner's wallet") @RequestParam(required = false)
                    String receiver,
            @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "" + Pages.DEFAULT_LIMIT) int limit) {
        Rows.requireKey(receiver, "invalid_receiver", "Parameter 'receiver'");
        Pages.limit(limit);
        List<Map<String, Object>> rows =
                repository.jackpots(
                        pool == null ? null : poolId(pool),
                        receiver,
                        TimeCursor.decode(cursor),
                        limit);
        return Pages.page(
                "jackpots",
                rows,
                Pages.next(
                        rows,
                        limit,
                        r ->
                                new TimeCursor(
                                        Instant.parse((String) r.get("releasedAt")),
                                        (String) r.get("eventId"))));
    }

    @GetMapping("/api/fees")
    @Operation(summary = "Fees charged with their host/pool/network/burn split, newest first")
    Map<String, Object> fees(
            @RequestParam(required = false) String pool,
            @RequestParam(required = false) String trial,
            @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "" + Pages.DEFAULT_LIMIT) int limit) {
        Rows.requireKey(trial, "invalid_trial", "Parameter 'trial'");
        Pages.limit(limit);
        List<Map<String, Object>> rows =
                repository.fees(
                        pool == null ? null : poolId(pool),
                        trial,
                        TimeCursor.decode(cursor),
                        limit);
        return Pages.page(
                "fees",
                rows,
                Pages.next(
                        rows,
                        limit,
                        r ->
                                new TimeCursor(
                                        Instant.parse((String) r.get("chargedAt")),
                                        (String) r.get("eventId"))));
    }

    @GetMapping("/api/casino/totals")
    @Operation(summary = "The whole casino program: pools, plays, wagered, paid out, fees")
    Map<String, Object> totals() {
        return repository.totals();
    }

    @GetMapping("/api/vault")
    @Operation(summary = "The fare_vault's current configuration and its newest admin events")
    Map<String, Object> vault() {
        return repository.vault(20);
    }

    @GetMapping("/api/admin/anomalies")
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "What the casino job found implausible, newest first (admins)")
    Map<String, Object> anomalies(
            @RequestParam(required = false) String kind,
            @RequestParam(required = false) String pool,
            @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "" + Pages.DEFAULT_LIMIT) int limit) {
        if (kind != null && !kind.matches("[a-z_]{1,64}")) {
            throw ApiException.badRequest(
                    "invalid_kind", "Parameter 'kind' is not an anomaly kind");
        }
        Pages.limit(limit);
        List<Map<String, Object>> rows =
                repository.anomalies(
                        kind, pool == null ? null : poolId(pool), TimeCursor.decode(cursor), limit);
        return Pages.page(
                "anomalies",
                rows,
                Pages.next(
                        rows,
                        limit,
                        r ->
                                new TimeCursor(
                                        Instant.parse((String) r.get("observedAt")),
                                        (String) r.get("anomalyId"))));
    }

    // A pool parameter: a pubkey is used as is (no lookup), a slug is resolved.
    private String poolId(String pool) {
        if (PublicKeys.isPublicKey(pool)) {
            return pool;
        }
        return (String) find(pool).get("poolId");
    }

    private Map<String, Object> find(String pool) {
        boolean key = PublicKeys.isPublicKey(pool);
        if (!key && !SLUG.matcher(pool).matches()) {
            throw ApiException.badRequest(
                    "invalid_pool",
                    "A pool is its id (a Solana public key) or its slug, got "
                            + ApiException.quote(pool));
        }
        return repository
                .pool(pool, !key)
                .orElseThrow(
                        () ->
                                ApiException.notFound(
                                        "pool_not_found", "No pool " + ApiException.quote(pool)));
    }

    private static Instant instant(String name, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(
                    "invalid_" + name,
                    "Parameter '"
                            + name
                            + "' must be an ISO-8601 instant such as 2025-06-01T00:00:00Z");
        }
    }
}
