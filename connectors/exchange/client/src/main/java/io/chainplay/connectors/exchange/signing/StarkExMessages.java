package io.chainplay.connectors.exchange.signing;

import com.swmansion.starknet.crypto.StarknetCurve;

import java.math.BigInteger;

/**
 * Pedersen message hashes of the StarkEx perpetual protocol, the format Extended (then x10) signed
 * before its move to Starknet.
 *
 * <p>The layouts are StarkEx's (x10's {@code x10/utils/starkex.py}, dYdX v3's constants): a chain
 * of Pedersen hashes over asset ids, then words packing amounts, nonce, position ids and an
 * expiration in hours, each field range-checked so that no field can spill into its neighbour.
 * Pedersen itself is starknet-jvm's.
 */
public final class StarkExMessages {

    static final int OP_LIMIT_ORDER_WITH_FEES = 3;
    static final int OP_TRANSFER = 4;
    static final int OP_WITHDRAWAL_TO_ADDRESS = 7;

    private static final BigInteger TWO_POW_64 = BigInteger.ONE.shiftLeft(64);
    private static final BigInteger TWO_POW_32 = BigInteger.ONE.shiftLeft(32);
    private static final BigInteger TWO_POW_128 = BigInteger.ONE.shiftLeft(128);
    private static final BigInteger TWO_POW_160 = BigInteger.ONE.shiftLeft(160);
    private static final BigInteger TWO_POW_250 = BigInteger.ONE.shiftLeft(250);

    private StarkExMessages() {}

    /**
     * The "limit order with fees" message (op 3). A buy of the synthetic sells collateral; a sell
     * sells the synthetic. The fee is paid in {@code assetIdFee} (the collateral on Extended).
     */
    public static BigInteger limitOrderWithFees(
            BigInteger assetIdSynthetic,
            BigInteger assetIdCollateral,
            boolean isBuyingSynthetic,
            BigInteger assetIdFee,
            BigInteger amountSynthetic,
            BigInteger amountCollateral,
            BigInteger maxAmountFee,
            long nonce,
            long positionId,
            long expirationHours) {
        check(assetIdSynthetic, TWO_POW_128, "synthetic asset id", "2^128");
        check(assetIdCollateral, TWO_POW_250, "collateral asset id", "2^250");
        check(assetIdFee, TWO_POW_250, "fee asset id", "2^250");
        check(amountSynthetic, TWO_POW_64, "synthetic amount", "2^64");
        check(amountCollateral, TWO_POW_64, "collateral amount", "2^64");
        check(maxAmountFee, TWO_POW_64, "fee amount", "2^64");
        BigInteger nonceValue = checkLong(nonce, TWO_POW_32, "nonce", "2^32");
        BigInteger position = checkLong(positionId, TWO_POW_64, "position id", "2^64");
        BigInteger expiration = checkLong(expirationHours, TWO_POW_32, "expiration hours", "2^32");

        BigInteger assetIdSell = isBuyingSynthetic ? assetIdCollateral : assetIdSynthetic;
        BigInteger assetIdBuy = isBuyingSynthetic ? assetIdSynthetic : assetIdCollateral;
        BigInteger amountSell = isBuyingSynthetic ? amountCollateral : amountSynthetic;
        BigInteger amountBuy = isBuyingSynthetic ? amountSynthetic : amountCollateral;

        BigInteger h = pedersen(assetIdSell, assetIdBuy);
        h = pedersen(h, assetIdFee);
        BigInteger w0 = amountSell;
        w0 = w0.shiftLeft(64).or(amountBuy);
        w0 = w0.shiftLeft(64).or(maxAmountFee);
        w0 = w0.shiftLeft(32).or(nonceValue);
        h = pedersen(h, w0);
        BigInteger w1 = BigInteger.valueOf(OP_LIMIT_ORDER_WITH_FEES);
        w1 = w1.shiftLeft(64).or(position); // the position paying, receiving and paying the fee
        w1 = w1.shiftLeft(64).or(position);
        w1 = w1.shiftLeft(64).or(position);
        w1 = w1.shiftLeft(32).or(expiration);
        w1 = w1.shiftLeft(17); // padding to the word's 251 bits
        return pedersen(h, w1);
    }

    /** The perpetual transfer message (op 4) between two positions. */
    public static BigInteger transfer(
            BigInteger assetId,
            BigInteger assetIdFee,
            BigInteger receiverPublicKey,
            long senderPositionId,
            long receiverPositionId,
            long srcFeePositionId,
            long nonce,
            BigInteger amount,
            BigInteger maxAmountFee,
            long expirationHours) {
        check(amount, TWO_POW_64, "amount", "2^64");
        check(maxAmountFee, TWO_POW_64, "fee amount", "2^64");
        BigInteger h = pedersen(assetId, assetIdFee);
        h = pedersen(h, receiverPublicKey);
        BigInteger w0 = checkLong(senderPositionId, TWO_POW_64, "sender position id", "2^64");
        w0 = w0.shiftLeft(64).or(checkLong(receiverPositionId, TWO_POW_64, "receiver", "2^64"));
        w0 = w0.shiftLeft(64).or(checkLong(srcFeePositionId, TWO_POW_64, "fee position", "2^64"));
        w0 = w0.shiftLeft(32).or(checkLong(nonce, TWO_POW_32, "nonce", "2^32"));
        h = pedersen(h, w0);
        BigInteger w1 = BigInteger.valueOf(OP_TRANSFER);
        w1 = w1.shiftLeft(64).or(amount);
        w1 = w1.shiftLeft(64).or(maxAmountFee);
        w1 = w1.shiftLeft(32).or(checkLong(expirationHours, TWO_POW_32, "expiration", "2^32"));
        w1 = w1.shiftLeft(81);
        return pedersen(h, w1);
    }

    /** The perpetual withdrawal-to-address message (op 7) to an Ethereum address. */
    public static BigInteger withdrawalToAddress(
            BigInteger assetIdCollateral,
            long positionId,
            BigInteger ethAddress,
            long nonce,
            BigInteger amount,
            long expirationHours) {
        check(ethAddress, TWO_POW_160, "Ethereum address", "2^160");
        check(amount, TWO_POW_64, "amount", "2^64");
        BigInteger w = BigInteger.valueOf(OP_WITHDRAWAL_TO_ADDRESS);
        w = w.shiftLeft(64).or(checkLong(positionId, TWO_POW_64, "position id", "2^64"));
        w = w.shiftLeft(32).or(checkLong(nonce, TWO_POW_32, "nonce", "2^32"));
        w = w.shiftLeft(64).or(amount);
        w = w.shiftLeft(32).or(checkLong(expirationHours, TWO_POW_32, "expiration", "2^32"));
        w = w.shiftLeft(49);
        return pedersen(pedersen(assetIdCollateral, ethAddress), w);
    }

    static BigInteger pedersen(BigInteger a, BigInteger b) {
        return StarknetCurve.pedersen(Felts.felt(a), Felts.felt(b)).getValue();
    }

    private static void check(BigInteger value, BigInteger bound, String what, String boundText) {
        if (value.signum() < 0 || value.compareTo(bound) >= 0) {
            throw new IllegalArgumentException(
                    what
                            + " must be in [0, "
                            + boundText
                            + ") for a StarkEx message; got "
                            + value);
        }
    }

    private static BigInteger checkLong(long value, BigInteger bound, String what, String b) {
        BigInteger v = BigInteger.valueOf(value);
        check(v, bound, what, b);
        return v;
    }
}
