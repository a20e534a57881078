package io.chainplay.connectors.exchange.signing;

import com.swmansion.starknet.crypto.StarknetCurve;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;

import java.math.BigInteger;

/**
 * The Stark curve's parameters and the one curve operation starknet-jvm does not expose: scalar
 * multiplication of the generator, needed to sign with a k of our choosing.
 *
 * <p>Written by hand because starknet-jvm 0.18's public {@code StarknetCurve.sign(key, hash)}
 * derives k with BouncyCastle's plain RFC 6979 and so disagrees with StarkWare's signer (and every
 * Extended SDK) for most hashes; its sign-with-k entry point is Kotlin-internal. The point
 * arithmetic is BouncyCastle's; the constants are StarkWare's ({@code signature.py}) and are
 * checked in tests against the library's public-key derivation.
 */
final class StarkCurve {

    /** Field prime p = 2^251 + 17·2^192 + 1. */
    static final BigInteger FIELD_PRIME =
            new BigInteger("800000000000011000000000000000000000000000000000000000000000001", 16);

    static final BigInteger ALPHA = BigInteger.ONE;

    static final BigInteger BETA =
            new BigInteger("6f21413efbe40de150e596d72f7a8c5609ad26c15c915c1f4cdfcb99cee9e89", 16);

    /** Group order n, taken from the library so that the two can never disagree. */
    static final BigInteger ORDER = StarknetCurve.CURVE_ORDER;

    static final BigInteger GENERATOR_X =
            new BigInteger("1ef15c18599971b7beced415a40f0c7deacfd9b0d1819e03d723d8bc943cfca", 16);

    static final BigInteger GENERATOR_Y =
            new BigInteger("5668060aa49730b7be4801df46ec62de53ecd11abe43a32873000c36e8dc1f", 16);

    /** Signed values (hash, r, w) must fit in 251 bits (StarkWare's N_ELEMENT_BITS_ECDSA). */
    static final BigInteger ECDSA_BOUND = BigInteger.ONE.shiftLeft(251);

    private static final ECCurve CURVE =
            new ECCurve.Fp(FIELD_PRIME, ALPHA, BETA, ORDER, BigInteger.ONE);

    private static final ECPoint GENERATOR =
            CURVE.createPoint(GENERATOR_X, GENERATOR_Y); // createPoint checks it is on the curve

    private StarkCurve() {}

    /** The affine x coordinate of k·G. */
    static BigInteger multiplyGeneratorX(BigInteger k) {
        return GENERATOR.multiply(k).normalize().getAffineXCoord().toBigInteger();
    }
}
