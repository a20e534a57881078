package io.chainplay.statefun.functions.exchange;

import io.chainplay.connectors.exchange.account.AccountConfigException;
import io.chainplay.connectors.exchange.order.OrderSide;
import io.chainplay.connectors.exchange.rest.ExtendedApiException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Pricing, failure classification and the accounts file; placing is the ITCase's. */
class ExtendedGatewayTest {

    private static final BigDecimal TICK = new BigDecimal("0.1");
    private static final String KEY =
            "0x7a7ff6fd3cab02ccdcd4a572563f5976f8976899b03a39773795a3c486d4986";

    // BTC-USD's recorded stats: bid 64235.9, ask 64268.2, mark 64267.38; price band 5 %.
    private static JsonNode market(String bid, String ask, String mark) throws IOException {
        return new ObjectMapper()
                .readTree(
                        "{\"name\":\"BTC-USD\",\"tradingConfig\":{\"limitPriceCap\":\"0.05\","
                                + "\"limitPriceFloor\":\"0.05\"},\"marketStats\":{\"bidPrice\":\""
                                + bid
                                + "\",\"askPrice\":\""
                                + ask
                                + "\",\"markPrice\":\""
                                + mark
                                + "\"}}");
    }

    @Test
    void buyCrossesTheAskBySlippageRoundedDownToTheTick() throws Exception {
        BigDecimal price =
                ExtendedGateway.price(
                        market("64235.9", "64268.2", "64267.38"),
                        TICK,
                        OrderSide.BUY,
                        new BigDecimal("0.005"));

        // 64268.2 * 1.005 = 64589.541 -> 64589.5
        assertThat(price).isEqualByComparingTo("64589.5");
    }

    @Test
    void sellCrossesTheBidRoundedUpToTheTick() throws Exception {
        BigDecimal price =
                ExtendedGateway.price(
                        market("64235.9", "64268.2", "64267.38"),
                        TICK,
                        OrderSide.SELL,
                        new BigDecimal("0.005"));

        // 64235.9 * 0.995 = 63914.7205 -> 63914.8
        assertThat(price).isEqualByComparingTo("63914.8");
    }

    @Test
    void priceStaysInsideTheExchangesBandAroundTheMark() throws Exception {
        JsonNode stale = market("60000", "70000", "64000");

        assertThat(ExtendedGateway.price(stale, TICK, OrderSide.BUY, new BigDecimal("0.5")))
                .isEqualByComparingTo("67200"); // mark * 1.05
        assertThat(ExtendedGateway.price(stale, TICK, OrderSide.SELL, new BigDecimal("0.5")))
                .isEqualByComparingTo("60800"); // mark * 0.95
    }

    @Test
    void serverErrorsAndTimeoutsAreTransientOtherAnswersRefusals() {
        assertThat(
                        ExtendedGateway.classify(
                                        "x", new ExtendedApiException(503, 0, "unavailable"))
                                .isTransient())
                .isTrue();
        assertThat(
                        ExtendedGateway.classify("x", new IOException("connection refused"))
                                .isTransient())
                .isTrue();
        ExchangeException refused =
                ExtendedGateway.classify("x", new ExtendedApiException(400, 1101, "bad signature"));
        assertThat(refused.isTransient()).isFalse();
        assertThat(refused.code()).isEqualTo(1101);
    }

    @Test
    void playerWithoutAccountIsRefusedWithoutCallingTheExchange() {
        ExtendedGateway gateway =
                new ExtendedGateway(
                        "http://127.0.0.1:1/api/v1",
                        ExchangeAccounts.none(),
                        null,
                        ExtendedGateway.Settings.DEFAULT,
                        java.time.Clock.systemUTC());

        assertThatThrownBy(() -> gateway.plan("nobody", "BTC-USD", "BUY", "0.01", "cp-1", 1))
                .isInstanceOfSatisfying(
                        ExchangeException.class,
                        e -> {
                            assertThat(e.isTransient()).isFalse();
                            assertThat(e.getMessage()).isEqualTo(ExtendedGateway.NO_ACCOUNT);
                        });
    }

    @Test
    void accountsFileMapsPlayersToAccountsAndNeverPrintsKeys(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("accounts.properties");
        Files.writeString(
                file,
                "alice.EXTENDED_API_KEY=secret-api-key\n"
                        + "alice.EXTENDED_VAULT=10002\n"
                        + "alice.EXTENDED_STARK_PRIVATE_KEY="
                        + KEY
                        + "\n");

        ExchangeAccounts accounts = ExchangeAccounts.fromFile(file);

        assertThat(accounts.of("alice")).isPresent();
        assertThat(accounts.of("alice").get().vault()).isEqualTo(10002);
        assertThat(accounts.of("bob")).isEmpty();
        assertThat(accounts.toString()).isEqualTo("ExchangeAccounts[alice]");
        assertThat(accounts.of("alice").get().toString())
                .doesNotContain("secret-api-key", KEY.substring(2));
    }

    @Test
    void accountsFileErrorsNameThePlayerNotTheSecret(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("accounts.properties");
        Files.writeString(
                file, "bob.EXTENDED_API_KEY=secret-api-key\nbob.EXTENDED_STARK_PRIVATE_KEY=" + KEY);

        assertThatThrownBy(() -> ExchangeAccounts.fromFile(file))
                .isInstanceOf(AccountConfigException.class)
                .hasMessageContaining("player bob")
                .hasMessageContaining("EXTENDED_VAULT")
                .hasMessageNotContaining("secret-api-key");
        Files.writeString(file, "novalue=1\n");
        assertThatThrownBy(() -> ExchangeAccounts.fromFile(file))
                .hasMessageContaining("<player wallet>.<setting>");
    }
}
