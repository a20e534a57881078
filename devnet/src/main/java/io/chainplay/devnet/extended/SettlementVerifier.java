package io.chainplay.devnet.extended;

import com.swmansion.starknet.crypto.Keccak;
import com.swmansion.starknet.crypto.Poseidon;
import com.swmansion.starknet.crypto.StarknetCurve;
import com.swmansion.starknet.data.types.Felt;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The devnet's own check of an order's settlement signature: re-derives the message hash from the
 * order's fields and verifies (r, s) against the account's Stark public key.
 *
 * <p>Written from the documented layouts, deliberately sharing no code with our signer in
 * connectors/exchange/client — only the curve library (starknet-jvm's Pedersen, Poseidon, {@code
 * sn_keccak} and ECDSA verification). Field encoding, the short-string and signed-integer felts,
 * the word packing and the range checks are done here, so a bug in the signer's encoding shows up
 * as a rejected order instead of being agreed with. Sources: SNIP-12
 * (https://github.com/starknet-io/SNIPs/blob/main/SNIPS/snip-12.md, revision 1), Extended's
 * Starknet {@code Order} type (x10xchange/rust-crypto-lib-base {@code src/starknet_messages.rs}),
 * and the StarkEx perpetual "limit order with fees" message (StarkEx docs, "Signatures"; x10
 * python_sdk {@code x10/utils/starkex.py}). The unit test checks this class against the fixture
 * vectors.
 */
public final class SettlementVerifier {

    /** The Stark field prime 2^251 + 17·2^192 + 1. */
    static final BigInteger FIELD_PRIME =
            BigInteger.TWO.pow(251).add(BigInteger.valueOf(17).shiftLeft(192)).add(BigInteger.ONE);

    /** The order of the Stark curve's generator. */
    static final BigInteger CURVE_ORDER =
            new BigInteger("0800000000000010ffffffffffffffffb781126dcae7b2321e66a241adc64d2f", 16);

    /** StarkWare's bound on message hashes, r and 1/s. */
    static final BigInteger ECDSA_BOUND = BigInteger.TWO.pow(251);

    static final String DOMAIN_TYPE =
            "\"StarknetDomain\"(\"name\":\"shortstring\",\"version\":\"shortstring\","
                    + "\"chainId\":\"shortstring\",\"revision\":\"shortstring\")";

    // Extended's Starknet order type: its wrapper structs (PositionId, AssetId, Timestamp) are
    // listed in the type string but hashed as their bare value, as the exchange's contracts do.
    static final String ORDER_TYPE =
            "\"Order\"(\"position_id\":\"felt\",\"base_asset_id\":\"AssetId\","
                    + "\"base_amount\":\"i64\",\"quote_asset_id\":\"AssetId\","
                    + "\"quote_amount\":\"i64\",\"fee_asset_id\":\"AssetId\","
                    + "\"fee_amount\":\"u64\",\"expiration\":\"Timestamp\",\"salt\":\"felt\")"
                    + "\"PositionId\"(\"value\":\"u32\")\"AssetId\"(\"value\":\"felt\")"
                    + "\"Timestamp\"(\"seconds\":\"u64\")";

    private static final long SETTLEMENT_BUFFER_MILLIS = 14L * 24 * 3600 * 1000;
    private static final int LIMIT_ORDER_WITH_FEES = 3;

    /** The SNIP-12 domain orders are signed under. */
    public record Domain(String name, String version, String chainId, long revision) {
        /** Extended's testnet domain, the one the SDK's vectors use. */
        public static final Domain SEPOLIA = new Domain("Perpetuals", "v0", "SN_SEPOLIA", 1);

        public static final Domain MAINNET = new Domain("Perpetuals", "v0", "SN_MAIN", 1);

        BigInteger hash() {
            return poseidon(
                    selector(DOMAIN_TYPE),
                    shortString(name),
                    shortString(version),
                    shortString(chainId),
                    BigInteger.valueOf(revision));
        }
    }

    /**
     * What a signed order commits to, in Stark units.
     *
     * @param synthetic unsigned synthetic amount
     * @param collateral unsigned collateral amount
     * @param fee unsigned maximum fee amount
     * @param expiryMillis the order's API expiry; the signed expiration adds 14 days, rounded up
     */
    public record SignedFields(
            boolean buy,
            BigInteger syntheticId,
            BigInteger collateralId,
            BigInteger synthetic,
            BigInteger collateral,
            BigInteger fee,
            long nonce,
            long position,
            long expiryMillis,
            BigInteger publicKey) {}

    private final SignatureScheme scheme;
    private final Domain domain;

    public SettlementVerifier(SignatureScheme scheme, Domain domain) {
        this.scheme = scheme;
        this.domain = domain;
    }

    public SignatureScheme scheme() {
        return scheme;
    }

    /** The message hash the signature must cover. */
    public BigInteger messageHash(SignedFields f) {
        return scheme == SignatureScheme.SNIP12 ? snip12Hash(f) : starkExHash(f);
    }

    /** Range checks as StarkWare's verifier makes them, then the curve check. */
    public boolean verify(BigInteger publicKey, BigInteger hash, BigInteger r, BigInteger s) {
        if (hash.signum() < 0 || hash.compareTo(ECDSA_BOUND) >= 0) {
            return false;
        }
        if (r.signum() <= 0 || r.compareTo(ECDSA_BOUND) >= 0) {
            return false;
        }
        if (s.signum() <= 0 || s.compareTo(CURVE_ORDER) >= 0) {
            return false;
        }
        if (s.modInverse(CURVE_ORDER).compareTo(ECDSA_BOUND) >= 0) {
            return false;
        }
        if (publicKey.signum() <= 0 || publicKey.compareTo(FIELD_PRIME) >= 0) {
            return false;
        }
        try {
            return StarknetCurve.verify(
                    new Felt(publicKey), new Felt(hash), new Felt(r), new Felt(s));
        } catch (RuntimeException e) {
            return false; // a key that is no point's x coordinate
        }
    }

    private BigInteger snip12Hash(SignedFields f) {
        requireBelow(f.synthetic(), BigInteger.TWO.pow(63), "synthetic amount");
        requireBelow(f.collateral(), BigInteger.TWO.pow(63), "collateral amount");
        requireBelow(f.fee(), BigInteger.TWO.pow(64), "fee amount");
        requireBelow(BigInteger.valueOf(f.position()), BigInteger.TWO.pow(32), "position id");
        long expirationSeconds = ceilDiv(f.expiryMillis() + SETTLEMENT_BUFFER_MILLIS, 1000);
        // The position receives what is positive and pays what is negative.
        BigInteger base = f.buy() ? f.synthetic() : f.synthetic().negate();
        BigInteger quote = f.buy() ? f.collateral().negate() : f.collateral();
        BigInteger struct =
                poseidon(
                        selector(ORDER_TYPE),
                        BigInteger.valueOf(f.position()),
                        f.syntheticId(),
                        signedFelt(base),
                        f.collateralId(),
                        signedFelt(quote),
                        f.collateralId(),
                        f.fee(),
                        BigInteger.valueOf(expirationSeconds),
                        BigInteger.valueOf(f.nonce()));
        return poseidon(shortString("StarkNet Message"), domain.hash(), f.publicKey(), struct);
    }

    private static BigInteger starkExHash(SignedFields f) {
        BigInteger two64 = BigInteger.TWO.pow(64);
        requireBelow(f.synthetic(), two64, "synthetic amount");
        requireBelow(f.collateral(), two64, "collateral amount");
        requireBelow(f.fee(), two64, "fee amount");
        requireBelow(BigInteger.valueOf(f.nonce()), BigInteger.TWO.pow(32), "nonce");
        long hours = ceilDiv(f.expiryMillis() + SETTLEMENT_BUFFER_MILLIS, 3_600_000L);
        requireBelow(BigInteger.valueOf(hours), BigInteger.TWO.pow(32), "expiration");
        BigInteger sellAsset = f.buy() ? f.collateralId() : f.syntheticId();
        BigInteger buyAsset = f.buy() ? f.syntheticId() : f.collateralId();
        BigInteger sellAmount = f.buy() ? f.collateral() : f.synthetic();
        BigInteger buyAmount = f.buy() ? f.synthetic() : f.collateral();
        BigInteger position = BigInteger.valueOf(f.position());
        // w0 = sell(64) | buy(64) | fee(64) | nonce(32); w1 = type | 3 positions | hours | pad 17
        BigInteger w0 =
                sellAmount
                        .shiftLeft(160)
                        .add(buyAmount.shiftLeft(96))
                        .add(f.fee().shiftLeft(32))
                        .add(BigInteger.valueOf(f.nonce()));
        BigInteger w1 =
                BigInteger.valueOf(LIMIT_ORDER_WITH_FEES)
                        .shiftLeft(224)
                        .add(position.shiftLeft(160))
                        .add(position.shiftLeft(96))
                        .add(position.shiftLeft(32))
                        .add(BigInteger.valueOf(hours))
                        .shiftLeft(17);
        BigInteger h = pedersen(sellAsset, buyAsset);
        h = pedersen(h, f.collateralId()); // fees are paid in collateral
        h = pedersen(h, w0);
        return pedersen(h, w1);
    }

    static BigInteger selector(String typeString) {
        return Keccak.starknetKeccak(typeString.getBytes(StandardCharsets.US_ASCII)).getValue();
    }

    /** A Cairo short string: its ASCII bytes as one big-endian number (at most 31 bytes). */
    static BigInteger shortString(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.US_ASCII);
        if (bytes.length > 31) {
            throw new IllegalArgumentException("not a short string: " + s);
        }
        return new BigInteger(1, bytes);
    }

    /** A signed integer as a field element: negative values wrap to P - |x|. */
    static BigInteger signedFelt(BigInteger x) {
        return x.signum() < 0 ? FIELD_PRIME.add(x) : x;
    }

    private static BigInteger poseidon(BigInteger... values) {
        List<Felt> felts = new ArrayList<>(values.length);
        for (BigInteger v : values) {
            felts.add(new Felt(v));
        }
        return Poseidon.poseidonHash(felts).getValue();
    }

    private static BigInteger pedersen(BigInteger a, BigInteger b) {
        return StarknetCurve.pedersen(new Felt(a), new Felt(b)).getValue();
    }

    private static void requireBelow(BigInteger v, BigInteger bound, String what) {
        if (v.signum() < 0 || v.compareTo(bound) >= 0) {
            throw new ApiException(
                    ErrorCode.INVALID_ORDER_PARAMETERS,
                    what
                            + " "
                            + v
                            + " does not fit the signed message (must be below "
                            + bound
                            + ")");
        }
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
