package io.chainplay.pipelines.trading;

import io.chainplay.schemas.exchange.ExchangeFill;

import org.junit.jupiter.api.Test;

import static io.chainplay.pipelines.trading.TradingFixtures.ALICE;
import static io.chainplay.pipelines.trading.TradingFixtures.T0;
import static io.chainplay.pipelines.trading.TradingFixtures.avro;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FillTest {

    private static ExchangeFill valid() {
        return avro(7, ALICE, "BTC-USD", false, "60000.1234567890123456", "0.5", "-0.01", T0);
    }

    @Test
    void parsesTheExchangesDecimalsExactly() {
        Fill f = Fill.of(valid(), "raw.exchange.fills-0@3");
        assertThat(f.price.toPlainString()).isEqualTo("60000.1234567890123456");
        assertThat(f.qty.toPlainString()).isEqualTo("0.5");
        assertThat(f.value.toPlainString()).isEqualTo("30000.0617283945061728");
        assertThat(f.fee.toPlainString()).isEqualTo("-0.01");
        assertThat(f.buy).isFalse();
        assertThat(f.id()).isEqualTo("extended:7");
        assertThat(f.createdTime).isEqualTo(T0);
        assertThat(f.position).isEqualTo("raw.exchange.fills-0@3");
    }

    @Test
    void refusesWhatIsNotAPlainDecimalOrHasTooManyDigits() {
        ExchangeFill f = valid();
        f.setPrice("6e4");
        assertThatThrownBy(() -> Fill.of(f, "p"))
                .hasMessage("price is not a plain decimal string: '6e4'");
        f.setPrice("60000");
        f.setQty("abc");
        assertThatThrownBy(() -> Fill.of(f, "p"))
                .hasMessage("qty is not a plain decimal string: 'abc'");
        f.setQty("0.00000000000000001");
        assertThatThrownBy(() -> Fill.of(f, "p"))
                .hasMessage("qty has more than 16 fraction digits: 0.00000000000000001");
        f.setQty("1");
        f.setFee("");
        assertThatThrownBy(() -> Fill.of(f, "p"))
                .hasMessage("fee is not a plain decimal string: ''");
    }

    @Test
    void refusesNonPositivePriceOrQtyNegativeValueAndEmptyFields() {
        ExchangeFill f = valid();
        f.setQty("0");
        assertThatThrownBy(() -> Fill.of(f, "p")).hasMessage("qty must be positive: 0");
        f.setQty("1");
        f.setPrice("-1");
        assertThatThrownBy(() -> Fill.of(f, "p")).hasMessage("price must be positive: -1");
        f.setPrice("1");
        f.setValue("-1");
        assertThatThrownBy(() -> Fill.of(f, "p")).hasMessage("value must not be negative: -1");
        f.setValue("1");
        f.setPlayer(" ");
        assertThatThrownBy(() -> Fill.of(f, "p")).hasMessage("player is empty");
    }

    @Test
    void ordersByTimeThenVenueThenId() {
        Fill a = Fill.of(avro(9, ALICE, "BTC-USD", true, "1", "1", "0", T0), "p");
        Fill b = Fill.of(avro(3, ALICE, "BTC-USD", true, "1", "1", "0", T0 + 1), "p");
        Fill c = Fill.of(avro(2, ALICE, "BTC-USD", true, "1", "1", "0", T0 + 1), "p");
        c.venue = "another";
        assertThat(Fill.ORDER.compare(a, b)).isNegative();
        assertThat(Fill.ORDER.compare(c, b)).isNegative();
        assertThat(Fill.ORDER.compare(b, c)).isPositive();
    }
}
