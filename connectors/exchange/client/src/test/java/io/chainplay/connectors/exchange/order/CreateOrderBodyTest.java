package io.chainplay.connectors.exchange.order;

import io.chainplay.connectors.exchange.signing.Snip12Domain;
import io.chainplay.connectors.exchange.testing.Fixtures;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The create-order bodies equal the SDK's expected request JSON for the three StarkEx order
 * vectors, field for field and in the SDK's field order.
 */
class CreateOrderBodyTest {

    private static final JsonNode BODIES =
            Fixtures.json("extended/x10_python_sdk_create_order_bodies.json").path("bodies");

    @Test
    void starkExBodiesEqualTheSdks() throws Exception {
        int matched = 0;
        for (JsonNode v : ExtendedOrderVectorsTest.VECTORS.path("starkex_limit_order_with_fees")) {
            String name = v.path("name").asText();
            JsonNode expected = BODIES.path(name);
            CreateOrderBody body = CreateOrderBody.of(sign(SignatureFormat.starkEx(), v));
            if (name.equals("buy_order")) {
                body = body.selfTradeProtection(CreateOrderBody.SelfTradeProtection.CLIENT);
            }
            ObjectNode actual = body.toJsonTree();
            assertThat(actual).as(name).isEqualTo(expected);
            assertThat(fieldNames(actual)).as(name).isEqualTo(fieldNames(expected));
            assertThat(new ObjectMapper().readTree(body.toJson())).isEqualTo(expected);
            matched++;
        }
        assertThat(matched).isEqualTo(3);
    }

    @Test
    void snip12BodiesCarrySignedDebuggingAmounts() {
        JsonNode buy = ExtendedOrderVectorsTest.VECTORS.path("starknet_snip12_orders").get(2);
        assertThat(buy.path("human").path("side").asText()).isEqualTo("BUY");
        SignedOrder order = sign(SignatureFormat.snip12(Snip12Domain.SEPOLIA), buy);
        JsonNode body = CreateOrderBody.of(order).toJsonTree();
        JsonNode in = buy.path("hash_inputs");
        assertThat(body.path("debuggingAmounts").path("collateralAmount").asText())
                .isEqualTo(in.path("quote_amount").asText());
        assertThat(body.path("debuggingAmounts").path("syntheticAmount").asText())
                .isEqualTo(in.path("base_amount").asText());
        assertThat(body.path("id").asText()).isEqualTo(buy.path("expected_hash_dec").asText());
        assertThat(body.path("settlement").path("signature").path("r").asText())
                .isEqualTo(buy.path("expected_signature").path("r").asText());
    }

    @Test
    void optionsChangeOnlyTheirFields() {
        JsonNode v = ExtendedOrderVectorsTest.VECTORS.path("starkex_limit_order_with_fees").get(1);
        CreateOrderBody base = CreateOrderBody.of(sign(SignatureFormat.starkEx(), v));
        ObjectNode changed =
                base.externalId("custom_id")
                        .cancelId("previous_custom_id")
                        .postOnly(true)
                        .reduceOnly(true)
                        .toJsonTree();
        assertThat(changed.path("id").asText()).isEqualTo("custom_id");
        assertThat(changed.path("cancelId").asText()).isEqualTo("previous_custom_id");
        assertThat(changed.path("postOnly").asBoolean()).isTrue();
        assertThat(changed.path("reduceOnly").asBoolean()).isTrue();
        ObjectNode original = base.toJsonTree();
        for (String f : List.of("id", "cancelId", "postOnly", "reduceOnly")) {
            changed.remove(f);
            original.remove(f);
        }
        assertThat(changed).isEqualTo(original);
    }

    private static SignedOrder sign(SignatureFormat format, JsonNode v) {
        JsonNode human = v.path("human");
        long nonce =
                human.has("nonce")
                        ? human.path("nonce").asLong()
                        : v.path("hash_inputs").path("salt").asLong();
        return OrderSigner.builder()
                .markets(ExtendedOrderVectorsTest.MARKETS)
                .account(ExtendedOrderVectorsTest.account())
                .format(format)
                .clock(
                        Clock.fixed(
                                Instant.parse(human.path("frozen_now_utc").asText()),
                                ZoneOffset.UTC))
                .checkPriceTick(false)
                .build()
                .sign(
                        new OrderRequest(
                                "BTC-USD",
                                OrderSide.valueOf(human.path("side").asText()),
                                new BigDecimal("0.00100000"),
                                new BigDecimal("43445.11680000"),
                                new BigDecimal("0.0005"),
                                Instant.ofEpochMilli(human.path("expiryEpochMillis").asLong()),
                                nonce));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
