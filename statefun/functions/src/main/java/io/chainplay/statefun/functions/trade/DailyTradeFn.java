package io.chainplay.statefun.functions.trade;

import io.chainplay.statefun.functions.Types;

import org.apache.flink.statefun.sdk.java.AddressScopedStorage;
import org.apache.flink.statefun.sdk.java.Context;
import org.apache.flink.statefun.sdk.java.StatefulFunction;
import org.apache.flink.statefun.sdk.java.StatefulFunctionSpec;
import org.apache.flink.statefun.sdk.java.TypeName;
import org.apache.flink.statefun.sdk.java.ValueSpec;
import org.apache.flink.statefun.sdk.java.io.KafkaEgressMessage;
import org.apache.flink.statefun.sdk.java.message.Message;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.CompletableFuture;

/**
 * The daily-trade workflow of one player (function id = player wallet): one trade per UTC day.
 *
 * <p>This first form judges requests only: the first request of a UTC day is ACCEPTED, any other
 * request that day is REJECTED ("daily trade already used"), and a request id seen before gets the
 * answer it got then, so a retried or replayed request (the runtime replays input after a restore)
 * never uses a second allowance. Each answer goes to {@code wf.trade.results}. The stages after
 * acceptance (placing the signed order, waiting for its fill) are laid out in {@link TradeStage}
 * and come next; fills already reach this function and are ignored until then.
 *
 * <p>The day is the function's processing-time UTC day (the request carries no timestamp), from an
 * injectable {@link Clock} so tests can move across midnight.
 */
public final class DailyTradeFn implements StatefulFunction {

    public static final TypeName TYPENAME = TypeName.typeNameOf("trade", "daily-trade");

    static final String ALREADY_USED = "daily trade already used";
    static final String MISSING_REQUEST_ID = "requestId missing";
    static final String WRONG_PLAYER = "player does not match the request key";

    /**
     * The player's state. It expires a week after its last write: a player who has not asked for a
     * trade in a week has no allowance or answer worth keeping, and this is what bounds state for
     * players who never come back.
     */
    static final ValueSpec<DailyTradeState> STATE =
            ValueSpec.named("daily_trade")
                    .thatExpireAfterWrite(Duration.ofDays(7))
                    .withCustomType(Types.DAILY_TRADE_STATE);

    public static final StatefulFunctionSpec SPEC = spec(Clock.systemUTC());

    private static final Logger LOG = LoggerFactory.getLogger(DailyTradeFn.class);

    private final Clock clock;

    DailyTradeFn(Clock clock) {
        this.clock = clock;
    }

    /** The spec with another clock than UTC wall time (tests). */
    static StatefulFunctionSpec spec(Clock clock) {
        return StatefulFunctionSpec.builder(TYPENAME)
                .withValueSpec(STATE)
                .withSupplier(() -> new DailyTradeFn(clock))
                .build();
    }

    @Override
    public CompletableFuture<Void> apply(Context context, Message message) {
        if (message.is(Types.TRADE_REQUEST)) {
            onRequest(context, message.as(Types.TRADE_REQUEST));
        } else if (message.is(Types.EXCHANGE_FILL)) {
            // Nothing waits for a fill yet (no order is placed); see TradeStage.
            LOG.debug("Fill for {} ignored: no order in flight", context.self().id());
        } else {
            throw new IllegalArgumentException(
                    "trade/daily-trade got a message of unknown type " + message.valueTypeName());
        }
        return context.done();
    }

    private void onRequest(Context context, TradeRequest request) {
        String player = context.self().id();
        String today = LocalDate.now(clock).toString();
        if (request.requestId() == null || request.requestId().isBlank()) {
            // Not stored: without an id there is nothing to make a repeat idempotent against.
            emit(context, player, TradeResult.rejected(request, MISSING_REQUEST_ID, today));
            return;
        }
        AddressScopedStorage storage = context.storage();
        DailyTradeState state =
                storage.get(STATE).orElseGet(() -> DailyTradeState.empty(today)).on(today);

        TradeResult earlier = state.answers().get(request.requestId());
        if (earlier != null) {
            emit(context, player, earlier);
            return;
        }
        TradeResult answer;
        DailyTradeState next;
        if (request.player() != null && !request.player().equals(player)) {
            answer = TradeResult.rejected(request, WRONG_PLAYER, today);
            next = state.withAnswer(answer, state.stage(), state.acceptedRequestId());
        } else if (state.stage() == TradeStage.IDLE) {
            answer = TradeResult.accepted(request, today);
            next = state.withAnswer(answer, TradeStage.ACCEPTED, request.requestId());
        } else {
            answer = TradeResult.rejected(request, ALREADY_USED, today);
            next = state.withAnswer(answer, state.stage(), state.acceptedRequestId());
        }
        storage.set(STATE, next);
        emit(context, player, answer);
    }

    private static void emit(Context context, String player, TradeResult result) {
        context.send(
                KafkaEgressMessage.forEgress(Types.TRADE_RESULTS_EGRESS)
                        .withTopic(Types.TRADE_RESULTS_TOPIC)
                        .withUtf8Key(player)
                        .withValue(Types.TRADE_RESULT, result)
                        .build());
    }
}
