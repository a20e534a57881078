package io.chainplay.connectors.exchange.account;

import io.chainplay.connectors.exchange.market.Markets;
import io.chainplay.connectors.exchange.order.OrderRequest;
import io.chainplay.connectors.exchange.order.OrderSide;
import io.chainplay.connectors.exchange.order.OrderSigner;
import io.chainplay.connectors.exchange.order.SignatureFormat;
import io.chainplay.connectors.exchange.order.SignedOrder;
import io.chainplay.connectors.exchange.signing.Snip12Domain;
import io.chainplay.connectors.exchange.signing.StarkPrivateKey;
import io.chainplay.connectors.exchange.testing.Fixtures;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Keys come from settings or files, and no text we produce ever contains a secret. */
class ExtendedAccountTest {

    // The SDK's published test key (see the fixtures' MANIFEST); never a real account's.
    private static final String PRIVATE =
            "0x7a7ff6fd3cab02ccdcd4a572563f5976f8976899b03a39773795a3c486d4986";
    private static final String PUBLIC =
            "0x61c5e7e8339b7d56f197f54ea91b776776690e3232313de0f2ecbd0ef76f466";
    private static final String API_KEY = "ak-0123456789abcdef-secret";

    @Test
    void readsSettings() {
        ExtendedAccount a =
                ExtendedAccount.fromSettings(
                        Map.of(
                                "EXTENDED_API_KEY", API_KEY,
                                "EXTENDED_VAULT", "10002",
                                "EXTENDED_STARK_PRIVATE_KEY", PRIVATE,
                                "EXTENDED_STARK_PUBLIC_KEY", PUBLIC));
        assertThat(a.apiKey()).isEqualTo(API_KEY);
        assertThat(a.vault()).isEqualTo(10002);
        assertThat(a.starkPublicKey()).isEqualTo(new BigInteger(PUBLIC.substring(2), 16));
    }

    @Test
    void readsSecretsFromFilesAndAPropertiesFile(@TempDir Path dir) throws Exception {
        Path key = Files.writeString(dir.resolve("stark.key"), PRIVATE + "\n");
        Path api = Files.writeString(dir.resolve("api.key"), API_KEY + "\n");
        Path props =
                Files.writeString(
                        dir.resolve("extended.properties"),
                        "EXTENDED_API_KEY_FILE="
                                + api
                                + "\nEXTENDED_VAULT=10002\nEXTENDED_STARK_PRIVATE_KEY_FILE="
                                + key
                                + "\n");
        ExtendedAccount a = ExtendedAccount.fromPropertiesFile(props);
        assertThat(a.apiKey()).isEqualTo(API_KEY);
        assertThat(a.starkPublicKey()).isEqualTo(new BigInteger(PUBLIC.substring(2), 16));
    }

    @Test
    void toStringsRedactSecrets() {
        ExtendedAccount a = new ExtendedAccount(API_KEY, 10002, StarkPrivateKey.fromHex(PRIVATE));
        StarkPrivateKey key = StarkPrivateKey.fromHex(PRIVATE);
        SignedOrder order =
                OrderSigner.builder()
                        .markets(Markets.fromApiResponse(Fixtures.text(Fixtures.MARKETS)))
                        .account(a)
                        .format(SignatureFormat.snip12(Snip12Domain.SEPOLIA))
                        .build()
                        .sign(
                                new OrderRequest(
                                        "BTC-USD",
                                        OrderSide.BUY,
                                        new BigDecimal("0.001"),
                                        new BigDecimal("60000"),
                                        new BigDecimal("0.0005"),
                                        Instant.now().plusSeconds(3600),
                                        1));
        for (String text :
                new String[] {
                    a.toString(), key.toString(), a.signer().toString(), order.toString()
                }) {
            assertNoSecret(text);
        }
        assertThat(a.toString()).contains("10002").contains(PUBLIC).contains("<redacted>");
        assertThat(key.toString()).contains("redacted").contains(PUBLIC);
    }

    @Test
    void missingSettingsNameTheVariable() {
        assertThatThrownBy(() -> ExtendedAccount.fromSettings(Map.of()))
                .isInstanceOf(AccountConfigException.class)
                .hasMessageContaining("EXTENDED_API_KEY is not set (nor EXTENDED_API_KEY_FILE");
        assertThatThrownBy(() -> ExtendedAccount.fromSettings(Map.of("EXTENDED_API_KEY", API_KEY)))
                .hasMessageContaining("EXTENDED_VAULT is not set")
                .hasMessageContaining("API management page");
        assertThatThrownBy(
                        () ->
                                ExtendedAccount.fromSettings(
                                        Map.of(
                                                "EXTENDED_API_KEY",
                                                API_KEY,
                                                "EXTENDED_VAULT",
                                                "10002")))
                .hasMessageContaining("EXTENDED_STARK_PRIVATE_KEY is not set");
    }

    @Test
    void badValuesAreExplainedWithoutEchoingSecrets() {
        String notHex = "not-a-key-" + API_KEY;
        assertThatThrownBy(
                        () ->
                                ExtendedAccount.fromSettings(
                                        Map.of(
                                                "EXTENDED_API_KEY", API_KEY,
                                                "EXTENDED_VAULT", "10002",
                                                "EXTENDED_STARK_PRIVATE_KEY", notHex)))
                .isInstanceOf(AccountConfigException.class)
                .hasMessageContaining("EXTENDED_STARK_PRIVATE_KEY: Stark private key must be hex")
                .satisfies(
                        e ->
                                assertThat(e.getMessage())
                                        .doesNotContain(notHex)
                                        .doesNotContain(API_KEY));

        String tooBig = "0x" + "f".repeat(64);
        assertThatThrownBy(
                        () ->
                                ExtendedAccount.fromSettings(
                                        Map.of(
                                                "EXTENDED_API_KEY", API_KEY,
                                                "EXTENDED_VAULT", "10002",
                                                "EXTENDED_STARK_PRIVATE_KEY", tooBig)))
                .hasMessageContaining("between 1 and the curve order")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("ffffffff"));

        assertThatThrownBy(
                        () ->
                                ExtendedAccount.fromSettings(
                                        Map.of(
                                                "EXTENDED_API_KEY", API_KEY,
                                                "EXTENDED_VAULT", "vault-7",
                                                "EXTENDED_STARK_PRIVATE_KEY", PRIVATE)))
                .hasMessageContaining("EXTENDED_VAULT must be a non-negative integer");

        assertThatThrownBy(
                        () ->
                                ExtendedAccount.fromSettings(
                                        Map.of(
                                                "EXTENDED_API_KEY",
                                                API_KEY,
                                                "EXTENDED_VAULT",
                                                "10002",
                                                "EXTENDED_STARK_PRIVATE_KEY",
                                                PRIVATE,
                                                "EXTENDED_STARK_PUBLIC_KEY",
                                                "0x1234")))
                .hasMessageContaining("EXTENDED_STARK_PUBLIC_KEY is 0x1234 but")
                .hasMessageContaining("belongs to " + PUBLIC)
                .satisfies(e -> assertNoSecret(e.getMessage()));

        assertThatThrownBy(
                        () ->
                                ExtendedAccount.fromSettings(
                                        Map.of(
                                                "EXTENDED_API_KEY",
                                                API_KEY,
                                                "EXTENDED_API_KEY_FILE",
                                                "/tmp/x",
                                                "EXTENDED_VAULT",
                                                "10002",
                                                "EXTENDED_STARK_PRIVATE_KEY",
                                                PRIVATE)))
                .hasMessageContaining("both EXTENDED_API_KEY and EXTENDED_API_KEY_FILE are set")
                .satisfies(e -> assertNoSecret(e.getMessage()));
    }

    @Test
    void unreadableKeyFileIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("absent.key");
        assertThatThrownBy(
                        () ->
                                ExtendedAccount.fromSettings(
                                        Map.of(
                                                "EXTENDED_API_KEY",
                                                API_KEY,
                                                "EXTENDED_VAULT",
                                                "10002",
                                                "EXTENDED_STARK_PRIVATE_KEY_FILE",
                                                missing.toString())))
                .hasMessageContaining("cannot read EXTENDED_STARK_PRIVATE_KEY_FILE (" + missing);
    }

    /** Neither the private key (hex with or without 0x, or decimal) nor the API key appears. */
    private static void assertNoSecret(String text) {
        BigInteger k = new BigInteger(PRIVATE.substring(2), 16);
        assertThat(text.toLowerCase())
                .doesNotContain(PRIVATE.substring(2))
                .doesNotContain(k.toString())
                .doesNotContain(API_KEY.toLowerCase());
    }
}
