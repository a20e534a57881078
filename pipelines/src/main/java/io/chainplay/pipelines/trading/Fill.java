package io.chainplay.pipelines.trading;

import io.chainplay.schemas.exchange.ExchangeFill;
import io.chainplay.schemas.exchange.TradeSide;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.regex.Pattern;

/**
 * One validated fill of {@code raw.exchange.fills}, with its decimals parsed: what the trading job
 * computes on. A Flink POJO (public fields, BigDecimal as Flink's BigDecimal type, no Kryo).
 */
public class Fill {

    /** Fraction digits the tables hold (numeric(40, 16)); Extended sends 16. */
    public static final int MAX_SCALE = 16;

    /**
     * The order fills apply in, per player: createdTime, then venue and fill id (ids increase with
     * time per venue, so this is the exchange's own order within a millisecond).
     */
    public static final Comparator<Fill> ORDER =
            Comparator.<Fill>comparingLong(f -> f.createdTime)
                    .thenComparing(f -> f.venue)
                    .thenComparingLong(f -> f.fillId);

    private static final Pattern PLAIN_DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

    public String venue;
    public long fillId;
    public long accountId;
    public String player;
    public String market;
    public long orderId;
    public boolean buy;
    public BigDecimal price;
    public BigDecimal qty;
    public BigDecimal value;
    public BigDecimal fee;
    public boolean isTaker;
    public String tradeType;
    public long createdTime;

    /** Where it came from ({@code topic-partition@offset}), for dead letters. */
    public String position;

    public Fill() {}

    /**
     * Validates and parses an exchange fill.
     *
     * @throws IllegalArgumentException with a reason an operator can act on
     */
    public static Fill of(ExchangeFill avro, String position) {
        Fill f = new Fill();
        f.venue = required(avro.getVenue(), "venue");
        f.fillId = avro.getFillId();
        f.accountId = avro.getAccountId();
        f.player = required(avro.getPlayer(), "player");
        f.market = required(avro.getMarket(), "market");
        f.orderId = avro.getOrderId();
        f.buy = avro.getSide() == TradeSide.BUY;
        f.price = decimal(avro.getPrice(), "price");
        f.qty = decimal(avro.getQty(), "qty");
        f.value = decimal(avro.getValue(), "value");
        f.fee = decimal(avro.getFee(), "fee");
        f.isTaker = avro.getIsTaker();
        f.tradeType = required(avro.getTradeType(), "tradeType");
        f.createdTime = avro.getCreatedTime().toEpochMilli();
        f.position = position;
        if (f.price.signum() <= 0) {
            throw new IllegalArgumentException("price must be positive: " + avro.getPrice());
        }
        if (f.qty.signum() <= 0) {
            throw new IllegalArgumentException("qty must be positive: " + avro.getQty());
        }
        if (f.value.signum() < 0) {
            throw new IllegalArgumentException("value must not be negative: " + avro.getValue());
        }
        return f;
    }

    /** {@code <venue>:<fillId>}: the fill's identity, what duplicates are recognised by. */
    public String id() {
        return venue + ":" + fillId;
    }

    private static String required(String s, String field) {
        if (s == null || s.isBlank()) {
            throw new IllegalArgumentException(field + " is empty");
        }
        return s;
    }

    private static BigDecimal decimal(String s, String field) {
        if (s == null || !PLAIN_DECIMAL.matcher(s).matches()) {
            throw new IllegalArgumentException(
                    field + " is not a plain decimal string: '" + s + "'");
        }
        BigDecimal d = new BigDecimal(s);
        if (d.scale() > MAX_SCALE) {
            throw new IllegalArgumentException(
                    field + " has more than " + MAX_SCALE + " fraction digits: " + s);
        }
        return d;
    }

    @Override
    public String toString() {
        return "Fill{"
                + id()
                + " "
                + player
                + " "
                + market
                + " "
                + (buy ? "BUY " : "SELL ")
                + qty
                + "@"
                + price
                + " fee "
                + fee
                + " t="
                + createdTime
                + "}";
    }
}
