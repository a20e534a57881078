package io.chainplay.connectors.exchange.order;

import io.chainplay.connectors.exchange.signing.Felts;
import io.chainplay.connectors.exchange.signing.StarkSignature;

import java.math.BigInteger;

/**
 * An order ready to send: the request, the amounts and expiration its message carries, the message
 * hash and its signature, and the settlement fields Extended's create-order call takes ({@code
 * settlement.signature}, {@code settlement.starkKey}, {@code settlement.collateralPosition}).
 *
 * @param signedExpiration hours (StarkEx) or seconds (SNIP-12) since the epoch, see {@link
 *     OrderExpiry}
 */
public record SignedOrder(
        OrderRequest request,
        SignatureFormat format,
        SettlementAmounts amounts,
        long signedExpiration,
        BigInteger messageHash,
        StarkSignature signature,
        BigInteger starkKey,
        long collateralPosition) {

    /** The order id Extended's SDKs send when the caller gives none: the hash in decimal. */
    public String id() {
        return messageHash.toString();
    }

    public String starkKeyHex() {
        return Felts.hex(starkKey);
    }
}
