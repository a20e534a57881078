package io.chainplay.api.auth;

import io.chainplay.api.Fixtures;

import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class Ed25519VerifierTest {

    private static final BigInteger L =
            BigInteger.TWO.pow(252).add(new BigInteger("27742317777372353535851937790883648493"));

    @Test
    void acceptsEveryRfc8032VectorAndRefusesItTampered() {
        int count = 0;
        for (JsonNode v : Fixtures.json("rfc8032_ed25519_test_vectors.json").path("vectors")) {
            byte[] pk = Fixtures.hex(v.path("public_key").asString());
            byte[] msg = Fixtures.hex(v.path("message").asString());
            byte[] sig = Fixtures.hex(v.path("signature").asString());
            assertThat(Ed25519Verifier.verify(pk, msg, sig)).as(v.path("name").asString()).isTrue();

            // Signing with the seed gives the same bytes: our key handling matches the RFC's.
            byte[] signed = new byte[64];
            Ed25519.sign(
                    Fixtures.hex(v.path("secret_key").asString()),
                    0,
                    msg,
                    0,
                    msg.length,
                    signed,
                    0);
            assertThat(signed).isEqualTo(sig);

            byte[] badSig = sig.clone();
            badSig[5] ^= 1;
            assertThat(Ed25519Verifier.verify(pk, msg, badSig)).isFalse();
            byte[] badMsg = Arrays.copyOf(msg, msg.length + 1);
            assertThat(Ed25519Verifier.verify(pk, badMsg, sig)).isFalse();
            count++;
        }
        assertThat(count).isEqualTo(5);
    }

    @Test
    void refusesTheMalleatedSignatureWithSPlusL() {
        JsonNode v = Fixtures.json("rfc8032_ed25519_test_vectors.json").path("vectors").get(1);
        byte[] pk = Fixtures.hex(v.path("public_key").asString());
        byte[] msg = Fixtures.hex(v.path("message").asString());
        byte[] sig = Fixtures.hex(v.path("signature").asString());
        // S + L satisfies the same group equation ([S+L]B = [S]B): only the range check stops it.
        BigInteger s = littleEndian(sig, 32);
        byte[] malleated = sig.clone();
        byte[] sPlusL = toLittleEndian(s.add(L));
        System.arraycopy(sPlusL, 0, malleated, 32, 32);
        assertThat(s.add(L).bitLength()).isLessThanOrEqualTo(256);
        assertThat(Ed25519Verifier.verify(pk, msg, malleated)).isFalse();
        assertThat(Ed25519Verifier.isCanonicalScalar(malleated, 32)).isFalse();
        assertThat(Ed25519Verifier.isCanonicalScalar(sig, 32)).isTrue();
    }

    @Test
    void refusesASmallOrderKeyThatWouldVerifyAnyMessage() {
        // A = identity, R = identity, S = 0: [0]B = R + [k]A holds for every message.
        byte[] identity = new byte[32];
        identity[0] = 1;
        byte[] sig = new byte[64];
        sig[0] = 1;
        byte[] msg = "send me everything".getBytes(StandardCharsets.UTF_8);
        assertThat(Ed25519Verifier.verify(identity, msg, sig)).isFalse();
        assertThat(Ed25519Verifier.hasSmallOrder(identity, 0)).isTrue();
    }

    @Test
    void refusesNonCanonicalPointEncodings() {
        byte[] p = new byte[32]; // y = p = 2^255 - 19, i.e. 0 written non-canonically
        Arrays.fill(p, (byte) 0xff);
        p[0] = (byte) 0xed;
        p[31] = (byte) 0x7f;
        assertThat(Ed25519Verifier.isCanonicalPoint(p, 0)).isFalse();
        p[0] = (byte) 0xec; // p - 1 is canonical (and of small order)
        assertThat(Ed25519Verifier.isCanonicalPoint(p, 0)).isTrue();
        assertThat(Ed25519Verifier.hasSmallOrder(p, 0)).isTrue();
    }

    @Test
    void refusesWrongLengths() {
        assertThat(Ed25519Verifier.verify(new byte[31], new byte[0], new byte[64])).isFalse();
        assertThat(Ed25519Verifier.verify(new byte[32], new byte[0], new byte[63])).isFalse();
    }

    private static BigInteger littleEndian(byte[] bytes, int offset) {
        byte[] be = new byte[32];
        for (int i = 0; i < 32; i++) {
            be[31 - i] = bytes[offset + i];
        }
        return new BigInteger(1, be);
    }

    private static byte[] toLittleEndian(BigInteger value) {
        byte[] be = value.toByteArray();
        byte[] le = new byte[32];
        for (int i = 0; i < Math.min(32, be.length); i++) {
            le[i] = be[be.length - 1 - i];
        }
        return le;
    }
}
