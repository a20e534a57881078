package io.chainplay.connectors.exchange.rest;

import io.chainplay.connectors.exchange.account.ExtendedAccount;
import io.chainplay.connectors.exchange.market.Markets;
import io.chainplay.connectors.exchange.order.CreateOrderBody;
import io.chainplay.connectors.exchange.order.OrderRequest;
import io.chainplay.connectors.exchange.order.OrderSigner;
import io.chainplay.connectors.exchange.order.SignatureFormat;

import java.io.IOException;
import java.time.Clock;

/**
 * One account trading on Extended: signs orders with our signer and places them over REST, as a
 * player's trading service does. The markets (and so the l2 configuration every signature depends
 * on) are read from the exchange once, when the trader connects.
 *
 * <p>Signing and placing are separate steps on purpose: a durable workflow keeps the signed body
 * (its nonce and external id) before it sends it, so that after a crash it sends the very same
 * order again instead of a second one ({@link ExtendedRestClient#createOrder}).
 */
public final class ExtendedTrader {

    private final ExtendedRestClient rest;
    private final Markets markets;
    private final OrderSigner signer;

    private ExtendedTrader(ExtendedRestClient rest, Markets markets, OrderSigner signer) {
        this.rest = rest;
        this.markets = markets;
        this.signer = signer;
    }

    /**
     * Reads the exchange's markets and builds the account's signer.
     *
     * @param baseUrl the API root including {@code /api/v1}
     * @param format {@code SignatureFormat.snip12(Snip12Domain.MAINNET)} for Extended on Starknet
     */
    public static ExtendedTrader connect(
            String baseUrl,
            ExtendedAccount account,
            SignatureFormat format,
            ExtendedRestClient.Settings settings,
            Clock clock)
            throws IOException, InterruptedException {
        ExtendedRestClient rest = new ExtendedRestClient(baseUrl, account.apiKey(), settings);
        Markets markets = Markets.fromApiResponse(rest.marketsJson());
        OrderSigner signer =
                OrderSigner.builder()
                        .markets(markets)
                        .account(account)
                        .format(format)
                        .clock(clock)
                        .build();
        return new ExtendedTrader(rest, markets, signer);
    }

    /** The signed create-order body of {@code request}, placed under {@code externalId}. */
    public CreateOrderBody sign(OrderRequest request, String externalId) {
        return CreateOrderBody.of(signer.sign(request)).externalId(externalId);
    }

    /** Places a signed order (again, if an earlier attempt may have placed it: same order). */
    public ExtendedRestClient.PlacedOrder place(CreateOrderBody body)
            throws IOException, InterruptedException {
        return rest.createOrder(body);
    }

    /** The markets as the exchange described them when the trader connected. */
    public Markets markets() {
        return markets;
    }

    /** The account's REST client: orders by external id, cancels, trades, live prices. */
    public ExtendedRestClient rest() {
        return rest;
    }
}
