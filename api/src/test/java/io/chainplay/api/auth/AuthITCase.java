package io.chainplay.api.auth;

import io.chainplay.api.Base58;
import io.chainplay.api.Fixtures;
import io.chainplay.api.MutableClock;
import io.chainplay.embedded.EmbeddedPostgres;
import io.chainplay.embedded.junit.PostgresExtension;

import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign-in over real HTTP against a real Postgres, with the clock set to the fixtures' signing time:
 * every FarePlay/SIWS vector with the status it must get, replays, expiry, wrong domain, tampering,
 * malformed base58, protected routes and rate limits.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "chainplay.feed.enabled=false",
            "chainplay.flink.url=",
            "chainplay.auth.domains=example.com",
            "chainplay.auth.jwt-secret=auth-itcase-secret-auth-itcase-secret",
            "chainplay.auth.admins=" + AuthITCase.ADMIN,
            // Each test speaks from its own X-Forwarded-For address, so limits do not leak
            // between tests; the limit tests use tight buckets of their own.
            "chainplay.rate-limit.trust-forwarded-for=true",
            "chainplay.rate-limit.auth-per-ip.requests=5",
            "chainplay.rate-limit.auth-per-ip.per=1m",
            "chainplay.rate-limit.auth-per-ip.burst=5",
            "chainplay.rate-limit.sign-in-per-wallet.requests=30",
            "chainplay.rate-limit.sign-in-per-wallet.per=1m",
            "chainplay.rate-limit.sign-in-per-wallet.burst=30",
        })
@DirtiesContext
class AuthITCase {

    @RegisterExtension static final PostgresExtension POSTGRES = new PostgresExtension();

    // RFC 8032 TEST 2's key: an admin wallet of our own.
    static final byte[] ADMIN_SEED =
            Fixtures.hex("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb");
    // base58 of its public key 3d4017c3...4660c (asserted in adminKeyIsRfc8032Test2).
    static final String ADMIN = "586Z7H2vpX9qNhN2T4e9Utugie3ogjbxzGaMtM3E6HR5";
    static final String FIXTURE_WALLET = "FVen3X669xLzsi6N2V91DoiyzHzg1uAgqiT8jZ9nS96Z";
    static final byte[] FIXTURE_SEED =
            Fixtures.hex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
    // The fixtures were signed at 2024-01-05T01:08:57Z.
    static final Instant SIGNED_AT = Instant.parse("2024-01-05T01:08:57Z");
    static final MutableClock CLOCK = new MutableClock(SIGNED_AT);
    private static final AtomicInteger IPS = new AtomicInteger();

    private static EmbeddedPostgres.Database database;

    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();
    private String ip; // the client address; null for a new one per request

    @LocalServerPort private int port;
    @Autowired private JdbcClient jdbc;

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        MutableClock testClock() {
            return CLOCK;
        }
    }

    @DynamicPropertySource
    static void datasource(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> database().jdbcUrl());
        registry.add("spring.datasource.username", () -> database().user());
        registry.add("spring.datasource.password", () -> database().password());
    }

    private static synchronized EmbeddedPostgres.Database database() {
        if (database == null) {
            database = POSTGRES.createDatabase();
        }
        return database;
    }

    @BeforeEach
    void reset() {
        CLOCK.set(SIGNED_AT.plusSeconds(60));
        ip = null; // a new address per request, unless a test pins one
        jdbc.sql("DELETE FROM auth.nonces").update();
    }

    @Test
    void fareplayVectorSignsInWithTheFixturesClaimsAndCannotBeReplayed() throws Exception {
        JsonNode v = Fixtures.signedVector("fareplay_casino_format");

        Reply reply =
                signIn(
                        FIXTURE_WALLET,
                        v.path("message").asString(),
                        v.path("signature_base58").asString(),
                        "");

        assertThat(reply.status).as(reply.body.toString()).isEqualTo(200);
        assertThat(reply.body.path("player").path("walletAddress").asString())
                .isEqualTo(FIXTURE_WALLET);
        assertThat(reply.body.path("casino").path("slug").asString()).isEqualTo("chainplay");
        assertThat(reply.body.path("expiresAt").asString())
                .isEqualTo(SIGNED_AT.plusSeconds(60).plus(Duration.ofDays(7)).toString());
        // The JWT carries the claims FarePlay's clients read.
        JsonNode claims = claims(reply.body.path("token").asString());
        for (JsonNode claim :
                Fixtures.json("auth_ws_event_formats.json").path("jwt").path("claims")) {
            assertThat(claims.has(claim.asString())).as(claim.asString()).isTrue();
        }
        assertThat(claims.path("walletAddress").asString()).isEqualTo(FIXTURE_WALLET);
        assertThat(claims.path("playerId").asString())
                .isEqualTo(reply.body.path("player").path("id").asString());
        assertThat(claims.path("casinoSlug").asString()).isEqualTo("chainplay");

        Reply me = get("/api/me", reply.body.path("token").asString());
        assertThat(me.status).isEqualTo(200);
        assertThat(me.body.path("player").path("walletAddress").asString())
                .isEqualTo(FIXTURE_WALLET);
        assertThat(me.body.path("admin").asBoolean()).isFalse();

        Reply again =
                signIn(
                        FIXTURE_WALLET,
                        v.path("message").asString(),
                        v.path("signature_base58").asString(),
                        "");
        assertError(again, 401, "message_replayed");
    }

    @Test
    void fareplayVectorIsRefusedOutsideTheFiveMinuteWindow() throws Exception {
        JsonNode v = Fixtures.signedVector("fareplay_casino_format");
        CLOCK.set(SIGNED_AT.plus(Duration.ofMinutes(5)).plusSeconds(1));
        assertError(
                signIn(
                        FIXTURE_WALLET,
                        v.path("message").asString(),
                        v.path("signature_base58").asString(),
                        ""),
                401,
                "message_expired");
        CLOCK.set(SIGNED_AT.minus(Duration.ofMinutes(5)).minusSeconds(1));
        assertError(
                signIn(
                        FIXTURE_WALLET,
                        v.path("message").asString(),
                        v.path("signature_base58").asString(),
                        ""),
                401,
                "message_not_yet_valid");
    }

    @Test
    void siwsMaximalVectorSignsInOnceWithItsNonce() throws Exception {
        JsonNode v = Fixtures.signedVector("siws_maximal");
        issue("32891756", SIGNED_AT, SIGNED_AT.plus(Duration.ofMinutes(5)));

        Reply reply =
                signIn(
                        FIXTURE_WALLET,
                        v.path("message").asString(),
                        v.path("signature_base58").asString(),
                        "");
        assertThat(reply.status).as(reply.body.toString()).isEqualTo(200);

        Reply replay =
                signIn(
                        FIXTURE_WALLET,
                        v.path("message").asString(),
                        v.path("signature_base58").asString(),
                        "");
        assertError(replay, 401, "nonce_used");
    }

    @Test
    void siwsMaximalVectorNeedsANonceThisApiIssued() throws Exception {
        JsonNode v = Fixtures.signedVector("siws_maximal");
        assertError(
                signIn(
                        FIXTURE_WALLET,
                        v.path("message").asString(),
                        v.path("signature_base58").asString(),
                        ""),
                401,
                "invalid_nonce");
    }

    @Test
    void siwsMaximalVectorIsRefusedAfterItsExpirationTime() throws Exception {
        JsonNode v = Fixtures.signedVector("siws_maximal");
        issue("32891756", SIGNED_AT, SIGNED_AT.plus(Duration.ofHours(1)));
        CLOCK.set(Instant.parse("2024-01-05T01:13:58Z")); // within 5 min of Issued At...
        CLOCK.set(Instant.parse("2024-01-05T01:18:57Z")); // ...but at Expiration Time
        assertError(
                signIn(
                        FIXTURE_WALLET,
                        v.path("message").asString(),
                        v.path("signature_base58").asString(),
                        ""),
                401,
                "message_expired");
    }

    @Test
    void siwsMinimalVectorVerifiesButCarriesNoTimeOrNonce() throws Exception {
        JsonNode v = Fixtures.signedVector("siws_minimal");
        assertError(
                signIn(
                        FIXTURE_WALLET,
                        v.path("message").asString(),
                        v.path("signature_base58").asString(),
                        ""),
                401,
                "issued_at_required");
    }

    @Test
    void negativeVectorsAreRefused() throws Exception {
        JsonNode max = Fixtures.signedVector("siws_maximal");
        issue("32891756", SIGNED_AT, SIGNED_AT.plus(Duration.ofMinutes(5)));

        JsonNode bitflip = Fixtures.negativeVector("siws_maximal_sig_bitflip");
        assertError(
                signIn(
                        FIXTURE_WALLET,
                        max.path("message").asString(),
                        bitflip.path("signature_base58").asString(),
                        ""),
                401,
                "invalid_signature");

        JsonNode wrongAddress = Fixtures.negativeVector("siws_maximal_wrong_address_in_text");
        assertError(
                signIn(
                        FIXTURE_WALLET,
                        wrongAddress.path("message").asString(),
                        max.path("signature_base58").asString(),
                        ""),
                401,
                "address_mismatch");

        String tampered =
                max.path("message")
                        .asString()
                        .replace("Sign in to Perp Tycoon", "Sign in to Perp Tycoom");
        assertError(
                signIn(FIXTURE_WALLET, tampered, max.path("signature_base58").asString(), ""),
                401,
                "invalid_signature");

        // None of those refusals used the nonce up.
        assertThat(
                        signIn(
                                        FIXTURE_WALLET,
                                        max.path("message").asString(),
                                        max.path("signature_base58").asString(),
                                        "")
                                .status)
                .isEqualTo(200);
    }

    @Test
    void malformedRequestsAre400() throws Exception {
        JsonNode v = Fixtures.signedVector("fareplay_casino_format");
        String message = v.path("message").asString();
        String signature = v.path("signature_base58").asString();
        assertError(
                signIn(FIXTURE_WALLET, message, signature.replace(signature.charAt(4), '0'), ""),
                400,
                "invalid_signature_encoding");
        assertError(
                signIn(FIXTURE_WALLET, message, signature.substring(10), ""),
                400,
                "invalid_signature_encoding");
        assertError(signIn("not-base58!", message, signature, ""), 400, "invalid_wallet");
        assertError(signIn(FIXTURE_WALLET, "hello", signature, ""), 400, "unsupported_message");
        assertError(
                signIn(FIXTURE_WALLET, message + "\nextra", signature, ""), 400, "invalid_message");
        assertError(
                post("/api/auth/signin", "{\"walletAddress\":\"x\"}", null),
                400,
                "invalid_request");
        assertError(post("/api/auth/signin", "{not json", null), 400, "invalid_request");
        assertError(
                signIn(FIXTURE_WALLET, message, signature, "?casino=elsewhere"),
                404,
                "unknown_casino");
    }

    @Test
    void nonceFlowEndToEndWithAFreshlySignedMessage() throws Exception {
        Reply nonce = get("/api/auth/nonce", null);
        assertThat(nonce.status).isEqualTo(200);
        String value = nonce.body.path("nonce").asString();
        assertThat(value).matches("[A-Za-z0-9]{20}");
        assertThat(nonce.body.path("signInInput").path("domain").asString())
                .isEqualTo("example.com");
        Instant now = CLOCK.instant();

        String message = siws("example.com", FIXTURE_WALLET, value, now);
        assertThat(signIn(FIXTURE_WALLET, message, sign(FIXTURE_SEED, message), "").status)
                .isEqualTo(200);
        assertError(
                signIn(FIXTURE_WALLET, message, sign(FIXTURE_SEED, message), ""),
                401,
                "nonce_used");

        // Signed for another site: refused, and the nonce survives for the right one.
        String fresh = get("/api/auth/nonce", null).body.path("nonce").asString();
        String phished = siws("evil.example", FIXTURE_WALLET, fresh, now);
        assertError(
                signIn(FIXTURE_WALLET, phished, sign(FIXTURE_SEED, phished), ""),
                401,
                "domain_mismatch");
        String good = siws("example.com", FIXTURE_WALLET, fresh, now);
        assertThat(signIn(FIXTURE_WALLET, good, sign(FIXTURE_SEED, good), "").status)
                .isEqualTo(200);

        // A nonce past its 5 minutes.
        String old = get("/api/auth/nonce", null).body.path("nonce").asString();
        CLOCK.advance(Duration.ofMinutes(6));
        String late = siws("example.com", FIXTURE_WALLET, old, CLOCK.instant());
        assertError(
                signIn(FIXTURE_WALLET, late, sign(FIXTURE_SEED, late), ""), 401, "nonce_expired");

        String noNonce =
                "example.com wants you to sign in with your Solana account:\n"
                        + FIXTURE_WALLET
                        + "\n\nIssued At: "
                        + CLOCK.instant();
        assertError(
                signIn(FIXTURE_WALLET, noNonce, sign(FIXTURE_SEED, noNonce), ""),
                401,
                "nonce_required");
    }

    @Test
    void protectedRoutesNeedATokenAndAdminRoutesAnAdmin() throws Exception {
        Reply anonymous = get("/api/me", null);
        assertError(anonymous, 401, "unauthorized");
        assertThat(anonymous.headers.firstValue("WWW-Authenticate")).contains("Bearer");
        assertError(get("/api/me", "not.a.token"), 401, "unauthorized");

        String player = signInFresh(FIXTURE_SEED, FIXTURE_WALLET);
        assertError(get("/api/admin/feed", player), 403, "forbidden");

        String admin = signInFresh(ADMIN_SEED, ADMIN);
        Reply feed = get("/api/admin/feed", admin);
        assertThat(feed.status).isEqualTo(200);
        assertThat(feed.body.path("consumer").path("state").asString()).isEqualTo("disabled");
        assertThat(get("/api/me", admin).body.path("admin").asBoolean()).isTrue();

        // Tokens expire with their 7 days.
        CLOCK.advance(Duration.ofDays(7).plusSeconds(1));
        assertError(get("/api/me", player), 401, "unauthorized");
    }

    @Test
    void authRoutesAreLimitedPerIpWithRetryAfter() throws Exception {
        ip = "10.9.9.9";
        for (int i = 0; i < 5; i++) {
            assertThat(get("/api/auth/nonce", null).status).isEqualTo(200);
        }
        Reply limited = get("/api/auth/nonce", null);
        assertError(limited, 429, "rate_limited");
        assertThat(Long.parseLong(limited.headers.firstValue("Retry-After").orElseThrow()))
                .isBetween(1L, 12L);
        ip = "10.1.0.1"; // another client is unaffected
        assertThat(get("/api/auth/nonce", null).status).isEqualTo(200);
    }

    @Test
    void signInIsLimitedPerWalletWhateverTheIp() throws Exception {
        String wallet =
                Base58.encode(
                        publicKey(
                                Fixtures.hex(
                                        "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7")));
        JsonNode v = Fixtures.signedVector("fareplay_casino_format");
        Reply last = null;
        for (int i = 0; i < 31; i++) {
            ip = "10.2." + (i / 250) + "." + (i % 250); // a new address each time
            last =
                    signIn(
                            wallet,
                            v.path("message").asString(),
                            v.path("signature_base58").asString(),
                            "");
        }
        assertError(last, 429, "rate_limited");
        assertThat(last.headers.firstValue("Retry-After")).isPresent();
    }

    @Test
    void adminKeyIsRfc8032Test2() {
        assertThat(Base58.encode(publicKey(ADMIN_SEED))).isEqualTo(ADMIN);
    }

    // --- helpers

    private String signInFresh(byte[] seed, String wallet) throws Exception {
        String nonce = get("/api/auth/nonce", null).body.path("nonce").asString();
        String message = siws("example.com", wallet, nonce, CLOCK.instant());
        Reply reply = signIn(wallet, message, sign(seed, message), "");
        assertThat(reply.status).as(reply.body.toString()).isEqualTo(200);
        return reply.body.path("token").asString();
    }

    static String siws(String domain, String wallet, String nonce, Instant issuedAt) {
        return domain
                + " wants you to sign in with your Solana account:\n"
                + wallet
                + "\n\nSign in to Chainplay Casino\n\nVersion: 1\nNonce: "
                + nonce
                + "\nIssued At: "
                + issuedAt;
    }

    static String sign(byte[] seed, String message) {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        byte[] sig = new byte[64];
        Ed25519.sign(seed, 0, bytes, 0, bytes.length, sig, 0);
        return Base58.encode(sig);
    }

    static byte[] publicKey(byte[] seed) {
        byte[] pk = new byte[32];
        Ed25519.generatePublicKey(seed, 0, pk, 0);
        return pk;
    }

    private void issue(String nonce, Instant issued, Instant expires) {
        jdbc.sql("INSERT INTO auth.nonces (nonce, issued_at, expires_at) VALUES (?, ?, ?)")
                .params(nonce, Timestamp.from(issued), Timestamp.from(expires))
                .update();
    }

    private JsonNode claims(String token) {
        return json.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
    }

    private Reply signIn(String wallet, String message, String signature, String query)
            throws Exception {
        ObjectNode body = json.createObjectNode();
        body.put("walletAddress", wallet);
        body.put("message", message);
        body.put("signature", signature);
        return post("/api/auth/signin" + query, json.writeValueAsString(body), null);
    }

    private Reply post(String path, String body, String token) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Content-Type", "application/json")
                        .header("X-Forwarded-For", clientIp())
                        .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    private Reply get(String path, String token) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("X-Forwarded-For", clientIp());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    private String clientIp() {
        if (ip != null) {
            return ip;
        }
        int n = IPS.incrementAndGet();
        return "10.0." + (n / 250) + "." + (n % 250);
    }

    private Reply send(HttpRequest request) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode body =
                response.body().isEmpty()
                        ? json.createObjectNode()
                        : json.readTree(response.body());
        return new Reply(response.statusCode(), body, response.headers());
    }

    private static void assertError(Reply reply, int status, String code) {
        assertThat(reply.status).as(reply.body.toString()).isEqualTo(status);
        assertThat(reply.body.path("code").asString()).as(reply.body.toString()).isEqualTo(code);
        assertThat(reply.body.path("message").asString()).isNotBlank();
    }

    private record Reply(int status, JsonNode body, java.net.http.HttpHeaders headers) {}
}
