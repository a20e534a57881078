package io.chainplay.statefun.functions.trade;

import io.chainplay.schemas.exchange.ExchangeFill;
import io.chainplay.schemas.feed.FeedMessage;
import io.chainplay.statefun.functions.Types;
import io.chainplay.statefun.functions.exchange.ExchangeException;
import io.chainplay.statefun.functions.exchange.ExchangeGateway;
import io.chainplay.statefun.functions.exchange.OrderPlan;
import io.chainplay.statefun.functions.exchange.OrderStatus;

import org.apache.flink.statefun.sdk.java.AddressScopedStorage;
import org.apache.flink.statefun.sdk.java.Context;
import org.apache.flink.statefun.sdk.java.StatefulFunction;
import org.apache.flink.statefun.sdk.java.StatefulFunctionSpec;
import org.apache.flink.statefun.sdk.java.TypeName;
import org.apache.flink.statefun.sdk.java.ValueSpec;
import org.apache.flink.statefun.sdk.java.io.KafkaEgressMessage;
import org.apache.flink.statefun.sdk.java.message.Message;
import org.apache.flink.statefun.sdk.java.message.MessageBuilder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The daily-trade workflow of one player (function id = player wallet): at most one executed trade
 * per UTC day, placed on the exchange as a signed order and closed by its fills.
 *
 * <p>A request is judged against the player's {@link Allowance}: the first of a UTC day is ACCEPTED
 * and reserves it, any other that day is REJECTED ("daily trade already used"), and a request id
 * seen before gets its latest answer again (a retried or replayed request never takes a second
 * allowance). An accepted request runs through {@link TradeStage}: the order is priced and signed
 * (SIGNED, kept in state before anything is sent), then placed in the <em>next</em> invocation
 * (SUBMITTED), then waits for its fills (FILLED) or for the fill timeout (TIMED_OUT → cancel → look
 * up → FILLED or CANCELLED). A refusal ends it REJECTED; REJECTED and CANCELLED give the allowance
 * back. Each status change goes to {@code wf.trade.results} and, in the feed's shape, to {@code
 * feed.trades}.
 *
 * <p><b>Exactly-once.</b> State, egress records and delayed messages of an invocation take effect
 * together with the runtime's next checkpoint; a crash before it replays the invocation from the
 * state before it. The exchange call inside an invocation is the one effect outside that, so every
 * call is safe to repeat: signing is kept in state before placing (so a replayed placement sends
 * the same signed body), the order carries an external id derived from the request id ({@code
 * cp-<requestId>}, nonce from the request id too) which the exchange client resolves to the
 * existing order on a repeat, and cancelling and looking up are idempotent.
 *
 * <p><b>Synchronous calls.</b> The exchange is called inside the invocation, which holds up this
 * player's (and only this player's) next messages; the gateway bounds each call to seconds. Longer
 * waits are delayed messages to itself ({@code sendAfter}), never sleeps: a transient failure keeps
 * the stage and retries with exponential backoff; the fill wait is a timeout message.
 *
 * <p>The day is the function's processing-time UTC day, from an injectable {@link Clock}.
 */
public final class DailyTradeFn implements StatefulFunction {

    public static final TypeName TYPENAME = TypeName.typeNameOf("trade", "daily-trade");

    static final String ALREADY_USED = "daily trade already used";
    static final String IN_PROGRESS = "a trade is in progress";
    static final String MISSING_REQUEST_ID = "requestId missing";
    static final String WRONG_PLAYER = "player does not match the request key";
    static final String TIMED_OUT = "no full fill before the timeout; cancelling the order";
    static final String NO_FILL = "no fill before the timeout; order cancelled";
    static final String PARTIAL = "partly filled before the timeout; rest cancelled";

    /**
     * How long to wait and how hard to retry.
     *
     * @param fillTimeout how long a submitted order may wait for its fills before it is cancelled
     * @param initialBackoff the first retry's delay after a transient exchange failure; doubled
     * @param maxBackoff the longest delay between retries
     * @param maxSignAttempts transient failures while signing (nothing sent yet) before the request
     *     is rejected; placing and cancelling retry without limit (the order may exist), bounded by
     *     the order's own expiry
     */
    public record Settings(
            Duration fillTimeout,
            Duration initialBackoff,
            Duration maxBackoff,
            int maxSignAttempts) {

        public static final Settings DEFAULT =
                new Settings(
                        Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(30), 8);
    }

    // Each ValueSpec expires a week after its last write: a player who has not traded in a week
    // has nothing worth keeping, and this bounds state for players who never come back.
    static final ValueSpec<TradeWorkflow> WORKFLOW =
            ValueSpec.named("workflow")
                    .thatExpireAfterWrite(Duration.ofDays(7))
                    .withCustomType(Types.TRADE_WORKFLOW);
    static final ValueSpec<Allowance> ALLOWANCE =
            ValueSpec.named("allowance")
                    .thatExpireAfterWrite(Duration.ofDays(7))
                    .withCustomType(Types.ALLOWANCE);
    static final ValueSpec<Answers> ANSWERS =
            ValueSpec.named("answers")
                    .thatExpireAfterWrite(Duration.ofDays(7))
                    .withCustomType(Types.ANSWERS);

    private static final Logger LOG = LoggerFactory.getLogger(DailyTradeFn.class);

    private final Clock clock;
    private final ExchangeGateway exchange;
    private final Settings settings;

    DailyTradeFn(Clock clock, ExchangeGateway exchange, Settings settings) {
        this.clock = clock;
        this.exchange = exchange;
        this.settings = settings;
    }

    /** The function's spec, trading through {@code exchange}. */
    public static StatefulFunctionSpec spec(ExchangeGateway exchange, Settings settings) {
        return spec(Clock.systemUTC(), exchange, settings);
    }

    static StatefulFunctionSpec spec(Clock clock, ExchangeGateway exchange, Settings settings) {
        return StatefulFunctionSpec.builder(TYPENAME)
                .withValueSpecs(WORKFLOW, ALLOWANCE, ANSWERS)
                .withSupplier(() -> new DailyTradeFn(clock, exchange, settings))
                .build();
    }

    @Override
    public CompletableFuture<Void> apply(Context context, Message message) {
        if (message.is(Types.TRADE_REQUEST)) {
            onRequest(context, message.as(Types.TRADE_REQUEST));
        } else if (message.is(Types.EXCHANGE_FILL)) {
            onFill(context, message.as(Types.EXCHANGE_FILL));
        } else if (message.is(Types.WORKFLOW_TIMER)) {
            onTimer(context, message.as(Types.WORKFLOW_TIMER));
        } else {
            throw new IllegalArgumentException(
                    "trade/daily-trade got a message of unknown type " + message.valueTypeName());
        }
        return context.done();
    }

    private void onRequest(Context context, TradeRequest request) {
        String player = context.self().id();
        long now = clock.millis();
        String today = LocalDate.now(clock).toString();
        if (request.requestId() == null || request.requestId().isBlank()) {
            // Not stored: without an id there is nothing to make a repeat idempotent against.
            emit(context, TradeResult.rejected(request, player, MISSING_REQUEST_ID, today, now));
            return;
        }
        AddressScopedStorage storage = context.storage();
        Answers answers = storage.get(ANSWERS).orElseGet(Answers::empty);
        TradeResult earlier = answers.get(request.requestId());
        if (earlier != null) {
            emit(context, earlier);
            return;
        }
        Optional<TradeWorkflow> current = storage.get(WORKFLOW);
        Optional<Allowance> allowance = storage.get(ALLOWANCE);
        String refusal = null;
        if (request.player() != null && !request.player().equals(player)) {
            refusal = WRONG_PLAYER;
        } else if (current.isPresent() && !current.get().stage().isFinal()) {
            refusal = IN_PROGRESS;
        } else if (allowance.isPresent() && allowance.get().day().equals(today)) {
            refusal = ALREADY_USED;
        }
        if (refusal != null) {
            answer(context, TradeResult.rejected(request, player, refusal, today, now), today);
            return;
        }
        storage.set(ALLOWANCE, new Allowance(today, request.requestId()));
        TradeWorkflow wf = TradeWorkflow.accepted(request, today, now);
        answer(
                context,
                TradeResult.of(wf, player, TradeResult.Status.ACCEPTED, null, null, now),
                today);
        advance(context, wf);
    }

    private void onTimer(Context context, WorkflowTimer timer) {
        Optional<TradeWorkflow> current = context.storage().get(WORKFLOW);
        if (current.isEmpty() || !current.get().requestId().equals(timer.requestId())) {
            return; // of a trade that is over and replaced
        }
        TradeWorkflow wf = current.get();
        if (timer.kind() == WorkflowTimer.Kind.TIMEOUT) {
            if (wf.stage() != TradeStage.SUBMITTED) {
                return; // filled meanwhile
            }
            long now = clock.millis();
            wf = wf.stage(TradeStage.TIMED_OUT, now);
            context.storage().set(WORKFLOW, wf);
            answer(
                    context,
                    TradeResult.of(
                            wf,
                            player(context),
                            TradeResult.Status.TIMED_OUT,
                            TIMED_OUT,
                            null,
                            now),
                    wf.day());
            advance(context, wf);
        } else if (timer.attempt() == wf.attempts() && !wf.stage().isFinal()) {
            advance(context, wf);
        }
    }

    private void onFill(Context context, byte[] bytes) {
        ExchangeFill fill;
        try {
            // Single-object encoding, as the schemas' AvroSerde writes it (which needs Kafka's
            // Serde on the class path; the generated decoder does not).
            fill = ExchangeFill.getDecoder().decode(bytes);
        } catch (java.io.IOException | RuntimeException e) {
            // Bad input never stops the workflow; the fills source dead-letters what it cannot map.
            LOG.warn("Undecodable fill for {} dropped: {}", context.self().id(), e.getMessage());
            return;
        }
        Optional<TradeWorkflow> current = context.storage().get(WORKFLOW);
        if (current.isEmpty() || current.get().stage().isFinal()) {
            return; // a repeat of a fill already counted, or a trade made elsewhere
        }
        long now = clock.millis();
        TradeWorkflow wf = current.get().withFill(FillPart.of(fill), now);
        if (wf.fullyFilled()) {
            finishFilled(context, wf, null, now);
        } else {
            context.storage().set(WORKFLOW, wf);
        }
    }

    /** Does the exchange call the stage needs; on a transient failure schedules a retry. */
    private void advance(Context context, TradeWorkflow wf) {
        String player = player(context);
        long now = clock.millis();
        try {
            switch (wf.stage()) {
                case ACCEPTED -> {
                    OrderPlan plan =
                            exchange.plan(
                                    player,
                                    wf.request().market(),
                                    wf.request().side(),
                                    wf.request().qty(),
                                    wf.externalId(),
                                    nonce(player, wf.requestId()));
                    TradeWorkflow signed = wf.signed(plan, now);
                    context.storage().set(WORKFLOW, signed);
                    // Placed in the next invocation, so that the signed order is in state (and in
                    // any checkpoint that includes the placement) before it is ever sent.
                    context.send(timer(context, signed, WorkflowTimer.Kind.STEP));
                }
                case SIGNED -> {
                    long orderId = exchange.place(player, wf.order());
                    TradeWorkflow submitted = wf.submitted(orderId, now);
                    answer(
                            context,
                            TradeResult.of(
                                    submitted,
                                    player,
                                    TradeResult.Status.SUBMITTED,
                                    null,
                                    null,
                                    now),
                            wf.day());
                    if (submitted.fullyFilled()) {
                        finishFilled(context, submitted, null, now);
                    } else {
                        context.storage().set(WORKFLOW, submitted);
                        context.sendAfter(
                                settings.fillTimeout(),
                                timer(context, submitted, WorkflowTimer.Kind.TIMEOUT));
                    }
                }
                case TIMED_OUT -> {
                    try {
                        exchange.cancel(player, wf.externalId());
                    } catch (ExchangeException e) {
                        if (e.isTransient()) {
                            throw e;
                        }
                        // Not open any more (filled or expired): the lookup tells which.
                        LOG.info("Cancel of {} refused: {}", wf.externalId(), e.getMessage());
                    }
                    Optional<OrderStatus> order = exchange.order(player, wf.externalId());
                    BigDecimal filled =
                            order.map(o -> new BigDecimal(o.filledQty())).orElse(BigDecimal.ZERO);
                    if (filled.signum() > 0 || wf.filledQty().signum() > 0) {
                        finishFilled(context, wf, order.orElse(null), now);
                    } else {
                        finish(
                                context,
                                wf,
                                TradeStage.CANCELLED,
                                TradeResult.Status.CANCELLED,
                                NO_FILL,
                                null,
                                now);
                    }
                }
                default -> {
                    // SUBMITTED waits for fills or its timeout; final stages need nothing.
                }
            }
        } catch (ExchangeException e) {
            if (!e.isTransient()) {
                finish(
                        context,
                        wf,
                        TradeStage.REJECTED,
                        TradeResult.Status.REJECTED,
                        e.getMessage(),
                        e.code() == 0 ? null : e.code(),
                        now);
            } else if (wf.stage() == TradeStage.ACCEPTED
                    && wf.attempts() + 1 >= settings.maxSignAttempts()) {
                finish(
                        context,
                        wf,
                        TradeStage.REJECTED,
                        TradeResult.Status.REJECTED,
                        "exchange unavailable: " + e.getMessage(),
                        null,
                        now);
            } else {
                TradeWorkflow retry = wf.failedAttempt(now);
                context.storage().set(WORKFLOW, retry);
                Duration delay = backoff(retry.attempts());
                LOG.warn(
                        "{} of {} failed (attempt {}), retrying in {}: {}",
                        wf.stage(),
                        wf.requestId(),
                        retry.attempts(),
                        delay,
                        e.getMessage());
                context.sendAfter(delay, timer(context, retry, WorkflowTimer.Kind.STEP));
            }
        }
    }

    /**
     * FILLED, from the fills received or, when the timeout found the order (partly) filled, from
     * the exchange's order: whichever reports more.
     */
    private void finishFilled(Context context, TradeWorkflow wf, OrderStatus order, long now) {
        TradeWorkflow done = wf.stage(TradeStage.FILLED, now);
        boolean partial =
                order != null
                        ? new BigDecimal(order.filledQty())
                                        .compareTo(new BigDecimal(wf.request().qty()))
                                < 0
                        : !wf.fullyFilled();
        TradeResult result =
                TradeResult.of(
                        done,
                        player(context),
                        TradeResult.Status.FILLED,
                        partial ? PARTIAL : null,
                        null,
                        now);
        if (order != null && new BigDecimal(order.filledQty()).compareTo(wf.filledQty()) > 0) {
            result =
                    result.withFills(
                            plain(order.filledQty()),
                            order.averagePrice() == null ? null : plain(order.averagePrice()),
                            plain(order.fee()));
        }
        context.storage().set(WORKFLOW, done);
        answer(context, result, wf.day());
    }

    /** Ends the trade without an execution: the allowance goes back. */
    private void finish(
            Context context,
            TradeWorkflow wf,
            TradeStage stage,
            TradeResult.Status status,
            String reason,
            Integer code,
            long now) {
        TradeWorkflow done = wf.stage(stage, now);
        context.storage().set(WORKFLOW, done);
        Optional<Allowance> allowance = context.storage().get(ALLOWANCE);
        if (allowance.isPresent() && wf.requestId().equals(allowance.get().requestId())) {
            context.storage().remove(ALLOWANCE);
        }
        answer(context, TradeResult.of(done, player(context), status, reason, code, now), wf.day());
    }

    /** Records the request's latest answer and sends it. */
    private void answer(Context context, TradeResult result, String day) {
        Answers answers = context.storage().get(ANSWERS).orElseGet(Answers::empty);
        String today = LocalDate.now(clock).toString();
        context.storage()
                .set(ANSWERS, answers.with(result, today.compareTo(day) > 0 ? today : day));
        emit(context, result);
    }

    private static void emit(Context context, TradeResult result) {
        context.send(
                KafkaEgressMessage.forEgress(Types.TRADE_RESULTS_EGRESS)
                        .withTopic(Types.TRADE_RESULTS_TOPIC)
                        .withUtf8Key(result.player())
                        .withValue(Types.TRADE_RESULT, result)
                        .build());
        String type = result.feedType();
        if (type != null) {
            FeedMessage feed =
                    FeedMessage.of(
                            type,
                            result.requestId() + ":" + result.status().name().toLowerCase(),
                            result.updatedAt(),
                            result.feedData());
            context.send(
                    KafkaEgressMessage.forEgress(Types.TRADE_FEED_EGRESS)
                            .withTopic(Types.TRADE_FEED_TOPIC)
                            .withUtf8Key(result.player())
                            .withUtf8Value(feed.toJson())
                            .build());
        }
    }

    private Duration backoff(int attempts) {
        long ms = settings.initialBackoff().toMillis() << Math.min(attempts - 1, 20);
        return Duration.ofMillis(Math.min(ms, settings.maxBackoff().toMillis()));
    }

    private static Message timer(Context context, TradeWorkflow wf, WorkflowTimer.Kind kind) {
        return MessageBuilder.forAddress(context.self())
                .withCustomType(
                        Types.WORKFLOW_TIMER,
                        new WorkflowTimer(wf.requestId(), kind, wf.attempts()))
                .build();
    }

    private static String player(Context context) {
        return context.self().id();
    }

    private static String plain(String decimal) {
        return new BigDecimal(decimal).stripTrailingZeros().toPlainString();
    }

    /**
     * The order's nonce, from the player and request id: the same on every replay, so a re-signed
     * order is the same order. In [1, 2^31), as Extended's SDKs draw them; two requests of one
     * player colliding (≈ 2^-31 per pair) would see the second refused and released.
     */
    static long nonce(String player, String requestId) {
        try {
            byte[] hash =
                    MessageDigest.getInstance("SHA-256")
                            .digest((player + "/" + requestId).getBytes(StandardCharsets.UTF_8));
            long value =
                    ((hash[0] & 0x7fL) << 24)
                            | ((hash[1] & 0xffL) << 16)
                            | ((hash[2] & 0xffL) << 8)
                            | (hash[3] & 0xffL);
            return value == 0 ? 1 : value;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
