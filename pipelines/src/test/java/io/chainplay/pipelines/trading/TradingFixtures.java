package io.chainplay.pipelines.trading;

import io.chainplay.schemas.exchange.ExchangeFill;
import io.chainplay.schemas.exchange.TradeSide;
import io.chainplay.schemas.solana.Base58;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;

/** Players, times and fill factories for the trading tests. */
final class TradingFixtures {

    static final String VENUE = "extended";
    static final String ALICE = pubkey("alice");
    static final String BOB = pubkey("bob");

    /** 2026-03-01T00:00:00Z, a UTC midnight. */
    static final long T0 = Instant.parse("2026-03-01T00:00:00Z").toEpochMilli();

    static final long DAY = 86_400_000L;

    private TradingFixtures() {}

    /** A valid base58 32-byte wallet, so the API would relay to player:&lt;wallet&gt;. */
    static String pubkey(String name) {
        try {
            return Base58.encode(
                    MessageDigest.getInstance("SHA-256")
                            .digest(name.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fill as the fills source writes it; value = price x qty, account 1000 + player hash. */
    static ExchangeFill avro(
            long fillId,
            String player,
            String market,
            boolean buy,
            String price,
            String qty,
            String fee,
            long time) {
        return ExchangeFill.newBuilder()
                .setVenue(VENUE)
                .setFillId(fillId)
                .setAccountId(1000 + Math.abs(player.hashCode() % 1000))
                .setPlayer(player)
                .setMarket(market)
                .setOrderId(fillId / 10)
                .setSide(buy ? TradeSide.BUY : TradeSide.SELL)
                .setPrice(price)
                .setQty(qty)
                .setValue(value(price, qty))
                .setFee(fee)
                .setIsTaker(true)
                .setTradeType("TRADE")
                .setCreatedTime(Instant.ofEpochMilli(time))
                .setReceivedVia("stream")
                .build();
    }

    /** price x qty as the exchange sends it: at most 16 fraction digits. */
    static String value(String price, String qty) {
        BigDecimal value = new BigDecimal(price).multiply(new BigDecimal(qty));
        return (value.scale() > 16 ? value.setScale(16, RoundingMode.HALF_EVEN) : value)
                .toPlainString();
    }

    static Fill fill(
            long fillId,
            String player,
            String market,
            boolean buy,
            String price,
            String qty,
            String fee,
            long time) {
        return Fill.of(avro(fillId, player, market, buy, price, qty, fee, time), "test@" + fillId);
    }

    static Fill buy(long id, String price, String qty, long time) {
        return fill(id, ALICE, "BTC-USD", true, price, qty, "0", time);
    }

    static Fill sell(long id, String price, String qty, long time) {
        return fill(id, ALICE, "BTC-USD", false, price, qty, "0", time);
    }
}
