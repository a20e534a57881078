package io.chainplay.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class PublicKeysTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "11111111111111111111111111111111", // system program: 32 zero bytes
                "So11111111111111111111111111111111111111112",
                "TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA",
                "ATokenGPvbdGVxr1b2hvZbsiqW5xWH25efTNsLJA8knL",
            })
    void acceptsKnownKeys(String key) {
        assertThat(PublicKeys.isPublicKey(key)).isTrue();
    }

    @Test
    void acceptsRandom32ByteKeysIncludingLeadingZeros() {
        Random random = new Random(42);
        for (int i = 0; i < 2_000; i++) {
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            for (int z = 0; z < i % 4; z++) {
                bytes[z] = 0;
            }
            String key = TestKeys.encode(bytes);
            assertThat(PublicKeys.isPublicKey(key)).as(key).isTrue();
        }
    }

    @Test
    void rejectsOtherLengths() {
        Random random = new Random(7);
        for (int length : new int[] {24, 31, 33, 64}) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            bytes[0] = 1; // no leading zero, so the encoding is as long as it gets
            String text = TestKeys.encode(bytes);
            assertThat(PublicKeys.isPublicKey(text)).as("%d bytes: %s", length, text).isFalse();
        }
        // 33 zero bytes and 31 zero bytes, both within the 32..44 character window or at its edge
        assertThat(PublicKeys.isPublicKey("1".repeat(33))).isFalse();
        assertThat(PublicKeys.isPublicKey("1".repeat(31))).isFalse();
        // 44 characters of the highest digit decode to 33 bytes
        assertThat(PublicKeys.isPublicKey("z".repeat(44))).isFalse();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                "So1111111111111111111111111111111111111111O", // O is not base58
                "So1111111111111111111111111111111111111111l", // nor l
                "So1111111111111111111111111111111111111111I", // nor I
                "So11111111111111111111111111111111111111110", // nor 0
                "So11111111111111111111111111111111111111 12", // nor a space
                "0x5f3c1a9e2b4d6f8a0c1e3b5d7f9a2c4e6b8d0f1a3c5e7b9d2f4a6c8e0b1d3f5a",
            })
    void rejectsNonBase58(String text) {
        assertThat(PublicKeys.isPublicKey(text)).isFalse();
    }
}
