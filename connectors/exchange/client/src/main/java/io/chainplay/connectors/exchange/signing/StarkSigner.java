package io.chainplay.connectors.exchange.signing;

import com.swmansion.starknet.crypto.StarknetCurve;

import java.math.BigInteger;
import java.util.Objects;

/**
 * Stark-curve ECDSA: signs a message hash the way StarkWare's {@code signature.py} does
 * (deterministic k per RFC 6979, see {@link StarkRfc6979}) and verifies with starknet-jvm.
 *
 * <p>Verification is the library's alone (its native crypto-cpp code, x-only public key), so a
 * signature this class produces is checked by code that shares nothing with how it was made but the
 * curve.
 */
public final class StarkSigner {

    private final StarkPrivateKey key;

    public StarkSigner(StarkPrivateKey key) {
        this.key = Objects.requireNonNull(key, "key");
    }

    public BigInteger publicKey() {
        return key.publicKey();
    }

    /**
     * Signs a message hash below 2^251 (every StarkEx and SNIP-12 message hash is).
     *
     * @throws IllegalArgumentException if the hash is out of range
     */
    public StarkSignature sign(BigInteger messageHash) {
        return sign(key.secret(), messageHash);
    }

    /** StarkWare's {@code sign}: r = x(k·G), s = (z + r·d) / k, retrying with a seed if needed. */
    static StarkSignature sign(BigInteger privateKey, BigInteger hash) {
        if (hash.signum() < 0 || hash.compareTo(StarkCurve.ECDSA_BOUND) >= 0) {
            throw new IllegalArgumentException(
                    "message hash must be below 2^251 to be signed; got " + Felts.hex(hash));
        }
        BigInteger n = StarkCurve.ORDER;
        BigInteger seed = null;
        while (true) {
            BigInteger k = StarkRfc6979.generateK(hash, privateKey, seed);
            seed = seed == null ? BigInteger.ONE : seed.add(BigInteger.ONE);
            // StarkWare takes r as the x coordinate itself (no reduction mod n) and rejects
            // r, w outside [1, 2^251); both happen with probability about 2^-55.
            BigInteger r = StarkCurve.multiplyGeneratorX(k);
            if (r.signum() == 0 || r.compareTo(StarkCurve.ECDSA_BOUND) >= 0) {
                continue;
            }
            BigInteger zrd = hash.add(r.multiply(privateKey)).mod(n);
            if (zrd.signum() == 0) {
                continue;
            }
            BigInteger w = k.multiply(zrd.modInverse(n)).mod(n);
            if (w.signum() == 0 || w.compareTo(StarkCurve.ECDSA_BOUND) >= 0) {
                continue;
            }
            return new StarkSignature(r, w.modInverse(n));
        }
    }

    /**
     * Verifies with starknet-jvm against an x-only Stark public key, after StarkWare's range checks
     * (hash and r in [0, 2^251) and [1, 2^251), s in [1, n), w = 1/s in [1, 2^251)), which the
     * library leaves to its caller.
     */
    public static boolean verify(BigInteger publicKey, BigInteger messageHash, StarkSignature sig) {
        BigInteger n = StarkCurve.ORDER;
        BigInteger bound = StarkCurve.ECDSA_BOUND;
        if (messageHash.signum() < 0 || messageHash.compareTo(bound) >= 0) {
            return false;
        }
        if (sig.r().signum() <= 0 || sig.r().compareTo(bound) >= 0) {
            return false;
        }
        if (sig.s().signum() <= 0 || sig.s().compareTo(n) >= 0) {
            return false;
        }
        BigInteger w = sig.s().modInverse(n);
        if (w.compareTo(bound) >= 0) {
            return false;
        }
        try {
            return StarknetCurve.verify(
                    Felts.felt(publicKey),
                    Felts.felt(messageHash),
                    Felts.felt(sig.r()),
                    Felts.felt(sig.s()));
        } catch (RuntimeException e) {
            return false; // e.g. a public key that is not on the curve
        }
    }

    @Override
    public String toString() {
        return "StarkSigner[publicKey=" + key.publicKeyHex() + "]";
    }
}
