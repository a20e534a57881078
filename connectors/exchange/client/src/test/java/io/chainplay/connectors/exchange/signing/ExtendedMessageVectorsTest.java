package io.chainplay.connectors.exchange.signing;

import io.chainplay.connectors.exchange.testing.Fixtures;

import com.fasterxml.jackson.databind.JsonNode;
import com.swmansion.starknet.data.TypedData;
import com.swmansion.starknet.data.types.Felt;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;

import static io.chainplay.connectors.exchange.testing.Fixtures.big;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The non-order vectors of Extended's signing fixtures: StarkEx transfer and withdrawal messages
 * with the SDK's signatures, and every unit vector of Extended's Rust crypto library (selectors,
 * type strings, domain, struct and message hashes, key derivation).
 */
class ExtendedMessageVectorsTest {

    private static final JsonNode VECTORS = Fixtures.json(Fixtures.VECTORS);
    private static final JsonNode RUST = VECTORS.path("rust_crypto_lib_unit_vectors");
    private static final StarkPrivateKey ACCOUNT_KEY =
            StarkPrivateKey.fromHex(VECTORS.path("account").path("private_key").asText());

    @Test
    void starkExTransfer() {
        JsonNode v = VECTORS.path("starkex_transfer_withdrawal").get(0);
        assertThat(v.path("name").asText()).isEqualTo("transfer");
        JsonNode in = v.path("hash_inputs");
        BigInteger hash =
                StarkExMessages.transfer(
                        big(in.path("asset_id")),
                        big(in.path("asset_id_fee")),
                        big(in.path("receiver_public_key")),
                        in.path("sender_position_id").asLong(),
                        in.path("receiver_position_id").asLong(),
                        in.path("src_fee_position_id").asLong(),
                        in.path("nonce").asLong(),
                        big(in.path("amount")),
                        big(in.path("max_amount_fee")),
                        in.path("expiration_timestamp_hours").asLong());
        assertThat(hash).isEqualTo(big(v.path("derived_hash_hex")));
        assertSdkSignature(hash, v);
    }

    @Test
    void starkExWithdrawalToAddress() {
        JsonNode v = VECTORS.path("starkex_transfer_withdrawal").get(1);
        assertThat(v.path("name").asText()).isEqualTo("withdrawal_to_address");
        JsonNode in = v.path("hash_inputs");
        BigInteger hash =
                StarkExMessages.withdrawalToAddress(
                        big(in.path("asset_id_collateral")),
                        in.path("position_id").asLong(),
                        big(in.path("eth_address")),
                        in.path("nonce").asLong(),
                        big(in.path("amount")),
                        in.path("expiration_timestamp_hours").asLong());
        assertThat(hash).isEqualTo(big(v.path("derived_hash_hex")));
        assertSdkSignature(hash, v);
    }

    @Test
    void selectorsAndTypeStrings() {
        JsonNode types = RUST.path("type_strings");
        assertThat(Snip12Domain.TYPE).isEqualTo(types.path("StarknetDomain").asText());
        assertThat(Snip12Messages.ORDER_TYPE).isEqualTo(types.path("Order").asText());
        assertThat(Snip12Messages.LIMIT_ORDER_TYPE).isEqualTo(types.path("LimitOrder").asText());
        assertThat(Snip12Messages.TRANSFER_ARGS_TYPE)
                .isEqualTo(types.path("TransferArgs").asText());
        assertThat(Snip12Messages.WITHDRAW_ARGS_TYPE)
                .isEqualTo(types.path("WithdrawArgs").asText());
        assertThat(selector(Snip12Domain.TYPE))
                .isEqualTo(big(RUST.path("starknet_domain_selector")));
        assertThat(selector(Snip12Messages.ORDER_TYPE)).isEqualTo(big(RUST.path("order_selector")));
        assertThat(selector(Snip12Messages.TRANSFER_ARGS_TYPE))
                .isEqualTo(big(RUST.path("transfer_args_selector")));
        assertThat(selector(Snip12Messages.WITHDRAW_ARGS_TYPE))
                .isEqualTo(big(RUST.path("withdrawal_args_selector")));
    }

    @Test
    void domainHash() {
        assertThat(Snip12Domain.SEPOLIA.hash())
                .isEqualTo(
                        big(RUST.path("starknet_domain_hash_Perpetuals_v0_SN_SEPOLIA_rev1_dec")));
    }

    @Test
    void orderStructAndMessageHashes() {
        JsonNode v = vector("order_struct_hash");
        assertThat(Snip12Messages.orderStructHash(order(v.path("fields"))))
                .isEqualTo(big(v.path("expected_struct_hash_dec")));

        v = vector("order_message_hash");
        assertThat(domain(v)).isEqualTo(Snip12Domain.SEPOLIA);
        assertThat(
                        Snip12Messages.orderMessageHash(
                                order(v.path("fields")),
                                big(v.path("user_public_key_dec")),
                                domain(v)))
                .isEqualTo(big(v.path("expected_message_hash_dec")));

        v = vector("get_order_hash");
        assertThat(
                        Snip12Messages.orderMessageHash(
                                order(v.path("fields")), big(v.path("user_public_key")), domain(v)))
                .isEqualTo(big(v.path("expected_message_hash_hex")));
    }

    @Test
    void limitOrderHashes() {
        JsonNode v = vector("limit_order_struct_hash");
        assertThat(limitOrder(v.path("fields"))).isEqualTo(big(v.path("expected_struct_hash_hex")));

        v = vector("get_limit_order_hash");
        assertThat(
                        Snip12Messages.messageHash(
                                domain(v),
                                big(v.path("user_public_key")),
                                limitOrder(v.path("fields"))))
                .isEqualTo(big(v.path("expected_message_hash_hex")));
    }

    @Test
    void transferArgsHashes() {
        JsonNode v = vector("transfer_args_struct_hash");
        assertThat(transferArgs(v.path("fields")))
                .isEqualTo(big(v.path("expected_struct_hash_dec")));

        v = vector("transfer_message_hash");
        assertThat(
                        Snip12Messages.messageHash(
                                domain(v),
                                big(v.path("user_public_key_dec")),
                                transferArgs(v.path("fields"))))
                .isEqualTo(big(v.path("expected_message_hash_hex")));
    }

    @Test
    void withdrawArgsHashes() {
        JsonNode v = vector("withdrawal_args_struct_hash");
        JsonNode f = v.path("fields");
        assertThat(
                        Snip12Messages.withdrawArgsStructHash(
                                big(f.path("recipient")),
                                f.path("position_id").asLong(),
                                big(f.path("collateral_id")),
                                f.path("amount").asLong(),
                                f.path("expiration").asLong(),
                                big(f.path("salt"))))
                .isEqualTo(big(v.path("expected_struct_hash_hex")));

        v = vector("get_withdrawal_hash");
        f = v.path("fields");
        BigInteger struct =
                Snip12Messages.withdrawArgsStructHash(
                        big(f.path("recipient_dec")),
                        f.path("position_id").asLong(),
                        big(f.path("collateral_id_dec")),
                        f.path("amount").asLong(),
                        f.path("expiration").asLong(),
                        big(f.path("salt")));
        assertThat(Snip12Messages.messageHash(domain(v), big(v.path("user_public_key")), struct))
                .isEqualTo(big(v.path("expected_message_hash_dec")));
    }

    @Test
    void privateKeyFromEthSignature() {
        JsonNode v = vector("private_key_from_eth_signature");
        StarkPrivateKey key = StarkKeyDerivation.fromEthSignature(v.path("eth_signature").asText());
        assertThat(key.secret()).isEqualTo(big(v.path("expected_private_key_dec")));
    }

    @Test
    void everyRustVectorIsCovered() {
        assertThat(RUST.path("vectors")).hasSize(10);
    }

    /**
     * Our SNIP-12 envelope (domain hash, "StarkNet Message", signer, struct) equals starknet-jvm's
     * {@code TypedData} on a message it can express (standard types only), so only the
     * Extended-specific struct encodings are ours alone.
     */
    @Test
    void envelopeMatchesStarknetJvmTypedData() {
        String json =
                """
                {
                  "types": {
                    "StarknetDomain": [
                      {"name": "name", "type": "shortstring"},
                      {"name": "version", "type": "shortstring"},
                      {"name": "chainId", "type": "shortstring"},
                      {"name": "revision", "type": "shortstring"}
                    ],
                    "Probe": [
                      {"name": "a", "type": "felt"},
                      {"name": "b", "type": "felt"}
                    ]
                  },
                  "primaryType": "Probe",
                  "domain": {"name": "Perpetuals", "version": "v0", "chainId": "SN_SEPOLIA",
                             "revision": "1"},
                  "message": {"a": "0x2a", "b": "0x7"}
                }
                """;
        TypedData typed = TypedData.fromJsonString(json);
        BigInteger account = ACCOUNT_KEY.publicKey();
        BigInteger libraryHash = typed.getMessageHash(new Felt(account)).getValue();

        String type = "\"Probe\"(\"a\":\"felt\",\"b\":\"felt\")";
        BigInteger struct =
                com.swmansion.starknet.crypto.Poseidon.poseidonHash(
                                java.util.List.of(
                                        Snip12Messages.selector(type), new Felt(42), new Felt(7)))
                        .getValue();
        assertThat(typed.getTypeHash("Probe").getValue()).isEqualTo(selector(type));
        assertThat(Snip12Messages.messageHash(Snip12Domain.SEPOLIA, account, struct))
                .isEqualTo(libraryHash);
    }

    private static void assertSdkSignature(BigInteger hash, JsonNode v) {
        StarkSignature sig = new StarkSigner(ACCOUNT_KEY).sign(hash);
        assertThat(sig.rHex()).isEqualTo(v.path("expected_signature").path("r").asText());
        assertThat(sig.sHex()).isEqualTo(v.path("expected_signature").path("s").asText());
        assertThat(StarkSigner.verify(ACCOUNT_KEY.publicKey(), hash, sig)).isTrue();
    }

    private static JsonNode vector(String name) {
        for (JsonNode v : RUST.path("vectors")) {
            if (v.path("name").asText().equals(name)) {
                return v;
            }
        }
        throw new AssertionError("no Rust vector " + name);
    }

    private static Snip12Domain domain(JsonNode v) {
        JsonNode d = v.path("domain");
        return new Snip12Domain(
                d.path("name").asText(),
                d.path("version").asText(),
                d.path("chainId").asText(),
                d.path("revision").asLong());
    }

    private static Snip12Messages.Order order(JsonNode f) {
        return new Snip12Messages.Order(
                f.path("position_id").asLong(),
                big(f.path("base_asset_id")),
                f.path("base_amount").asLong(),
                big(f.path("quote_asset_id")),
                f.path("quote_amount").asLong(),
                big(f.path("fee_asset_id")),
                f.path("fee_amount").asLong(),
                f.path("expiration").asLong(),
                big(f.path("salt")));
    }

    private static BigInteger limitOrder(JsonNode f) {
        return Snip12Messages.limitOrderStructHash(
                f.path("source_position").asLong(),
                f.path("receive_position").asLong(),
                big(f.path("base_asset_id")),
                f.path("base_amount").asLong(),
                big(f.path("quote_asset_id")),
                f.path("quote_amount").asLong(),
                big(f.path("fee_asset_id")),
                f.path("fee_amount").asLong(),
                f.path("expiration").asLong(),
                big(f.path("salt")));
    }

    private static BigInteger transferArgs(JsonNode f) {
        return Snip12Messages.transferArgsStructHash(
                f.path("recipient").asLong(),
                f.path("position_id").asLong(),
                big(f.path("collateral_id")),
                f.path("amount").asLong(),
                f.path("expiration").asLong(),
                big(f.path("salt")));
    }

    private static BigInteger selector(String type) {
        return Snip12Messages.selector(type).getValue();
    }
}
