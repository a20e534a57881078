package io.chainplay.schemas.solana;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Base58Test {

    // TrialRegistered from fixtures/solana/anchor_event_decode_vectors.json (derived_fareplay):
    // after the 8-byte discriminator come trial_id, who and pool_id, whose base58 forms the
    // fixture's expected_decoded gives.
    private static final String PROGRAM_DATA =
            "tgDUy45X1t0Gm4hX/quBhPtof2NGGMA12sQ53BrrO1WYoPAAAAAAAQbd9uHXZaGT2cvhRs7reawctIXtX1s3kTqM9YV+/wCpBqfVFxksXFEhjMlMPUrxf1ja7gibof1E49vZigAAAAAAAMhOZ23BGwIAAAAAAAAAAADgPwAAAAAAAAAAAAAAAAAA4D8AAAAAAAAAQAgAAAAweGFiYzEyMw==";

    @Test
    void encodesThePubkeysOfARealAnchorEvent() {
        byte[] data = Base64.getDecoder().decode(PROGRAM_DATA);

        assertThat(Base58.encode(Arrays.copyOfRange(data, 8, 40)))
                .isEqualTo("So11111111111111111111111111111111111111112");
        assertThat(Base58.encode(Arrays.copyOfRange(data, 40, 72)))
                .isEqualTo("TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA");
        assertThat(Base58.encode(Arrays.copyOfRange(data, 72, 104)))
                .isEqualTo("SysvarRent111111111111111111111111111111111");
    }

    @Test
    void decodesBackToTheSameBytes() {
        byte[] data = Base64.getDecoder().decode(PROGRAM_DATA);

        assertThat(Base58.decode("TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA"))
                .isEqualTo(Arrays.copyOfRange(data, 40, 72));
    }

    @Test
    void keepsLeadingZeroBytesAsOnes() {
        // The system program id is 32 zero bytes.
        assertThat(Base58.decode("11111111111111111111111111111111")).isEqualTo(new byte[32]);
        assertThat(Base58.encode(new byte[32])).isEqualTo("11111111111111111111111111111111");
        assertThat(Base58.encode(HexFormat.of().parseHex("0000ff"))).isEqualTo("115Q");
    }

    @Test
    void roundTripsRandomBytes() {
        Random random = new Random(7);
        for (int i = 0; i < 1000; i++) {
            byte[] bytes = new byte[random.nextInt(70)];
            random.nextBytes(bytes);
            if (bytes.length > 0 && random.nextBoolean()) {
                bytes[0] = 0;
            }
            assertThat(Base58.decode(Base58.encode(bytes))).isEqualTo(bytes);
        }
    }

    @Test
    void refusesCharactersOutsideTheAlphabet() {
        assertThatThrownBy(() -> Base58.decode("abc0def"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'0' at position 3");
        assertThatThrownBy(() -> Base58.decode("Iabc")).hasMessageContaining("'I'");
    }

    @Test
    void recognisesPublicKeysByLength() {
        assertThat(Base58.isPublicKey("FAREvmepkHArRWwLjHmwPQGL9Byg8iKF3hu1vewxTSXe")).isTrue();
        assertThat(Base58.isPublicKey("11111111111111111111111111111111")).isTrue();
        // 64 bytes: a signature, not a key
        assertThat(Base58.isPublicKey(Base58.encode(new byte[64]).replace('1', '2'))).isFalse();
        assertThat(Base58.isPublicKey("FAREvmepkHArRWwLjHmwPQGL9Byg8iKF3hu1vewxTSX0")).isFalse();
        assertThat(Base58.isPublicKey("")).isFalse();
        assertThat(Base58.isPublicKey(null)).isFalse();
    }

    @Test
    void tellsPublicKeysAsDecodingDoes() {
        Random random = new Random(9);
        for (int n = 0; n < 20_000; n++) {
            byte[] bytes = new byte[random.nextInt(6) == 0 ? 30 + random.nextInt(5) : 32];
            random.nextBytes(bytes);
            for (int i = 0; i < random.nextInt(4) && i < bytes.length; i++) {
                bytes[i] = 0; // leading zero bytes become leading '1's
            }
            String text = Base58.encode(bytes);
            if (random.nextInt(10) == 0) {
                text = text.substring(0, Math.max(1, random.nextInt(text.length())));
            }
            if (random.nextInt(20) == 0) {
                text = text + "0OIl".charAt(random.nextInt(4));
            }
            boolean decodes;
            try {
                decodes = Base58.decode(text).length == 32;
            } catch (IllegalArgumentException e) {
                decodes = false;
            }
            assertThat(Base58.isPublicKey(text)).as(text).isEqualTo(decodes && text.length() <= 44);
        }
        assertThat(Base58.isPublicKey("11111111111111111111111111111111")).isTrue();
        assertThat(Base58.isPublicKey("So11111111111111111111111111111111111111112")).isTrue();
        assertThat(Base58.isPublicKey("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz")).isFalse();
    }
}
