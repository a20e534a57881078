package io.chainplay.connectors.solana.client.decode;

import io.chainplay.schemas.solana.Base58;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fast base58 paths agree with the plain codec in {@code schemas}. */
class Base58Test {

    @Property(tries = 2000)
    void pubkeyTextMatchesTheReferenceCodec(@ForAll @Size(32) byte[] key) {
        StringBuilder out = new StringBuilder();
        Base58Text.pubkey(new BorshReader(), key, 0, out);

        assertThat(out.toString()).isEqualTo('"' + Base58.encode(key) + '"');
    }

    @Property(tries = 2000)
    void bytesDecodeMatchesTheReferenceCodec(@ForAll @Size(max = 600) byte[] data) {
        assertThat(Base58Bytes.decode(Base58.encode(data))).isEqualTo(data);
    }

    @Test
    void edgeKeys() {
        byte[] zeros = new byte[32];
        byte[] ones = new byte[32];
        java.util.Arrays.fill(ones, (byte) 0xFF);
        byte[] leading = new byte[32];
        leading[31] = 1;
        for (byte[] key : new byte[][] {zeros, ones, leading}) {
            StringBuilder out = new StringBuilder();
            Base58Text.pubkey(new BorshReader(), key, 0, out);
            assertThat(out.toString()).isEqualTo('"' + Base58.encode(key) + '"');
        }
        assertThat(Base58.encode(zeros)).isEqualTo("11111111111111111111111111111111");
        assertThatThrownBy(() -> Base58Bytes.decode("0OIl"))
                .hasMessageContaining("invalid base58 character '0'");
        assertThat(Base58Bytes.decode("")).isEmpty();
        assertThat(Base58Bytes.decode("111")).containsExactly(0, 0, 0);
    }
}
