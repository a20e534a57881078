package io.chainplay.connectors.exchange.signing;

import com.swmansion.starknet.crypto.Keccak;
import com.swmansion.starknet.crypto.Poseidon;
import com.swmansion.starknet.data.types.Felt;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * SNIP-12 (revision 1, Poseidon) message hashes of Extended's Starknet perpetuals: orders, limit
 * orders, transfers and withdrawals.
 *
 * <p>The envelope is standard SNIP-12: {@code poseidon("StarkNet Message", domain hash, signer,
 * struct hash)}. The struct hashes are written here by hand because Extended's types are not
 * standard SNIP-12 ones: they use {@code i64}, {@code u64} and {@code u32} members, which
 * starknet-jvm's {@code TypedData} rejects, and they hash the wrapper structs ({@code PositionId},
 * {@code AssetId}, {@code Timestamp}) as their bare value, as Extended's Cairo contracts and Rust
 * library do, rather than as nested struct hashes. A test checks this envelope against
 * starknet-jvm's {@code TypedData} on a standard message.
 */
public final class Snip12Messages {

    static final String ORDER_TYPE =
            "\"Order\"(\"position_id\":\"felt\",\"base_asset_id\":\"AssetId\",\"base_amount\":\"i64\","
                    + "\"quote_asset_id\":\"AssetId\",\"quote_amount\":\"i64\",\"fee_asset_id\":\"AssetId\","
                    + "\"fee_amount\":\"u64\",\"expiration\":\"Timestamp\",\"salt\":\"felt\")"
                    + "\"PositionId\"(\"value\":\"u32\")\"AssetId\"(\"value\":\"felt\")"
                    + "\"Timestamp\"(\"seconds\":\"u64\")";

    static final String LIMIT_ORDER_TYPE =
            "\"LimitOrder\"(\"source_position\":\"PositionId\",\"receive_position\":\"PositionId\","
                    + "\"base_asset_id\":\"AssetId\",\"base_amount\":\"i64\",\"quote_asset_id\":\"AssetId\","
                    + "\"quote_amount\":\"i64\",\"fee_asset_id\":\"AssetId\",\"fee_amount\":\"u64\","
                    + "\"expiration\":\"Timestamp\",\"salt\":\"felt\")"
                    + "\"PositionId\"(\"value\":\"u32\")\"AssetId\"(\"value\":\"felt\")"
                    + "\"Timestamp\"(\"seconds\":\"u64\")";

    static final String TRANSFER_ARGS_TYPE =
            "\"TransferArgs\"(\"recipient\":\"PositionId\",\"position_id\":\"PositionId\","
                    + "\"collateral_id\":\"AssetId\",\"amount\":\"u64\",\"expiration\":\"Timestamp\","
                    + "\"salt\":\"felt\")"
                    + "\"PositionId\"(\"value\":\"u32\")\"AssetId\"(\"value\":\"felt\")"
                    + "\"Timestamp\"(\"seconds\":\"u64\")";

    static final String WITHDRAW_ARGS_TYPE =
            "\"WithdrawArgs\"(\"recipient\":\"ContractAddress\",\"position_id\":\"PositionId\","
                    + "\"collateral_id\":\"AssetId\",\"amount\":\"u64\",\"expiration\":\"Timestamp\","
                    + "\"salt\":\"felt\")"
                    + "\"PositionId\"(\"value\":\"u32\")\"AssetId\"(\"value\":\"felt\")"
                    + "\"Timestamp\"(\"seconds\":\"u64\")";

    private static final Felt STARKNET_MESSAGE = Felt.fromShortString("StarkNet Message");

    private static final long U32_MAX = 0xFFFF_FFFFL;

    private Snip12Messages() {}

    /** The fields of an {@code Order}, the struct Extended's Starknet perpetuals sign. */
    public record Order(
            long positionId,
            BigInteger baseAssetId,
            long baseAmount,
            BigInteger quoteAssetId,
            long quoteAmount,
            BigInteger feeAssetId,
            long feeAmount,
            long expirationSeconds,
            BigInteger salt) {

        public Order {
            checkU32(positionId, "position id");
            checkU64(feeAmount, "fee amount");
            checkU64(expirationSeconds, "expiration");
        }
    }

    public static BigInteger orderStructHash(Order o) {
        return structHash(
                ORDER_TYPE,
                Felts.felt(o.positionId()),
                Felts.felt(o.baseAssetId()),
                Felt.fromSigned(o.baseAmount()),
                Felts.felt(o.quoteAssetId()),
                Felt.fromSigned(o.quoteAmount()),
                Felts.felt(o.feeAssetId()),
                Felts.felt(o.feeAmount()),
                Felts.felt(o.expirationSeconds()),
                Felts.felt(o.salt()));
    }

    /** The message an Extended account signs for an order. */
    public static BigInteger orderMessageHash(Order o, BigInteger publicKey, Snip12Domain domain) {
        return messageHash(domain, publicKey, orderStructHash(o));
    }

    /** A {@code LimitOrder}: an order whose source and receiving positions may differ. */
    public static BigInteger limitOrderStructHash(
            long sourcePosition,
            long receivePosition,
            BigInteger baseAssetId,
            long baseAmount,
            BigInteger quoteAssetId,
            long quoteAmount,
            BigInteger feeAssetId,
            long feeAmount,
            long expirationSeconds,
            BigInteger salt) {
        checkU32(sourcePosition, "source position");
        checkU32(receivePosition, "receive position");
        checkU64(feeAmount, "fee amount");
        checkU64(expirationSeconds, "expiration");
        return structHash(
                LIMIT_ORDER_TYPE,
                Felts.felt(sourcePosition),
                Felts.felt(receivePosition),
                Felts.felt(baseAssetId),
                Felt.fromSigned(baseAmount),
                Felts.felt(quoteAssetId),
                Felt.fromSigned(quoteAmount),
                Felts.felt(feeAssetId),
                Felts.felt(feeAmount),
                Felts.felt(expirationSeconds),
                Felts.felt(salt));
    }

    /** {@code TransferArgs}: moves collateral from {@code positionId} to {@code recipient}. */
    public static BigInteger transferArgsStructHash(
            long recipient,
            long positionId,
            BigInteger collateralId,
            long amount,
            long expirationSeconds,
            BigInteger salt) {
        checkU32(recipient, "recipient position");
        checkU32(positionId, "position id");
        checkU64(amount, "amount");
        checkU64(expirationSeconds, "expiration");
        return structHash(
                TRANSFER_ARGS_TYPE,
                Felts.felt(recipient),
                Felts.felt(positionId),
                Felts.felt(collateralId),
                Felts.felt(amount),
                Felts.felt(expirationSeconds),
                Felts.felt(salt));
    }

    /** {@code WithdrawArgs}: withdraws collateral from a position to a Starknet address. */
    public static BigInteger withdrawArgsStructHash(
            BigInteger recipient,
            long positionId,
            BigInteger collateralId,
            long amount,
            long expirationSeconds,
            BigInteger salt) {
        checkU32(positionId, "position id");
        checkU64(amount, "amount");
        checkU64(expirationSeconds, "expiration");
        return structHash(
                WITHDRAW_ARGS_TYPE,
                Felts.felt(recipient),
                Felts.felt(positionId),
                Felts.felt(collateralId),
                Felts.felt(amount),
                Felts.felt(expirationSeconds),
                Felts.felt(salt));
    }

    /** poseidon("StarkNet Message", domain hash, signer public key, struct hash). */
    public static BigInteger messageHash(
            Snip12Domain domain, BigInteger publicKey, BigInteger structHash) {
        return Poseidon.poseidonHash(
                        List.of(
                                STARKNET_MESSAGE,
                                Felts.felt(domain.hash()),
                                Felts.felt(publicKey),
                                Felts.felt(structHash)))
                .getValue();
    }

    /** starknet_keccak of a type string (keccak256 masked to 250 bits), via starknet-jvm. */
    static Felt selector(String typeString) {
        return Keccak.starknetKeccak(typeString.getBytes(StandardCharsets.UTF_8));
    }

    private static BigInteger structHash(String type, Felt... fields) {
        List<Felt> all = new ArrayList<>(fields.length + 1);
        all.add(selector(type));
        all.addAll(List.of(fields));
        return Poseidon.poseidonHash(all).getValue();
    }

    private static void checkU32(long value, String what) {
        if (value < 0 || value > U32_MAX) {
            throw new IllegalArgumentException(what + " must fit in u32; got " + value);
        }
    }

    private static void checkU64(long value, String what) {
        // Java's long is signed: u64 values above 2^63 are not needed by any order.
        if (value < 0) {
            throw new IllegalArgumentException(what + " must be a non-negative u64; got " + value);
        }
    }
}
