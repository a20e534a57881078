package io.chainplay.api.auth;

import io.chainplay.api.Base58;
import io.chainplay.api.Fixtures;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SignInMessagesTest {

    @Test
    void parsesAndRebuildsEveryWalletStandardTextVector() {
        int count = 0;
        for (JsonNode v :
                Fixtures.json("wallet-standard_signIn_message_text_vectors.json").path("vectors")) {
            String text = v.path("text").asString();
            JsonNode parsed = v.path("parsed");
            SiwsMessage message = SiwsMessage.parse(text);
            assertThat(message.domain()).isEqualTo(parsed.path("domain").asString());
            assertThat(message.address()).isEqualTo(parsed.path("address").asString());
            assertThat(message.statement())
                    .as(v.path("name").asString())
                    .isEqualTo(
                            parsed.has("statement") ? parsed.path("statement").asString() : null);
            assertThat(message.uri())
                    .isEqualTo(parsed.has("uri") ? parsed.path("uri").asString() : null);
            assertThat(message.text()).isEqualTo(text);
            count++;
        }
        assertThat(count).isEqualTo(6);
    }

    @Test
    void parsesTheSignedSiwsVectorsAndTheirSignaturesVerify() {
        JsonNode all = Fixtures.json("siws_signed_vectors_derived.json");
        byte[] pk = Fixtures.hex(all.path("public_key_hex").asString());
        for (String name : List.of("siws_minimal", "siws_maximal")) {
            JsonNode v = Fixtures.signedVector(name);
            String text = v.path("message").asString();
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            assertThat(bytes).isEqualTo(Fixtures.hex(v.path("message_hex").asString()));
            SiwsMessage message = SiwsMessage.parse(text);
            assertThat(message.address()).isEqualTo(all.path("address_base58").asString());
            byte[] sig = Base58.decode(v.path("signature_base58").asString(), 64);
            assertThat(Ed25519Verifier.verify(pk, bytes, sig)).as(name).isTrue();
        }
        SiwsMessage max =
                SiwsMessage.parse(Fixtures.signedVector("siws_maximal").path("message").asString());
        assertThat(max.domain()).isEqualTo("example.com");
        assertThat(max.statement()).isEqualTo("Sign in to Perp Tycoon");
        assertThat(max.uri()).isEqualTo("https://example.com/login");
        assertThat(max.version()).isEqualTo("1");
        assertThat(max.chainId()).isEqualTo("mainnet");
        assertThat(max.nonce()).isEqualTo("32891756");
        assertThat(max.issuedAt()).isEqualTo("2024-01-05T01:08:57.000Z");
        assertThat(max.expirationTime()).isEqualTo("2024-01-05T01:18:57.000Z");
        assertThat(max.notBefore()).isEqualTo("2024-01-05T01:08:57.000Z");
        assertThat(max.requestId()).isEqualTo("req-1");
        assertThat(max.resources())
                .containsExactly(
                        "https://example.com/tos",
                        "ipfs://bafybeiemxf5abjwjbikoz4mc3a3dla6ual3jsgpdr4cjr3oz3evfyavhwq/");
    }

    @Test
    void refusesNonCanonicalLayouts() {
        String max = Fixtures.signedVector("siws_maximal").path("message").asString();
        // Fields out of the ABNF order, CRLF, a trailing newline, a missing blank line.
        List<String> broken = new ArrayList<>();
        broken.add(max.replace("Version: 1\nChain ID: mainnet", "Chain ID: mainnet\nVersion: 1"));
        broken.add(max.replace("\n", "\r\n"));
        broken.add(max + "\n");
        broken.add(
                max.replace(
                        "account:\nFVen3X669xLzsi6N2V91DoiyzHzg1uAgqiT8jZ9nS96Z\n\n",
                        "account:\nFVen3X669xLzsi6N2V91DoiyzHzg1uAgqiT8jZ9nS96Z\n"));
        broken.add("wants you to sign in with your Solana account:\nA");
        for (String text : broken) {
            assertThatThrownBy(() -> SiwsMessage.parse(text))
                    .as(text)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void parsesTheFarePlayVectorExactly() {
        JsonNode v = Fixtures.signedVector("fareplay_casino_format");
        String text = v.path("message").asString();
        FarePlayMessage message = FarePlayMessage.parse(text);
        assertThat(message.wallet()).isEqualTo("FVen3X669xLzsi6N2V91DoiyzHzg1uAgqiT8jZ9nS96Z");
        assertThat(message.timestampMillis()).isEqualTo(1704416937000L);
        // The template of the FarePlay fixture, filled in, is this very text.
        String template =
                Fixtures.json("auth_ws_event_formats.json")
                        .path("sign_in_message_template")
                        .asString();
        assertThat(
                        template.replace("${walletAddress}", message.wallet())
                                .replace("${Date.now() ms}", "1704416937000"))
                .isEqualTo(text);
        assertThatThrownBy(() -> FarePlayMessage.parse(text + " "))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FarePlayMessage.parse(text.replace("Timestamp: ", "Timestamp:")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
