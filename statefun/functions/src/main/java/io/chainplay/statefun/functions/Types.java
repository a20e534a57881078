package io.chainplay.statefun.functions;

import io.chainplay.statefun.functions.trade.Allowance;
import io.chainplay.statefun.functions.trade.Answers;
import io.chainplay.statefun.functions.trade.TradeRequest;
import io.chainplay.statefun.functions.trade.TradeResult;
import io.chainplay.statefun.functions.trade.TradeWorkflow;
import io.chainplay.statefun.functions.trade.WorkflowTimer;

import org.apache.flink.statefun.sdk.java.TypeName;
import org.apache.flink.statefun.sdk.java.types.SimpleType;
import org.apache.flink.statefun.sdk.java.types.Type;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Every message and state {@link Type} of the Chainplay functions, in one place.
 *
 * <p>The type names are what the runtime's module.yaml names too: a Kafka ingress wraps each
 * record's value bytes, as they are, in a value of its {@code valueType}, so {@code
 * chainplay/TradeRequest} must be the JSON the producers write and {@code chainplay/ExchangeFill}
 * the Avro bytes the fills source writes.
 */
public final class Types {

    /** The typename namespace of all our types and of the egresses. */
    public static final String NAMESPACE = "chainplay";

    // Unknown fields are ignored so that producers can add fields before the function reads them.
    private static final ObjectMapper JSON =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** A player's request for the daily trade, JSON on {@code wf.trade.requests}. */
    public static final Type<TradeRequest> TRADE_REQUEST = json("TradeRequest", TradeRequest.class);

    /** The answer to a {@link TradeRequest}, JSON on {@code wf.trade.results}. */
    public static final Type<TradeResult> TRADE_RESULT = json("TradeResult", TradeResult.class);

    /** The daily-trade function's current trade (state). */
    public static final Type<TradeWorkflow> TRADE_WORKFLOW =
            json("TradeWorkflow", TradeWorkflow.class);

    /** Who used the player's daily trade (state). */
    public static final Type<Allowance> ALLOWANCE = json("Allowance", Allowance.class);

    /** The latest answer per request id (state). */
    public static final Type<Answers> ANSWERS = json("Answers", Answers.class);

    /** The daily-trade function's messages to itself: retries and the fill timeout. */
    public static final Type<WorkflowTimer> WORKFLOW_TIMER =
            json("WorkflowTimer", WorkflowTimer.class);

    /**
     * A fill from {@code raw.exchange.fills}: the Avro bytes (single-object encoding) as the fills
     * source wrote them (io.chainplay.schemas.exchange.ExchangeFill). The function decodes them
     * with the schemas' AvroSerde; the type stays bytes so a fill it cannot decode is logged and
     * dropped by the function rather than failing the runtime's dispatch.
     */
    public static final Type<byte[]> EXCHANGE_FILL =
            SimpleType.simpleImmutableTypeFrom(
                    TypeName.typeNameOf(NAMESPACE, "ExchangeFill"), bytes -> bytes, bytes -> bytes);

    /** The Kafka egress of trade results; module.yaml binds it to {@code wf.trade.results}. */
    public static final TypeName TRADE_RESULTS_EGRESS =
            TypeName.typeNameOf(NAMESPACE, "trade-results");

    /**
     * The topic trade results go to: {@code Topics.WF_TRADE_RESULTS} spelled out, because reaching
     * that registry would bring kafka-clients, which this module keeps out.
     */
    public static final String TRADE_RESULTS_TOPIC = "wf.trade.results";

    /** The Kafka egress of trade feed messages; module.yaml binds it to {@code feed.trades}. */
    public static final TypeName TRADE_FEED_EGRESS = TypeName.typeNameOf(NAMESPACE, "trade-feed");

    /** The WebSocket feed topic of trades (FarePlay's message shape, key = player). */
    public static final String TRADE_FEED_TOPIC = "feed.trades";

    private Types() {}

    private static <T> Type<T> json(String name, Class<T> type) {
        return SimpleType.simpleImmutableTypeFrom(
                TypeName.typeNameOf(NAMESPACE, name),
                JSON::writeValueAsBytes,
                bytes -> JSON.readValue(bytes, type));
    }
}
