package io.chainplay.connectors.exchange.signing;

import com.swmansion.starknet.crypto.StarknetCurve;
import com.swmansion.starknet.data.types.Felt;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.math.BigInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random keys and hashes: our signatures verify with starknet-jvm's verifier (native crypto-cpp,
 * independent of how we sign), and a single flipped bit in the hash, r or s fails verification.
 */
class StarkSignerPropertiesTest {

    @Property(tries = 60)
    void signaturesVerifyWithTheLibrary(
            @ForAll("privateKeys") BigInteger key, @ForAll("hashes") BigInteger hash) {
        StarkSignature sig = StarkSigner.sign(key, hash);
        BigInteger pub = StarknetCurve.getPublicKey(new Felt(key)).getValue();
        assertThat(
                        StarknetCurve.verify(
                                new Felt(pub),
                                new Felt(hash),
                                new Felt(sig.r()),
                                new Felt(sig.s())))
                .isTrue();
        assertThat(StarkSigner.verify(pub, hash, sig)).isTrue();
        assertThat(StarkSigner.sign(key, hash)).isEqualTo(sig); // deterministic
    }

    @Property(tries = 60)
    void aFlippedBitFailsVerification(
            @ForAll("privateKeys") BigInteger key,
            @ForAll("hashes") BigInteger hash,
            @ForAll @IntRange(min = 0, max = 250) int bit,
            @ForAll @IntRange(min = 0, max = 2) int where) {
        StarkSignature sig = StarkSigner.sign(key, hash);
        BigInteger pub = StarknetCurve.getPublicKey(new Felt(key)).getValue();
        BigInteger h = hash;
        StarkSignature s = sig;
        switch (where) {
            case 0 -> h = hash.flipBit(bit);
            case 1 -> s = new StarkSignature(sig.r().flipBit(bit), sig.s());
            default -> s = new StarkSignature(sig.r(), sig.s().flipBit(bit));
        }
        assertThat(StarkSigner.verify(pub, h, s)).isFalse();
    }

    @Property(tries = 30)
    void anotherKeysSignatureFails(
            @ForAll("privateKeys") BigInteger key,
            @ForAll("privateKeys") BigInteger other,
            @ForAll("hashes") BigInteger hash) {
        // d and n - d share a Stark key: the public key is only the x coordinate of d·G, and
        // -d·G has the same x. (jqwik's edge cases 1 and n - 1 found this.)
        if (key.equals(other) || key.add(other).equals(StarkCurve.ORDER)) {
            return;
        }
        BigInteger otherPub = StarknetCurve.getPublicKey(new Felt(other)).getValue();
        assertThat(StarkSigner.verify(otherPub, hash, StarkSigner.sign(key, hash))).isFalse();
    }

    @Property(tries = 20)
    void outOfRangeValuesNeverVerify(
            @ForAll("privateKeys") BigInteger key, @ForAll("hashes") BigInteger hash) {
        StarkSignature sig = StarkSigner.sign(key, hash);
        BigInteger pub = StarknetCurve.getPublicKey(new Felt(key)).getValue();
        BigInteger bound = StarkCurve.ECDSA_BOUND;
        assertThat(StarkSigner.verify(pub, hash.add(bound), sig)).isFalse();
        assertThat(StarkSigner.verify(pub, hash, new StarkSignature(BigInteger.ZERO, sig.s())))
                .isFalse();
        assertThat(StarkSigner.verify(pub, hash, new StarkSignature(sig.r().add(bound), sig.s())))
                .isFalse();
        assertThat(StarkSigner.verify(pub, hash, new StarkSignature(sig.r(), BigInteger.ZERO)))
                .isFalse();
        assertThat(
                        StarkSigner.verify(
                                pub,
                                hash,
                                new StarkSignature(sig.r(), sig.s().add(StarkCurve.ORDER))))
                .isFalse();
        assertThat(StarkSigner.verify(BigInteger.ZERO, hash, sig)).isFalse(); // not on the curve
    }

    @Provide
    Arbitrary<BigInteger> privateKeys() {
        return Arbitraries.bigIntegers()
                .between(BigInteger.ONE, StarkCurve.ORDER.subtract(BigInteger.ONE));
    }

    /** Hashes of every size up to 251 bits, so the padded and unpadded k paths both run. */
    @Provide
    Arbitrary<BigInteger> hashes() {
        return Arbitraries.integers()
                .between(1, 251)
                .flatMap(
                        bits ->
                                Arbitraries.bigIntegers()
                                        .between(
                                                BigInteger.ONE.shiftLeft(bits - 1),
                                                BigInteger.ONE
                                                        .shiftLeft(bits)
                                                        .subtract(BigInteger.ONE)));
    }
}
