package io.chainplay.connectors.exchange.order;

import io.chainplay.connectors.exchange.account.ExtendedAccount;
import io.chainplay.connectors.exchange.market.L2Config;
import io.chainplay.connectors.exchange.market.Market;
import io.chainplay.connectors.exchange.market.Markets;
import io.chainplay.connectors.exchange.market.TradingConfig;
import io.chainplay.connectors.exchange.signing.Snip12Messages;
import io.chainplay.connectors.exchange.signing.StarkExMessages;
import io.chainplay.connectors.exchange.signing.StarkSignature;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * Builds and signs Extended orders for one account: checks the request against the market, converts
 * it to settlement amounts, hashes the message of the configured {@link SignatureFormat} and signs
 * it with the account's Stark key.
 *
 * <p>Every check runs before anything is signed and fails with an {@link InvalidOrderException} (or
 * {@link io.chainplay.connectors.exchange.market.UnknownMarketException}) saying what to change.
 * Instances are immutable and thread-safe.
 */
public final class OrderSigner {

    /** Nonces are 32-bit in StarkEx messages; we keep that bound for both formats. */
    static final long MAX_NONCE = (1L << 32) - 1;

    private final Markets markets;
    private final ExtendedAccount account;
    private final SignatureFormat format;
    private final Clock clock;
    private final boolean checkPriceTick;

    private OrderSigner(Builder b) {
        this.markets = b.markets;
        this.account = b.account;
        this.format = b.format;
        this.clock = b.clock;
        this.checkPriceTick = b.checkPriceTick;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Checks, builds and signs an order.
     *
     * @throws InvalidOrderException if the order breaks a market rule or cannot be signed
     * @throws io.chainplay.connectors.exchange.market.UnknownMarketException for an unknown market
     */
    public SignedOrder sign(OrderRequest request) {
        Market market = markets.get(request.market());
        validate(market, request);
        L2Config l2 = market.l2Config();
        SettlementAmounts amounts =
                SettlementAmounts.of(
                        l2, request.side(), request.quantity(), request.price(), request.feeRate());
        if (!amounts.fitsSignedMessages()) {
            throw new InvalidOrderException(
                    "order is too large to sign: its settlement amounts exceed 2^63 units ("
                            + amounts
                            + "); split it into smaller orders");
        }
        boolean buy = request.side() == OrderSide.BUY;
        long position = account.vault();
        BigInteger hash;
        long signedExpiration;
        if (format.kind() == SignatureFormat.Kind.STARKEX_PEDERSEN) {
            signedExpiration = OrderExpiry.starkExHours(request.expiry());
            hash =
                    StarkExMessages.limitOrderWithFees(
                            l2.syntheticId(),
                            l2.collateralId(),
                            buy,
                            l2.collateralId(), // fees are paid in collateral
                            amounts.synthetic(),
                            amounts.collateral(),
                            amounts.fee(),
                            request.nonce(),
                            position,
                            signedExpiration);
        } else {
            if (position > 0xFFFF_FFFFL) {
                throw new InvalidOrderException(
                        "vault "
                                + position
                                + " does not fit the u32 position id of SNIP-12 orders");
            }
            signedExpiration = OrderExpiry.starknetSeconds(request.expiry());
            long synthetic = amounts.synthetic().longValueExact();
            long collateral = amounts.collateral().longValueExact();
            Snip12Messages.Order order =
                    new Snip12Messages.Order(
                            position,
                            l2.syntheticId(),
                            buy ? synthetic : -synthetic, // what the position receives is positive
                            l2.collateralId(),
                            buy ? -collateral : collateral,
                            l2.collateralId(),
                            amounts.fee().longValueExact(),
                            signedExpiration,
                            BigInteger.valueOf(request.nonce()));
            hash =
                    Snip12Messages.orderMessageHash(
                            order, account.starkPublicKey(), format.domain());
        }
        StarkSignature signature = account.signer().sign(hash);
        return new SignedOrder(
                request,
                format,
                amounts,
                signedExpiration,
                hash,
                signature,
                account.starkPublicKey(),
                position);
    }

    private void validate(Market market, OrderRequest r) {
        String m = market.name();
        TradingConfig tc = market.tradingConfig();
        if (!market.active()) {
            throw new InvalidOrderException(
                    "market " + m + " is not active; the exchange accepts no orders on it");
        }
        BigDecimal qty = r.quantity();
        if (qty.signum() <= 0) {
            throw new InvalidOrderException(
                    "quantity must be positive; got "
                            + qty.toPlainString()
                            + " (choose the"
                            + " direction with the side, BUY or SELL)");
        }
        if (qty.compareTo(tc.minOrderSize()) < 0) {
            throw new InvalidOrderException(
                    "quantity "
                            + qty.toPlainString()
                            + " "
                            + market.assetName()
                            + " is below "
                            + m
                            + "'s minimum order size "
                            + tc.minOrderSize().toPlainString());
        }
        checkMultiple(qty, tc.minOrderSizeChange(), "quantity", "size step", m);
        BigDecimal units =
                qty.multiply(BigDecimal.valueOf(market.l2Config().syntheticResolution()));
        if (units.stripTrailingZeros().scale() > 0) {
            // Only a market whose size step is finer than its resolution lets this through; the
            // SDKs would round the signed amount away from the quantity sent, so refuse instead.
            throw new InvalidOrderException(
                    "quantity "
                            + qty.toPlainString()
                            + " has more decimals than "
                            + m
                            + " settles (synthetic resolution "
                            + market.l2Config().syntheticResolution()
                            + " units per "
                            + market.assetName()
                            + "); round it to a multiple of "
                            + BigDecimal.ONE
                                    .divide(
                                            BigDecimal.valueOf(
                                                    market.l2Config().syntheticResolution()))
                                    .toPlainString());
        }
        BigDecimal price = r.price();
        if (price.signum() <= 0) {
            throw new InvalidOrderException("price must be positive; got " + price.toPlainString());
        }
        if (checkPriceTick) {
            checkMultiple(price, tc.minPriceChange(), "price", "price tick", m);
        }
        BigDecimal value = qty.multiply(price);
        if (value.compareTo(tc.maxLimitOrderValue()) > 0) {
            throw new InvalidOrderException(
                    "order value "
                            + value.stripTrailingZeros().toPlainString()
                            + " "
                            + market.collateralAssetName()
                            + " exceeds "
                            + m
                            + "'s maximum limit order value "
                            + tc.maxLimitOrderValue().toPlainString()
                            + "; split it into smaller orders");
        }
        if (r.feeRate().signum() < 0 || r.feeRate().compareTo(BigDecimal.ONE) >= 0) {
            throw new InvalidOrderException(
                    "fee rate must be a fraction in [0, 1), e.g. 0.0005 for 5 bps; got "
                            + r.feeRate().toPlainString());
        }
        Instant now = clock.instant();
        if (!r.expiry().isAfter(now)) {
            throw new InvalidOrderException(
                    "order expiry "
                            + r.expiry()
                            + " is not in the future (now "
                            + now
                            + "); give a later expiry, e.g. now + 1 hour");
        }
        if (r.nonce() < 0 || r.nonce() > MAX_NONCE) {
            throw new InvalidOrderException(
                    "nonce must be in [0, 2^32); got " + r.nonce() + " (use Nonces.random())");
        }
    }

    private static void checkMultiple(
            BigDecimal value, BigDecimal step, String what, String stepName, String market) {
        if (value.remainder(step).signum() != 0) {
            BigDecimal down = value.divide(step, 0, RoundingMode.FLOOR).multiply(step);
            BigDecimal up = down.add(step);
            throw new InvalidOrderException(
                    what
                            + " "
                            + value.toPlainString()
                            + " is not a multiple of "
                            + market
                            + "'s "
                            + stepName
                            + " "
                            + step.toPlainString()
                            + "; use "
                            + down.stripTrailingZeros().toPlainString()
                            + " or "
                            + up.stripTrailingZeros().toPlainString());
        }
    }

    /** Configures an {@link OrderSigner}; {@link #build()} says what is missing. */
    public static final class Builder {
        private Markets markets;
        private ExtendedAccount account;
        private SignatureFormat format;
        private Clock clock = Clock.systemUTC();
        private boolean checkPriceTick = true;

        Builder() {}

        public Builder markets(Markets markets) {
            this.markets = markets;
            return this;
        }

        public Builder account(ExtendedAccount account) {
            this.account = account;
            return this;
        }

        public Builder format(SignatureFormat format) {
            this.format = format;
            return this;
        }

        /** The clock expiries are checked against (tests fix it). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Whether prices must be multiples of the market's tick (default true). The exchange
         * rejects off-tick prices, so turn this off only to reproduce historical messages, such as
         * the SDK test vectors whose price 43445.1168 predates BTC-USD's 0.1 tick.
         */
        public Builder checkPriceTick(boolean check) {
            this.checkPriceTick = check;
            return this;
        }

        public OrderSigner build() {
            if (markets == null) {
                throw new IllegalStateException(
                        "markets are not set: load them with Markets.fromApiResponse(...)");
            }
            if (account == null) {
                throw new IllegalStateException(
                        "account is not set: load it with ExtendedAccount.fromEnvironment()");
            }
            if (format == null) {
                throw new IllegalStateException(
                        "format is not set: SignatureFormat.snip12(Snip12Domain.MAINNET) for"
                                + " Extended on Starknet, SignatureFormat.starkEx() for the"
                                + " StarkEx-era exchange");
            }
            return new OrderSigner(this);
        }
    }
}
