package io.chainplay.devnet.extended;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The exchange itself: accounts, order checks, one price-time-priority book per market, positions,
 * balances and the account-stream messages each change produces.
 *
 * <p>Every operation runs under this object's lock, and the stream messages it produces are handed
 * to the sink before the lock is released, so each account sees its updates in the order they
 * happened. The devnet's own liquidity (account id 0, "the market maker") is quoted in levels
 * around a mark price that random-walks on each {@link #step()}; it has no account, no position and
 * no fills of its own in the ground truth.
 */
final class Exchange {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final long MARKET_MAKER = 0;
    private static final int DECIMALS = 16; // the recorded TRADE message's scale

    /** One stream message for one account, before the connection gives it its sequence number. */
    record StreamMessage(long accountId, String type, ObjectNode data) {}

    /** Settings the engine needs from the builder. */
    record Settings(
            Clock clock,
            long seed,
            BigDecimal makerFee,
            BigDecimal takerFee,
            int liquidityLevels,
            double volatility,
            long maxExpiryMillis) {}

    static final class Order {
        long id;
        long accountId;
        String externalId;
        MarketSpec market;
        String type;
        boolean buy;
        BigDecimal price;
        BigDecimal qty;
        BigDecimal filled = BigDecimal.ZERO;
        BigDecimal cancelled = BigDecimal.ZERO;
        BigDecimal filledValue = BigDecimal.ZERO;
        BigDecimal payedFee = BigDecimal.ZERO;
        boolean reduceOnly;
        boolean postOnly;
        String timeInForce;
        String selfTradeProtection;
        long nonce;
        long expiryTime;
        long createdTime;
        long updatedTime;
        String status = "NEW";
        String statusReason;

        BigDecimal remaining() {
            return qty.subtract(filled).subtract(cancelled);
        }

        boolean open() {
            return status.equals("NEW") || status.equals("PARTIALLY_FILLED");
        }
    }

    static final class Position {
        long id;
        BigDecimal size = BigDecimal.ZERO; // signed: long > 0
        BigDecimal openPrice = BigDecimal.ZERO;
        BigDecimal realisedPnl = BigDecimal.ZERO;
        long createdAt;
        long updatedAt;
    }

    static final class Account {
        final DevnetAccount config;
        final Map<String, Order> byExternalId = new HashMap<>();
        final Set<Long> nonces = new java.util.HashSet<>();
        final Map<String, Position> positions = new LinkedHashMap<>();
        final List<Fill> trades = new ArrayList<>();
        BigDecimal balance;
        long updatedTime;

        Account(DevnetAccount config) {
            this.config = config;
            this.balance = config.initialBalance();
        }
    }

    private static final class Book {
        final MarketSpec spec;
        BigDecimal mark;
        final NavigableMap<BigDecimal, ArrayDeque<Order>> bids =
                new TreeMap<>(Comparator.reverseOrder());
        final NavigableMap<BigDecimal, ArrayDeque<Order>> asks = new TreeMap<>();

        Book(MarketSpec spec, BigDecimal mark) {
            this.spec = spec;
            this.mark = mark;
        }

        NavigableMap<BigDecimal, ArrayDeque<Order>> side(boolean buy) {
            return buy ? bids : asks;
        }
    }

    /** What one operation changed, turned into stream messages at the end of it. */
    private final class Changes {
        final Map<Long, LinkedHashSet<Order>> orders = new LinkedHashMap<>();
        final Map<Long, List<Fill>> trades = new LinkedHashMap<>();
        final Map<Long, LinkedHashSet<String>> positions = new LinkedHashMap<>();
        final Set<Long> balances = new LinkedHashSet<>();

        void order(Order o) {
            if (o.accountId != MARKET_MAKER) {
                orders.computeIfAbsent(o.accountId, k -> new LinkedHashSet<>()).add(o);
            }
        }

        void flush() {
            List<StreamMessage> out = new ArrayList<>();
            Set<Long> touched = new LinkedHashSet<>();
            touched.addAll(orders.keySet());
            touched.addAll(trades.keySet());
            touched.addAll(positions.keySet());
            touched.addAll(balances);
            for (long accountId : touched) {
                Account a = accountsById.get(accountId);
                if (orders.containsKey(accountId)) {
                    ArrayNode list = MAPPER.createArrayNode();
                    orders.get(accountId).forEach(o -> list.add(orderJson(o)));
                    out.add(new StreamMessage(accountId, "ORDER", streamData("orders", list)));
                }
                if (trades.containsKey(accountId)) {
                    ArrayNode list = MAPPER.createArrayNode();
                    trades.get(accountId).forEach(f -> list.add(tradeJson(f)));
                    out.add(new StreamMessage(accountId, "TRADE", streamData("trades", list)));
                }
                if (positions.containsKey(accountId)) {
                    ArrayNode list = MAPPER.createArrayNode();
                    for (String market : positions.get(accountId)) {
                        list.add(positionJson(a, market, a.positions.get(market)));
                    }
                    out.add(
                            new StreamMessage(
                                    accountId, "POSITION", streamData("positions", list)));
                }
                if (balances.contains(accountId)) {
                    out.add(
                            new StreamMessage(
                                    accountId, "BALANCE", streamData("balance", balanceJson(a))));
                }
            }
            if (!out.isEmpty()) {
                sink.accept(out);
            }
        }
    }

    private final Settings settings;
    private final SettlementVerifier verifier;
    private final Map<String, Book> books = new LinkedHashMap<>();
    private final Map<String, Account> accountsByKey = new HashMap<>();
    private final Map<Long, Account> accountsById = new LinkedHashMap<>();
    // Account orders and fills are kept for the devnet's lifetime: they are the REST history and
    // the ground truth. Only the market maker's orders are dropped (on each requote). Bounded by
    // what a test or a local run places, so no eviction.
    private final Map<Long, Order> orders = new HashMap<>();
    private final List<Fill> groundTruth = new ArrayList<>();
    private final Random random;
    private long nextId;
    private Consumer<List<StreamMessage>> sink = messages -> {};

    Exchange(
            Settings settings,
            SettlementVerifier verifier,
            Collection<MarketSpec> markets,
            Map<String, BigDecimal> markPrices,
            Collection<DevnetAccount> accounts) {
        this.settings = settings;
        this.verifier = verifier;
        this.random = new Random(settings.seed());
        // Snowflake-like ids (millis << 22), as large as the recorded ones and rising across
        // restarts.
        this.nextId = settings.clock().millis() << 22;
        for (MarketSpec m : markets) {
            BigDecimal mark = markPrices.getOrDefault(m.name(), m.initialMarkPrice());
            books.put(m.name(), new Book(m, roundToTick(mark, m)));
        }
        for (DevnetAccount a : accounts) {
            Account account = new Account(a);
            account.updatedTime = settings.clock().millis();
            accountsByKey.put(a.apiKey(), account);
            accountsById.put(a.accountId(), account);
        }
        synchronized (this) {
            Changes changes = new Changes();
            for (Book book : books.values()) {
                requote(book, changes);
            }
        }
    }

    synchronized void sink(Consumer<List<StreamMessage>> sink) {
        this.sink = sink;
    }

    /** The account of an API key, or 401. */
    Account authenticate(String apiKey) {
        Account a = apiKey == null ? null : accountsByKey.get(apiKey);
        if (a == null) {
            throw new ApiException(
                    ErrorCode.UNAUTHORIZED,
                    apiKey == null ? "X-Api-Key header is missing" : "Unknown API key");
        }
        return a;
    }

    // ---------------------------------------------------------------- orders

    /** POST /api/v1/user/order: checks, verifies, books and matches; answers {id, externalId}. */
    synchronized ObjectNode placeOrder(Account account, JsonNode body) {
        String externalId = text(body, "id");
        Order existing = account.byExternalId.get(externalId);
        if (existing != null) {
            // A repeated external id is the same order: answer as the first time, change nothing.
            return placed(existing);
        }
        long now = settings.clock().millis();
        Book book = books.get(text(body, "market"));
        if (book == null) {
            throw new ApiException(
                    ErrorCode.MARKET_NOT_FOUND,
                    "Market "
                            + body.path("market").asText()
                            + " not found; known: "
                            + books.keySet());
        }
        MarketSpec m = book.spec;
        if (!m.active()) {
            throw new ApiException(
                    ErrorCode.MARKET_DISABLED, "Market " + m.name() + " is disabled");
        }
        String type = text(body, "type");
        if (!type.equals("LIMIT") && !type.equals("MARKET")) {
            throw new ApiException(
                    ErrorCode.NOT_ALLOWED_ORDER_TYPE,
                    "Order type " + type + " is not supported by the devnet (LIMIT, MARKET)");
        }
        String tif = text(body, "timeInForce");
        if (!tif.equals("GTT") && !tif.equals("IOC") && !tif.equals("FOK")) {
            throw new ApiException(
                    ErrorCode.INVALID_ORDER_PARAMETERS, "Unknown timeInForce " + tif);
        }
        if (type.equals("MARKET") && !tif.equals("IOC")) {
            throw new ApiException(ErrorCode.MARKET_ORDER_MUST_BE_IOC, "Market order must be IOC");
        }
        String side = text(body, "side");
        if (!side.equals("BUY") && !side.equals("SELL")) {
            throw new ApiException(ErrorCode.INVALID_ORDER_PARAMETERS, "Unknown side " + side);
        }
        boolean buy = side.equals("BUY");
        BigDecimal qty = decimal(body, "qty");
        BigDecimal price = decimal(body, "price");
        BigDecimal feeRate = decimal(body, "fee");
        checkQuantity(m, qty);
        checkPrice(book, buy, price, qty);
        if (feeRate.signum() < 0 || feeRate.compareTo(BigDecimal.ONE) >= 0) {
            throw new ApiException(
                    ErrorCode.INVALID_TRADING_FEES, "fee must be a rate in [0, 1); got " + feeRate);
        }
        if (feeRate.compareTo(settings.takerFee()) < 0) {
            throw new ApiException(
                    ErrorCode.INVALID_TRADING_FEES,
                    "fee "
                            + feeRate.toPlainString()
                            + " is below the account's taker fee "
                            + settings.takerFee().toPlainString());
        }
        long expiry = longValue(body, "expiryEpochMillis");
        if (expiry <= now) {
            throw new ApiException(
                    ErrorCode.INVALID_ORDER_EXPIRATION,
                    "Order expiry " + expiry + " is not in the future (now " + now + ")");
        }
        if (expiry > now + settings.maxExpiryMillis()) {
            throw new ApiException(
                    ErrorCode.INVALID_ORDER_EXPIRATION,
                    "Order expiration date must be within "
                            + settings.maxExpiryMillis() / 86_400_000L
                            + " days");
        }
        long nonce = nonce(body);
        JsonNode settlement = body.path("settlement");
        BigInteger starkKey = hex(settlement, "starkKey");
        if (!starkKey.equals(account.config.starkPublicKey())) {
            throw new ApiException(
                    ErrorCode.INVALID_STARKEX_PUBLIC_KEY,
                    "settlement.starkKey is not the account's Stark public key");
        }
        long position = longValue(settlement, "collateralPosition");
        if (position != account.config.vault()) {
            throw new ApiException(
                    ErrorCode.INVALID_STARKEX_VAULT,
                    "settlement.collateralPosition " + position + " is not the account's vault");
        }
        JsonNode sig = settlement.path("signature");
        BigInteger r = hex(sig, "r");
        BigInteger s = hex(sig, "s");
        SettlementVerifier.SignedFields fields =
                signedFields(m, buy, qty, price, feeRate, nonce, position, expiry, starkKey);
        BigInteger hash = verifier.messageHash(fields);
        if (!verifier.verify(starkKey, hash, r, s)) {
            throw new ApiException(
                    ErrorCode.INVALID_STARKEX_SIGNATURE,
                    "Invalid StarkEx signature: (r, s) does not sign the "
                            + verifier.scheme()
                            + " order message for these fields (synthetic "
                            + fields.synthetic()
                            + ", collateral "
                            + fields.collateral()
                            + ", fee "
                            + fields.fee()
                            + ")");
        }
        // After the signature, so that only a valid signed order uses up its nonce.
        if (account.nonces.contains(nonce)) {
            throw new ApiException(
                    ErrorCode.DUPLICATE_ORDER,
                    "nonce " + nonce + " was already used by another order of this account");
        }
        if (body.path("reduceOnly").asBoolean(false)) {
            checkReduceOnly(account, m.name(), buy, qty);
        }
        long open =
                orders.values().stream()
                        .filter(o -> o.accountId == account.config.accountId())
                        .filter(o -> o.market == m && o.open())
                        .count();
        if (open >= m.maxNumOrders()) {
            throw new ApiException(
                    ErrorCode.MAX_OPEN_ORDERS_NUMBER_EXCEEDED,
                    "Max open orders number exceeded: " + m.maxNumOrders() + " per market");
        }
        Changes changes = new Changes();
        String cancelId = optionalText(body, "cancelId");
        if (cancelId != null) {
            Order replaced = account.byExternalId.get(cancelId);
            if (replaced == null || !replaced.open()) {
                throw new ApiException(
                        ErrorCode.EDIT_ORDER_NOT_FOUND,
                        "No open order with external id " + cancelId);
            }
            cancel(replaced, "ORDER_REPLACED", changes);
        }

        Order o = new Order();
        o.id = nextId++;
        o.accountId = account.config.accountId();
        o.externalId = externalId;
        o.market = m;
        o.type = type;
        o.buy = buy;
        o.price = price;
        o.qty = qty;
        o.reduceOnly = body.path("reduceOnly").asBoolean(false);
        o.postOnly = body.path("postOnly").asBoolean(false);
        o.timeInForce = tif;
        o.selfTradeProtection = body.path("selfTradeProtectionLevel").asText("ACCOUNT");
        o.nonce = nonce;
        o.expiryTime = expiry;
        o.createdTime = now;
        o.updatedTime = now;
        account.nonces.add(nonce);
        account.byExternalId.put(externalId, o);
        orders.put(o.id, o);
        submit(book, o, changes);
        changes.flush();
        return placed(o);
    }

    /** A reduce-only order must face an open position of the other side and not outgrow it. */
    private static void checkReduceOnly(Account a, String market, boolean buy, BigDecimal qty) {
        Position p = a.positions.get(market);
        if (p == null || p.size.signum() == 0) {
            throw new ApiException(
                    ErrorCode.REDUCE_ONLY_ORDER_POSITION_IS_MISSING,
                    "reduce-only order but no open " + market + " position");
        }
        if ((p.size.signum() > 0) == buy) {
            throw new ApiException(
                    ErrorCode.REDUCE_ONLY_ORDER_POSITION_SAME_SIDE,
                    "reduce-only " + (buy ? "buy" : "sell") + " on a position of the same side");
        }
        if (qty.compareTo(p.size.abs()) > 0) {
            throw new ApiException(
                    ErrorCode.REDUCE_ONLY_ORDER_SIZE_EXCEEDS_POSITION_SIZE,
                    "reduce-only qty "
                            + qty.toPlainString()
                            + " exceeds the position's "
                            + p.size.abs().toPlainString());
        }
    }

    private static ObjectNode placed(Order o) {
        ObjectNode data = MAPPER.createObjectNode();
        data.put("id", o.id);
        data.put("externalId", o.externalId);
        return data;
    }

    /** The integers the signature covers, computed here from the order's human fields. */
    private static SettlementVerifier.SignedFields signedFields(
            MarketSpec m,
            boolean buy,
            BigDecimal qty,
            BigDecimal price,
            BigDecimal feeRate,
            long nonce,
            long position,
            long expiry,
            BigInteger starkKey) {
        BigDecimal collateralRes = BigDecimal.valueOf(m.collateralResolution());
        BigDecimal value = qty.multiply(price).multiply(collateralRes);
        BigInteger synthetic =
                qty.multiply(BigDecimal.valueOf(m.syntheticResolution())).toBigIntegerExact();
        // Never in the signer's favour: a buy pays the rounded-up value, a sell receives it
        // rounded down, and the fee cap rounds up.
        BigInteger collateral =
                value.setScale(0, buy ? RoundingMode.CEILING : RoundingMode.FLOOR).toBigInteger();
        BigInteger fee = value.multiply(feeRate).setScale(0, RoundingMode.CEILING).toBigInteger();
        return new SettlementVerifier.SignedFields(
                buy,
                m.syntheticId(),
                m.collateralId(),
                synthetic,
                collateral,
                fee,
                nonce,
                position,
                expiry,
                starkKey);
    }

    private static void checkQuantity(MarketSpec m, BigDecimal qty) {
        if (qty.signum() <= 0 || qty.compareTo(m.minOrderSize()) < 0) {
            throw new ApiException(
                    ErrorCode.ORDER_QTY_LESS_THAN_MIN_TRADE_SIZE,
                    "qty "
                            + qty.toPlainString()
                            + " is below "
                            + m.name()
                            + "'s minOrderSize "
                            + m.minOrderSize().toPlainString());
        }
        if (qty.multiply(BigDecimal.valueOf(m.syntheticResolution())).stripTrailingZeros().scale()
                > 0) {
            throw new ApiException(
                    ErrorCode.INVALID_QTY_PRECISION,
                    "qty "
                            + qty.toPlainString()
                            + " is finer than "
                            + m.name()
                            + "'s synthetic resolution");
        }
        if (qty.remainder(m.minOrderSizeChange()).signum() != 0) {
            throw new ApiException(
                    ErrorCode.INVALID_QTY_WRONG_SIZE_INCREMENT,
                    "qty "
                            + qty.toPlainString()
                            + " is not a multiple of "
                            + m.name()
                            + "'s minOrderSizeChange "
                            + m.minOrderSizeChange().toPlainString());
        }
    }

    private static void checkPrice(Book book, boolean buy, BigDecimal price, BigDecimal qty) {
        MarketSpec m = book.spec;
        if (price.signum() <= 0) {
            throw new ApiException(ErrorCode.INVALID_PRICE_AMOUNT, "price must be positive");
        }
        if (price.remainder(m.minPriceChange()).signum() != 0) {
            throw new ApiException(
                    ErrorCode.INVALID_PRICE_WRONG_PRICE_MOVEMENT,
                    "price "
                            + price.toPlainString()
                            + " is not a multiple of "
                            + m.name()
                            + "'s minPriceChange "
                            + m.minPriceChange().toPlainString());
        }
        // Limit orders may not stray further from the mark than the market's cap and floor.
        if (buy && price.compareTo(book.mark.multiply(BigDecimal.ONE.add(m.limitPriceCap()))) > 0) {
            throw new ApiException(
                    ErrorCode.INVALID_PRICE_AMOUNT,
                    "buy price "
                            + price.toPlainString()
                            + " is above mark "
                            + book.mark
                            + " + limitPriceCap "
                            + m.limitPriceCap());
        }
        if (!buy
                && price.compareTo(book.mark.multiply(BigDecimal.ONE.subtract(m.limitPriceFloor())))
                        < 0) {
            throw new ApiException(
                    ErrorCode.INVALID_PRICE_AMOUNT,
                    "sell price "
                            + price.toPlainString()
                            + " is below mark "
                            + book.mark
                            + " - limitPriceFloor "
                            + m.limitPriceFloor());
        }
        if (qty.multiply(price).compareTo(m.maxLimitOrderValue()) > 0) {
            throw new ApiException(
                    ErrorCode.ORDER_VALUE_EXCEEDS_MAX_ORDER_VALUE,
                    "order value exceeds "
                            + m.name()
                            + "'s maxLimitOrderValue "
                            + m.maxLimitOrderValue().toPlainString());
        }
    }

    /** DELETE /api/v1/user/order/{id}. */
    synchronized void cancel(Account account, long orderId) {
        Order o = orders.get(orderId);
        if (o == null || o.accountId != account.config.accountId()) {
            throw new ApiException(ErrorCode.NOT_FOUND, "Order " + orderId + " not found");
        }
        cancelOpen(o);
    }

    /** DELETE /api/v1/user/order?externalId=... */
    synchronized void cancelByExternalId(Account account, String externalId) {
        Order o = account.byExternalId.get(externalId);
        if (o == null) {
            throw new ApiException(
                    ErrorCode.NOT_FOUND, "Order with external id " + externalId + " not found");
        }
        cancelOpen(o);
    }

    private void cancelOpen(Order o) {
        if (!o.open()) {
            return; // cancelling a finished order changes nothing, as cancelling twice
        }
        Changes changes = new Changes();
        cancel(o, null, changes);
        changes.flush();
    }

    private void cancel(Order o, String reason, Changes changes) {
        removeFromBook(o);
        o.cancelled = o.cancelled.add(o.remaining());
        o.status = "CANCELLED";
        o.statusReason = reason;
        o.updatedTime = settings.clock().millis();
        changes.order(o);
    }

    synchronized ObjectNode order(Account account, long orderId) {
        Order o = orders.get(orderId);
        if (o == null || o.accountId != account.config.accountId()) {
            throw new ApiException(ErrorCode.NOT_FOUND, "Order " + orderId + " not found");
        }
        return orderJson(o);
    }

    synchronized ArrayNode ordersByExternalId(Account account, String externalId) {
        Order o = account.byExternalId.get(externalId);
        if (o == null) {
            throw new ApiException(
                    ErrorCode.NOT_FOUND, "Order with external id " + externalId + " not found");
        }
        ArrayNode list = MAPPER.createArrayNode();
        list.add(orderJson(o));
        return list;
    }

    synchronized ArrayNode openOrders(Account account, Set<String> markets) {
        ArrayNode list = MAPPER.createArrayNode();
        orders.values().stream()
                .filter(o -> o.accountId == account.config.accountId() && o.open())
                .filter(o -> markets.isEmpty() || markets.contains(o.market.name()))
                .sorted(Comparator.comparingLong((Order o) -> o.id).reversed())
                .forEach(o -> list.add(orderJson(o)));
        return list;
    }

    // ---------------------------------------------------------------- matching

    private void submit(Book book, Order o, Changes changes) {
        NavigableMap<BigDecimal, ArrayDeque<Order>> opposite = book.side(!o.buy);
        if (o.postOnly && !opposite.isEmpty() && crosses(o, opposite.firstKey())) {
            o.status = "REJECTED";
            o.statusReason = "POST_ONLY_FAILED";
            o.cancelled = o.qty;
            changes.order(o);
            return;
        }
        if (o.timeInForce.equals("FOK") && available(o, opposite).compareTo(o.qty) < 0) {
            o.status = "CANCELLED";
            o.statusReason = "NO_LIQUIDITY";
            o.cancelled = o.qty;
            changes.order(o);
            return;
        }
        long now = settings.clock().millis();
        Iterator<Map.Entry<BigDecimal, ArrayDeque<Order>>> levels = opposite.entrySet().iterator();
        match:
        while (o.remaining().signum() > 0 && levels.hasNext()) {
            Map.Entry<BigDecimal, ArrayDeque<Order>> level = levels.next();
            if (!crosses(o, level.getKey())) {
                break;
            }
            ArrayDeque<Order> queue = level.getValue();
            while (o.remaining().signum() > 0 && !queue.isEmpty()) {
                Order maker = queue.peekFirst();
                if (maker.expiryTime <= now) {
                    queue.pollFirst();
                    expire(maker, changes);
                    continue;
                }
                if (maker.accountId == o.accountId
                        && o.accountId != MARKET_MAKER
                        && !"DISABLED".equals(o.selfTradeProtection)) {
                    // Self-trade protection: the incoming order stops here, the resting one stays.
                    o.statusReason = "SELF_TRADE_PROTECTION";
                    break match;
                }
                BigDecimal qty = o.remaining().min(maker.remaining());
                trade(book, o, maker, level.getKey(), qty, now, changes);
                if (maker.remaining().signum() == 0) {
                    queue.pollFirst();
                }
            }
            if (queue.isEmpty()) {
                levels.remove();
            }
        }
        if (o.remaining().signum() > 0) {
            boolean rests =
                    o.timeInForce.equals("GTT")
                            && o.type.equals("LIMIT")
                            && !"SELF_TRADE_PROTECTION".equals(o.statusReason);
            if (rests) {
                book.side(o.buy).computeIfAbsent(o.price, p -> new ArrayDeque<>()).addLast(o);
                o.status = o.filled.signum() > 0 ? "PARTIALLY_FILLED" : "NEW";
            } else {
                o.cancelled = o.cancelled.add(o.remaining());
                o.status = "CANCELLED";
                if (o.statusReason == null) {
                    o.statusReason = o.filled.signum() > 0 ? "NONE" : "NO_LIQUIDITY";
                }
            }
        } else {
            o.status = "FILLED";
        }
        o.updatedTime = now;
        changes.order(o);
    }

    private static boolean crosses(Order o, BigDecimal restingPrice) {
        return o.buy ? restingPrice.compareTo(o.price) <= 0 : restingPrice.compareTo(o.price) >= 0;
    }

    private static BigDecimal available(Order o, NavigableMap<BigDecimal, ArrayDeque<Order>> side) {
        BigDecimal sum = BigDecimal.ZERO;
        for (Map.Entry<BigDecimal, ArrayDeque<Order>> level : side.entrySet()) {
            if (!crosses(o, level.getKey())) {
                break;
            }
            for (Order r : level.getValue()) {
                if (r.accountId != o.accountId) {
                    sum = sum.add(r.remaining());
                }
            }
        }
        return sum;
    }

    private void trade(
            Book book,
            Order taker,
            Order maker,
            BigDecimal price,
            BigDecimal qty,
            long now,
            Changes changes) {
        for (Order o : new Order[] {maker, taker}) {
            o.filled = o.filled.add(qty);
            o.filledValue = o.filledValue.add(price.multiply(qty));
            o.status = o.remaining().signum() == 0 ? "FILLED" : "PARTIALLY_FILLED";
            o.updatedTime = now;
            changes.order(o);
            if (o.accountId == MARKET_MAKER) {
                continue;
            }
            boolean isTaker = o == taker;
            BigDecimal value = price.multiply(qty);
            BigDecimal fee =
                    value.multiply(isTaker ? settings.takerFee() : settings.makerFee())
                            .setScale(book.spec.collateralAssetPrecision(), RoundingMode.CEILING);
            o.payedFee = o.payedFee.add(fee);
            Fill fill =
                    new Fill(
                            nextId++,
                            o.accountId,
                            book.spec.name(),
                            o.id,
                            o.buy ? "BUY" : "SELL",
                            price,
                            qty,
                            value,
                            fee,
                            isTaker,
                            "TRADE",
                            now);
            Account a = accountsById.get(o.accountId);
            a.trades.add(fill);
            groundTruth.add(fill);
            changes.trades.computeIfAbsent(o.accountId, k -> new ArrayList<>()).add(fill);
            applyToPosition(a, book.spec.name(), o.buy ? qty : qty.negate(), price, now);
            a.balance = a.balance.subtract(fee);
            a.updatedTime = now;
            changes.positions
                    .computeIfAbsent(o.accountId, k -> new LinkedHashSet<>())
                    .add(book.spec.name());
            changes.balances.add(o.accountId);
        }
    }

    private void applyToPosition(
            Account a, String market, BigDecimal delta, BigDecimal price, long now) {
        Position p = a.positions.get(market);
        if (p == null || p.size.signum() == 0) {
            p = new Position();
            p.id = nextId++;
            p.createdAt = now;
            a.positions.put(market, p);
        }
        BigDecimal size = p.size;
        if (size.signum() == 0 || size.signum() == delta.signum()) {
            BigDecimal newSize = size.add(delta);
            p.openPrice =
                    p.openPrice
                            .multiply(size.abs())
                            .add(price.multiply(delta.abs()))
                            .divide(newSize.abs(), MathContext.DECIMAL64);
            p.size = newSize;
        } else {
            BigDecimal closed = delta.abs().min(size.abs());
            BigDecimal pnl = price.subtract(p.openPrice).multiply(closed);
            if (size.signum() < 0) {
                pnl = pnl.negate();
            }
            p.realisedPnl = p.realisedPnl.add(pnl);
            a.balance = a.balance.add(pnl);
            BigDecimal newSize = size.add(delta);
            if (newSize.signum() != 0 && newSize.signum() != size.signum()) {
                p.openPrice = price; // flipped: the rest opened at this trade's price
            }
            p.size = newSize;
        }
        p.updatedAt = now;
    }

    private void removeFromBook(Order o) {
        Book book = books.get(o.market.name());
        ArrayDeque<Order> level = book.side(o.buy).get(o.price);
        if (level != null) {
            level.remove(o);
            if (level.isEmpty()) {
                book.side(o.buy).remove(o.price);
            }
        }
    }

    private void expire(Order o, Changes changes) {
        o.cancelled = o.cancelled.add(o.remaining());
        o.status = "EXPIRED";
        o.updatedTime = settings.clock().millis();
        changes.order(o);
    }

    // ---------------------------------------------------------------- the market

    /** Moves every mark price one step of its random walk, expires orders and requotes. */
    synchronized void step() {
        Changes changes = new Changes();
        long now = settings.clock().millis();
        for (Order o : new ArrayList<>(orders.values())) {
            if (o.open() && o.expiryTime <= now) {
                removeFromBook(o);
                expire(o, changes);
            }
        }
        for (Book book : books.values()) {
            double factor = Math.exp(settings.volatility() * random.nextGaussian());
            BigDecimal next =
                    roundToTick(book.mark.multiply(BigDecimal.valueOf(factor)), book.spec);
            book.mark = next.signum() > 0 ? next : book.spec.minPriceChange();
            requote(book, changes);
        }
        changes.flush();
    }

    /**
     * Replaces the market maker's quotes with {@code liquidityLevels} levels each side of the mark.
     * The new quotes go through matching, so resting account orders they cross are filled.
     */
    private void requote(Book book, Changes changes) {
        for (NavigableMap<BigDecimal, ArrayDeque<Order>> side : List.of(book.bids, book.asks)) {
            Iterator<ArrayDeque<Order>> levels = side.values().iterator();
            while (levels.hasNext()) {
                ArrayDeque<Order> level = levels.next();
                level.removeIf(o -> o.accountId == MARKET_MAKER);
                if (level.isEmpty()) {
                    levels.remove();
                }
            }
        }
        orders.values().removeIf(o -> o.accountId == MARKET_MAKER);
        MarketSpec m = book.spec;
        BigDecimal tick = m.minPriceChange();
        // One level per 1 bp of the mark, at least one tick apart.
        BigDecimal spacing =
                book.mark
                        .multiply(new BigDecimal("0.0001"))
                        .divide(tick, 0, RoundingMode.CEILING)
                        .max(BigDecimal.ONE)
                        .multiply(tick);
        long now = settings.clock().millis();
        for (int i = 1; i <= settings.liquidityLevels(); i++) {
            for (boolean buy : new boolean[] {false, true}) {
                BigDecimal offset = spacing.multiply(BigDecimal.valueOf(i));
                BigDecimal price = buy ? book.mark.subtract(offset) : book.mark.add(offset);
                if (price.signum() <= 0) {
                    continue;
                }
                Order q = new Order();
                q.id = nextId++;
                q.accountId = MARKET_MAKER;
                q.externalId = "mm-" + q.id;
                q.market = m;
                q.type = "LIMIT";
                q.buy = buy;
                q.price = price;
                q.qty = m.minOrderSize().multiply(BigDecimal.valueOf(5 + random.nextInt(46)));
                q.timeInForce = "GTT";
                q.selfTradeProtection = "DISABLED";
                q.expiryTime = Long.MAX_VALUE;
                q.createdTime = now;
                q.updatedTime = now;
                orders.put(q.id, q);
                submit(book, q, changes);
            }
        }
    }

    synchronized BigDecimal markPrice(String market) {
        Book book = books.get(market);
        if (book == null) {
            throw new IllegalArgumentException(
                    "unknown market " + market + "; known " + books.keySet());
        }
        return book.mark;
    }

    /** Best bid and ask of a market (null when a side is empty). */
    synchronized BigDecimal[] bestBidAsk(String market) {
        Book book = books.get(market);
        return new BigDecimal[] {
            book.bids.isEmpty() ? null : book.bids.firstKey(),
            book.asks.isEmpty() ? null : book.asks.firstKey()
        };
    }

    synchronized ArrayNode marketsJson(Set<String> names) {
        ArrayNode list = MAPPER.createArrayNode();
        for (Book book : books.values()) {
            if (!names.isEmpty() && !names.contains(book.spec.name())) {
                continue;
            }
            ObjectNode m = book.spec.json().deepCopy();
            ObjectNode stats = (ObjectNode) m.get("marketStats");
            String mark = book.mark.toPlainString();
            stats.put("markPrice", mark);
            stats.put("indexPrice", mark);
            if (!book.bids.isEmpty()) {
                stats.put("bidPrice", book.bids.firstKey().toPlainString());
            }
            if (!book.asks.isEmpty()) {
                stats.put("askPrice", book.asks.firstKey().toPlainString());
            }
            list.add(m);
        }
        return list;
    }

    // ---------------------------------------------------------------- account reads

    synchronized ArrayNode positions(Account a, Set<String> markets) {
        ArrayNode list = MAPPER.createArrayNode();
        a.positions.forEach(
                (market, p) -> {
                    if (p.size.signum() != 0 && (markets.isEmpty() || markets.contains(market))) {
                        list.add(positionJson(a, market, p));
                    }
                });
        return list;
    }

    /**
     * An account's fills, newest first, {@code limit} at a time; {@code cursor} is the last id of
     * the previous page (the pagination cursor answered with it).
     */
    synchronized List<Fill> trades(Account a, Set<String> markets, Long cursor, int limit) {
        List<Fill> page = new ArrayList<>();
        for (int i = a.trades.size() - 1; i >= 0 && page.size() < limit; i--) {
            Fill f = a.trades.get(i);
            if (cursor != null && f.id() >= cursor) {
                continue;
            }
            if (markets.isEmpty() || markets.contains(f.market())) {
                page.add(f);
            }
        }
        return page;
    }

    synchronized ObjectNode balance(Account a) {
        return balanceJson(a);
    }

    /** What a new stream connection first receives: balance, open orders and positions. */
    synchronized List<StreamMessage> snapshot(Account a) {
        long id = a.config.accountId();
        List<StreamMessage> out = new ArrayList<>();
        out.add(new StreamMessage(id, "BALANCE", streamData("balance", balanceJson(a))));
        out.add(new StreamMessage(id, "ORDER", streamData("orders", openOrders(a, Set.of()))));
        out.add(new StreamMessage(id, "POSITION", streamData("positions", positions(a, Set.of()))));
        return out;
    }

    synchronized List<Fill> groundTruth() {
        return List.copyOf(groundTruth);
    }

    // ---------------------------------------------------------------- JSON

    static ObjectNode streamData(String field, JsonNode value) {
        // Every account message carries all four fields, the absent ones null, as recorded.
        ObjectNode data = MAPPER.createObjectNode();
        for (String f : List.of("orders", "positions", "trades", "balance")) {
            if (f.equals(field)) {
                data.set(f, value);
            } else {
                data.putNull(f);
            }
        }
        return data;
    }

    static ObjectNode tradeJson(Fill f) {
        ObjectNode t = MAPPER.createObjectNode();
        t.put("id", f.id());
        t.put("accountId", f.accountId());
        t.put("market", f.market());
        t.put("orderId", f.orderId());
        t.put("side", f.side());
        t.put("price", dec(f.price()));
        t.put("qty", dec(f.qty()));
        t.put("value", dec(f.value()));
        t.put("fee", dec(f.fee()));
        t.put("isTaker", f.isTaker());
        t.put("tradeType", f.tradeType());
        t.put("createdTime", f.createdTime());
        return t;
    }

    private static ObjectNode orderJson(Order o) {
        ObjectNode j = MAPPER.createObjectNode();
        j.put("id", o.id);
        j.put("accountId", o.accountId);
        j.put("externalId", o.externalId);
        j.put("market", o.market.name());
        j.put("type", o.type);
        j.put("side", o.buy ? "BUY" : "SELL");
        j.put("status", o.status);
        if (o.statusReason == null) {
            j.putNull("statusReason");
        } else {
            j.put("statusReason", o.statusReason);
        }
        j.put("price", dec(o.price));
        if (o.filled.signum() > 0) {
            j.put("averagePrice", dec(o.filledValue.divide(o.filled, MathContext.DECIMAL64)));
        } else {
            j.putNull("averagePrice");
        }
        j.put("qty", dec(o.qty));
        j.put("filledQty", dec(o.filled));
        j.put("cancelledQty", dec(o.cancelled));
        j.put("reduceOnly", o.reduceOnly);
        j.put("postOnly", o.postOnly);
        j.put("payedFee", dec(o.payedFee));
        j.put("createdTime", o.createdTime);
        j.put("updatedTime", o.updatedTime);
        j.put("expiryTime", o.expiryTime);
        j.put("timeInForce", o.timeInForce);
        return j;
    }

    private ObjectNode positionJson(Account a, String market, Position p) {
        BigDecimal mark = books.get(market).mark;
        ObjectNode j = MAPPER.createObjectNode();
        j.put("id", p.id);
        j.put("accountId", a.config.accountId());
        j.put("market", market);
        j.put("side", p.size.signum() < 0 ? "SHORT" : "LONG");
        j.put("leverage", "10");
        j.put("size", dec(p.size.abs()));
        j.put("value", dec(p.size.abs().multiply(mark)));
        j.put("openPrice", dec(p.openPrice));
        j.put("markPrice", dec(mark));
        j.putNull("liquidationPrice");
        j.put("unrealisedPnl", dec(mark.subtract(p.openPrice).multiply(p.size)));
        j.put("realisedPnl", dec(p.realisedPnl));
        j.putNull("tpPrice");
        j.putNull("slPrice");
        j.putNull("adl");
        j.put("createdAt", p.createdAt);
        j.put("updatedAt", p.updatedAt);
        return j;
    }

    private ObjectNode balanceJson(Account a) {
        BigDecimal unrealised = BigDecimal.ZERO;
        BigDecimal margin = BigDecimal.ZERO;
        for (Map.Entry<String, Position> e : a.positions.entrySet()) {
            BigDecimal mark = books.get(e.getKey()).mark;
            Position p = e.getValue();
            unrealised = unrealised.add(mark.subtract(p.openPrice).multiply(p.size));
            margin = margin.add(p.size.abs().multiply(mark).divide(BigDecimal.TEN));
        }
        BigDecimal equity = a.balance.add(unrealised);
        ObjectNode j = MAPPER.createObjectNode();
        j.put("collateralName", "USD");
        j.put("balance", dec(a.balance));
        j.put("equity", dec(equity));
        j.put("availableForTrade", dec(equity.subtract(margin)));
        j.put("availableForWithdrawal", dec(equity.subtract(margin).max(BigDecimal.ZERO)));
        j.put("unrealisedPnl", dec(unrealised));
        j.put("initialMargin", dec(margin));
        j.put(
                "marginRatio",
                dec(
                        equity.signum() > 0
                                ? margin.divide(equity, MathContext.DECIMAL64)
                                : BigDecimal.ZERO));
        j.put("updatedTime", a.updatedTime);
        return j;
    }

    static String dec(BigDecimal v) {
        return v.setScale(DECIMALS, RoundingMode.HALF_EVEN).toPlainString();
    }

    static BigDecimal roundToTick(BigDecimal price, MarketSpec m) {
        BigDecimal tick = m.minPriceChange();
        return price.divide(tick, 0, RoundingMode.HALF_EVEN).multiply(tick);
    }

    // ---------------------------------------------------------------- request fields

    private static String text(JsonNode body, String field) {
        JsonNode v = body.path(field);
        if (!v.isTextual() || v.asText().isEmpty()) {
            throw new ApiException(
                    ErrorCode.INVALID_ORDER_PARAMETERS,
                    "'" + field + "' is missing or not a string");
        }
        return v.asText();
    }

    private static String optionalText(JsonNode body, String field) {
        JsonNode v = body.path(field);
        return v.isTextual() && !v.asText().isEmpty() ? v.asText() : null;
    }

    private static BigDecimal decimal(JsonNode body, String field) {
        JsonNode v = body.path(field);
        try {
            if (v.isTextual() || v.isNumber()) {
                return new BigDecimal(v.asText());
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new ApiException(
                ErrorCode.INVALID_ORDER_PARAMETERS, "'" + field + "' is missing or not a decimal");
    }

    private static long longValue(JsonNode body, String field) {
        try {
            return decimal(body, field).longValueExact();
        } catch (ArithmeticException e) {
            throw new ApiException(
                    ErrorCode.INVALID_ORDER_PARAMETERS, "'" + field + "' is not an integer");
        }
    }

    /** Nonces are 1 ≤ nonce ≤ 2^31, as Extended's documentation states and its SDKs draw them. */
    private static long nonce(JsonNode body) {
        long nonce = longValue(body, "nonce");
        if (nonce < 1 || nonce > (1L << 31)) {
            throw new ApiException(
                    ErrorCode.INVALID_ORDER_PARAMETERS, "nonce must be in [1, 2^31]; got " + nonce);
        }
        return nonce;
    }

    private static BigInteger hex(JsonNode parent, String field) {
        JsonNode v = parent.path(field);
        String t = v.asText("");
        try {
            if (t.startsWith("0x") || t.startsWith("0X")) {
                return new BigInteger(t.substring(2), 16);
            }
            if (!t.isEmpty()) {
                return new BigInteger(t);
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new ApiException(
                ErrorCode.INVALID_ORDER_PARAMETERS,
                "settlement field '" + field + "' is missing or not a 0x-hex number");
    }
}
