package io.chainplay.api.trading;

import io.chainplay.api.ApiException;
import io.chainplay.api.Pages;
import io.chainplay.api.Pages.TimeCursor;
import io.chainplay.api.Rows;
import io.chainplay.api.trading.TradingRepository.FillCursor;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The trading domain (Perp Tycoon on Extended), public reads: a player's positions with PnL, their
 * fills, their daily-trade ledger, and the trading leaderboard. All of it is what the trading job
 * wrote to the {@code trading} tables.
 */
@RestController
@Tag(
        name = "trading",
        description = "Positions, fills and daily trades computed by the trading job")
class TradingController {

    /**
     * Extended's market names: asset and collateral, e.g. {@code BTC-USD}, {@code 1000PEPE-USD}.
     */
    static final Pattern MARKET = Pattern.compile("[A-Z0-9]{1,16}-[A-Z0-9]{1,16}");

    static final Set<String> METRICS = Set.of("net", "volume");
    static final int DEFAULT_DAYS = 30;
    static final int MAX_DAYS = 366;

    private final TradingRepository repository;
    private final Clock clock;

    TradingController(TradingRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    @GetMapping("/api/trading/players/{wallet}/positions")
    @Operation(
            summary = "A player's positions per venue and market, with PnL and totals",
            description =
                    "size is signed (> 0 long, < 0 short, 0 flat); avgEntryPrice and openedAt are"
                            + " null when flat; realizedPnl is gross, netPnl = realizedPnl - fees."
                            + " A wallet with no fills has no positions and zero totals.")
    Map<String, Object> positions(@PathVariable String wallet) {
        Rows.requireKey(wallet, "invalid_wallet", "Wallet");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("player", wallet);
        out.put("totals", repository.totals(wallet));
        out.put("positions", repository.positions(wallet));
        return out;
    }

    @GetMapping("/api/trading/players/{wallet}/fills")
    @Operation(
            summary = "A player's fills newest first, paged by cursor",
            description =
                    "Each fill with what it did: realizedPnl, positionSize and avgEntryPrice right"
                            + " after it.")
    Map<String, Object> fills(
            @PathVariable String wallet,
            @Parameter(description = "only this market, e.g. BTC-USD")
                    @RequestParam(required = false)
                    String market,
            @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "" + Pages.DEFAULT_LIMIT) int limit) {
        Rows.requireKey(wallet, "invalid_wallet", "Wallet");
        requireMarket(market);
        Pages.limit(limit);
        List<Map<String, Object>> rows =
                repository.fills(wallet, market, fillCursor(cursor), limit);
        return Pages.page(
                "fills",
                rows,
                Pages.next(
                        rows,
                        limit,
                        r ->
                                new TimeCursor(
                                        Instant.parse((String) r.get("createdAt")),
                                        r.get("fillId") + "/" + r.get("venue"))));
    }

    @GetMapping("/api/trading/players/{wallet}/daily")
    @Operation(
            summary = "A player's daily-trade ledger: one row per UTC day with a fill",
            description =
                    "Days in [from, to] oldest first, both YYYY-MM-DD; default the last 30 days up"
                            + " to today (UTC); at most 366 days per request.")
    Map<String, Object> daily(
            @PathVariable String wallet,
            @Parameter(description = "YYYY-MM-DD, inclusive") @RequestParam(required = false)
                    String from,
            @Parameter(description = "YYYY-MM-DD, inclusive") @RequestParam(required = false)
                    String to) {
        Rows.requireKey(wallet, "invalid_wallet", "Wallet");
        LocalDate end =
                to == null ? LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC) : date("to", to);
        LocalDate start = from == null ? end.minusDays(DEFAULT_DAYS - 1) : date("from", from);
        if (start.isAfter(end)) {
            throw ApiException.badRequest(
                    "invalid_range", "'from' (" + start + ") must not be after 'to' (" + end + ")");
        }
        if (ChronoUnit.DAYS.between(start, end) + 1 > MAX_DAYS) {
            throw ApiException.badRequest(
                    "invalid_range", "At most " + MAX_DAYS + " days per request");
        }
        List<Map<String, Object>> days = repository.daily(wallet, start, end);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("player", wallet);
        out.put("from", start.toString());
        out.put("to", end.toString());
        out.put("tradedDays", days.size());
        out.put("days", days);
        return out;
    }

    @GetMapping("/api/trading/leaderboard")
    @Operation(
            summary = "The top traders by net PnL or volume over all their positions",
            description =
                    "metric net (realized PnL minus fees) or volume; ties by wallet; top 100 at"
                            + " most. Open positions count at their realized PnL only.")
    Map<String, Object> leaderboard(
            @Parameter(description = "net or volume") @RequestParam(defaultValue = "net")
                    String metric,
            @RequestParam(defaultValue = "10") int limit) {
        if (!METRICS.contains(metric)) {
            throw ApiException.badRequest(
                    "invalid_metric",
                    "Parameter 'metric' must be net or volume, got " + ApiException.quote(metric));
        }
        Pages.limit(limit);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("metric", metric);
        out.put("entries", repository.leaderboard(metric, limit));
        return out;
    }

    /** A 400 {@code invalid_market} unless null or a market name such as {@code BTC-USD}. */
    static String requireMarket(String market) {
        if (market != null && !MARKET.matcher(market).matches()) {
            throw ApiException.badRequest(
                    "invalid_market",
                    "Market must be like BTC-USD (upper-case letters and digits), got "
                            + ApiException.quote(market));
        }
        return market;
    }

    private static LocalDate date(String name, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(
                    "invalid_" + name,
                    "Parameter '"
                            + name
                            + "' must be YYYY-MM-DD, got "
                            + ApiException.quote(value));
        }
    }

    // The cursor's id is "<fillId>/<venue>"; anything else was not made by this endpoint.
    private static FillCursor fillCursor(String cursor) {
        TimeCursor decoded = TimeCursor.decode(cursor);
        if (decoded == null) {
            return null;
        }
        int slash = decoded.id().indexOf('/');
        try {
            if (slash < 1) {
                throw new NumberFormatException("no venue");
            }
            return new FillCursor(
                    decoded.at(),
                    Long.parseLong(decoded.id().substring(0, slash)),
                    decoded.id().substring(slash + 1));
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(
                    "invalid_cursor",
                    "Parameter 'cursor' must be a nextCursor value from a previous page");
        }
    }
}
