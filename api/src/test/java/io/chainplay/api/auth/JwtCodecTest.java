package io.chainplay.api.auth;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JwtCodecTest {

    private static final byte[] SECRET =
            "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2024-01-05T01:10:00Z");
    private final JsonMapper json = JsonMapper.builder().build();
    private final JwtCodec codec = new JwtCodec(SECRET, Clock.fixed(NOW, ZoneOffset.UTC), json);

    @Test
    void issuesAndVerifiesTheFarePlayClaims() {
        String token =
                codec.issue(
                        Map.of(
                                "walletAddress",
                                "W",
                                "playerId",
                                "P",
                                "casinoId",
                                "C",
                                "casinoSlug",
                                "S"),
                        NOW.plus(Duration.ofDays(7)));
        Map<String, Object> claims = codec.verify(token);
        assertThat(claims)
                .containsEntry("walletAddress", "W")
                .containsEntry("playerId", "P")
                .containsEntry("casinoId", "C")
                .containsEntry("casinoSlug", "S");
        assertThat(((Number) claims.get("exp")).longValue())
                .isEqualTo(NOW.plus(Duration.ofDays(7)).getEpochSecond());
        assertThat(
                        new String(
                                Base64.getUrlDecoder().decode(token.split("\\.")[0]),
                                StandardCharsets.UTF_8))
                .isEqualTo(JwtCodec.HEADER_JSON);
    }

    @Test
    void refusesExpiredTamperedForeignAndAlgNoneTokens() {
        String token = codec.issue(Map.of("walletAddress", "W"), NOW.plusSeconds(60));
        JwtCodec later =
                new JwtCodec(SECRET, Clock.fixed(NOW.plusSeconds(60), ZoneOffset.UTC), json);
        assertThatThrownBy(() -> later.verify(token)).hasMessage("token expired");

        String[] parts = token.split("\\.");
        String forged =
                Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(
                                "{\"walletAddress\":\"ADMIN\",\"exp\":9999999999}"
                                        .getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> codec.verify(parts[0] + "." + forged + "." + parts[2]))
                .hasMessage("bad signature");

        JwtCodec other =
                new JwtCodec(
                        "another-secret-another-secret-xx".getBytes(StandardCharsets.UTF_8),
                        Clock.fixed(NOW, ZoneOffset.UTC),
                        json);
        assertThatThrownBy(() -> other.verify(token)).hasMessage("bad signature");

        String none =
                Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> codec.verify(none + "." + parts[1] + "."))
                .hasMessage("unsupported algorithm");
        assertThatThrownBy(() -> codec.verify("garbage")).hasMessage("malformed token");
    }

    @Test
    void refusesShortSecrets() {
        assertThatThrownBy(() -> new JwtCodec(new byte[31], Clock.systemUTC(), json))
                .hasMessageContaining("at least 32 bytes");
    }
}
