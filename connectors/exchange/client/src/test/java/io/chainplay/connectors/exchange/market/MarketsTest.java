package io.chainplay.connectors.exchange.market;

import io.chainplay.connectors.exchange.testing.Fixtures;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MarketsTest {

    @Test
    void readsTheMarketListResponse() {
        Market btc = Markets.fromApiResponse(Fixtures.text(Fixtures.MARKETS)).get("BTC-USD");
        assertThat(btc.assetName()).isEqualTo("BTC");
        assertThat(btc.collateralAssetName()).isEqualTo("USD");
        assertThat(btc.active()).isTrue();
        assertThat(btc.tradingConfig().minOrderSize()).isEqualByComparingTo("0.0001");
        assertThat(btc.tradingConfig().minOrderSizeChange()).isEqualByComparingTo("0.00001");
        assertThat(btc.tradingConfig().minPriceChange()).isEqualByComparingTo("0.1");
        assertThat(btc.tradingConfig().maxLimitOrderValue())
                .isEqualByComparingTo(new BigDecimal("5000000"));
        assertThat(btc.l2Config().syntheticId())
                .isEqualTo(new BigInteger("4254432d3600000000000000000000", 16));
        assertThat(btc.l2Config().collateralId())
                .isEqualTo(
                        new BigInteger(
                                "31857064564ed0ff978e687456963cba09c2c6985d8f9300a1de4962fafa054",
                                16));
        assertThat(btc.l2Config().syntheticResolution()).isEqualTo(1_000_000);
        assertThat(btc.l2Config().collateralResolution()).isEqualTo(1_000_000);
    }

    @Test
    void malformedResponsesNameWhatIsWrong() {
        assertThatThrownBy(() -> Markets.fromApiResponse("not json"))
                .hasMessageContaining("not JSON");
        assertThatThrownBy(() -> Markets.fromApiResponse("{\"status\":\"ERROR\"}"))
                .hasMessageContaining("status is not OK");
        String noL2 =
                Fixtures.text(Fixtures.MARKETS).replace("\"syntheticId\"", "\"syntheticIdX\"");
        assertThatThrownBy(() -> Markets.fromApiResponse(noL2))
                .hasMessageContaining("market BTC-USD l2Config has no 'syntheticId'");
        String badStep =
                Fixtures.text(Fixtures.MARKETS)
                        .replace(
                                "\"minOrderSizeChange\": \"0.00001\"",
                                "\"minOrderSizeChange\": \"x\"");
        assertThatThrownBy(() -> Markets.fromApiResponse(badStep))
                .hasMessageContaining("tradingConfig.minOrderSizeChange is not a number: 'x'");
    }

    @Test
    void unknownMarketListsTheKnownOnes() {
        Markets markets = Markets.fromApiResponse(Fixtures.text(Fixtures.MARKETS));
        assertThatThrownBy(() -> markets.get("ETH-USD"))
                .isInstanceOf(UnknownMarketException.class)
                .hasMessageContaining("Unknown market 'ETH-USD'; known markets: BTC-USD");
        assertThatThrownBy(() -> Markets.of().get("BTC-USD")).hasMessageContaining("(none loaded)");
    }
}
