package io.chainplay.connectors.exchange.signing;

import io.chainplay.connectors.exchange.testing.Fixtures;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigInteger;

import static io.chainplay.connectors.exchange.testing.Fixtures.big;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * StarkWare's own ECDSA and Pedersen vectors ({@code signature_test_data.json}): key derivation,
 * deterministic signatures bit for bit, the library's verification, and the message hashes of
 * StarkEx's spot layouts (rebuilt here, in the test only, to prove Pedersen and the packing).
 */
class StarkExSignatureDataTest {

    private static final JsonNode DATA = Fixtures.json(Fixtures.STARKEX_SIGNATURES);

    @ParameterizedTest
    @ValueSource(strings = {"party_a_order", "party_b_order"})
    void signsEachOrderVectorBitForBit(String name) {
        JsonNode meta = DATA.path("meta_data").path(name);
        JsonNode order = order(name);
        BigInteger hash = big(meta.path("message_hash"));
        StarkPrivateKey key = StarkPrivateKey.fromHex(meta.path("private_key").asText());

        assertThat(key.publicKey()).isEqualTo(big(order.path("public_key")));
        StarkSignature sig = new StarkSigner(key).sign(hash);
        assertThat(sig.r()).isEqualTo(big(order.path("signature").path("r")));
        assertThat(sig.s()).isEqualTo(big(order.path("signature").path("s")));
        assertThat(StarkSigner.verify(key.publicKey(), hash, sig)).isTrue();
        assertThat(StarkSigner.verify(key.publicKey(), hash.add(BigInteger.ONE), sig)).isFalse();
    }

    /**
     * The two transfer entries carry one and the same (r, s), which verifies for neither message
     * hash: StarkWare's own {@code signature_test.py} never compares them, it only signs and
     * verifies. We do the same, and pin the fact so nobody "fixes" the signer to match them.
     */
    @ParameterizedTest
    @ValueSource(strings = {"transfer_order", "conditional_transfer_order"})
    void signsTransferVectorsVerifiably(String name) {
        JsonNode meta = DATA.path("meta_data").path(name);
        JsonNode order = order(name);
        BigInteger hash = big(meta.path("message_hash"));
        StarkPrivateKey key = StarkPrivateKey.fromHex(meta.path("private_key").asText());

        assertThat(key.publicKey()).isEqualTo(big(order.path("public_key")));
        StarkSignature ours = new StarkSigner(key).sign(hash);
        assertThat(StarkSigner.verify(key.publicKey(), hash, ours)).isTrue();
        StarkSignature stored =
                new StarkSignature(
                        big(order.path("signature").path("r")),
                        big(order.path("signature").path("s")));
        assertThat(StarkSigner.verify(key.publicKey(), hash, stored)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"party_a_order", "party_b_order"})
    void spotLimitOrderHashesMatch(String name) {
        JsonNode o = order(name);
        BigInteger w = BigInteger.ZERO; // instruction type 0 = limit order
        w = w.shiftLeft(31).add(big(o.path("vault_id_sell")));
        w = w.shiftLeft(31).add(big(o.path("vault_id_buy")));
        w = w.shiftLeft(63).add(big(o.path("amount_sell")));
        w = w.shiftLeft(63).add(big(o.path("amount_buy")));
        w = w.shiftLeft(31).add(big(o.path("nonce")));
        w = w.shiftLeft(22).add(big(o.path("expiration_timestamp")));
        BigInteger h =
                StarkExMessages.pedersen(big(o.path("token_sell")), big(o.path("token_buy")));
        assertThat(StarkExMessages.pedersen(h, w))
                .isEqualTo(big(DATA.path("meta_data").path(name).path("message_hash")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"transfer_order", "conditional_transfer_order"})
    void spotTransferHashesMatch(String name) {
        JsonNode o = order(name);
        boolean conditional = o.has("condition");
        BigInteger w = BigInteger.valueOf(conditional ? 2 : 1);
        w = w.shiftLeft(31).add(big(o.path("sender_vault_id")));
        w = w.shiftLeft(31).add(big(o.path("target_vault_id")));
        w = w.shiftLeft(63).add(big(o.path("amount")));
        w = w.shiftLeft(63); // amount1 = 0
        w = w.shiftLeft(31).add(big(o.path("nonce")));
        w = w.shiftLeft(22).add(big(o.path("expiration_timestamp")));
        BigInteger h =
                StarkExMessages.pedersen(big(o.path("token")), big(o.path("target_public_key")));
        if (conditional) {
            h = StarkExMessages.pedersen(h, big(o.path("condition")));
        }
        assertThat(StarkExMessages.pedersen(h, w))
                .isEqualTo(big(DATA.path("meta_data").path(name).path("message_hash")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"pedersen_hash_data_1", "pedersen_hash_data_2"})
    void pedersenMatches(String name) {
        JsonNode v = DATA.path("hash_test").path(name);
        assertThat(StarkExMessages.pedersen(big(v.path("input_1")), big(v.path("input_2"))))
                .isEqualTo(big(v.path("output")));
    }

    private static JsonNode order(String name) {
        return name.startsWith("party") ? DATA.path("settlement").path(name) : DATA.path(name);
    }
}
