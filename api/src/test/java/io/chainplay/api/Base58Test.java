package io.chainplay.api;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class Base58Test {

    @Test
    void decodesTheFixtureKeyAndSignature() {
        var vectors = Fixtures.json("siws_signed_vectors_derived.json");
        assertThat(Base58.decode(vectors.path("address_base58").asString(), 32))
                .isEqualTo(Fixtures.hex(vectors.path("public_key_hex").asString()));
        var v = Fixtures.signedVector("siws_maximal");
        assertThat(Base58.decode(v.path("signature_base58").asString(), 64))
                .isEqualTo(Fixtures.hex(v.path("signature_hex").asString()));
    }

    @Test
    void roundTripsRandomBytesWithLeadingZeros() {
        Random random = new Random(7);
        for (int i = 0; i < 500; i++) {
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            for (int z = 0; z < i % 5; z++) {
                bytes[z] = 0;
            }
            String text = Base58.encode(bytes);
            assertThat(Base58.decode(text, 32)).isEqualTo(bytes);
            assertThat(text).isEqualTo(TestKeys.encode(bytes));
        }
    }

    @Test
    void refusesWrongLengthsAndCharacters() {
        String key = TestKeys.of("alice");
        assertThat(Base58.decode(key, 64)).isNull();
        assertThat(Base58.decode(key, 31)).isNull();
        assertThat(Base58.decode(key.replace(key.charAt(3), '0'), 32))
                .isNull(); // 0 not in alphabet
        assertThat(Base58.decode(key + "l", 32)).isNull();
        assertThat(Base58.decode("", 32)).isNull();
        assertThat(Base58.decode("1".repeat(32), 32)).isEqualTo(new byte[32]);
        assertThat(Base58.decode("é".repeat(40), 32)).isNull();
    }
}
