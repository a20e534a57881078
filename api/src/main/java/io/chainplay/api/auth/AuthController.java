package io.chainplay.api.auth;

import io.chainplay.api.ApiException;
import io.chainplay.api.RateLimitProperties;
import io.chainplay.api.RateLimiter;
import io.chainplay.api.auth.AuthRepository.Player;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;

/**
 * Wallet sign-in: {@code GET /api/auth/nonce}, {@code POST /api/auth/signin}, and {@code GET
 * /api/me} for the signed-in player.
 */
@RestController
@Tag(name = "auth", description = "Wallet sign-in (FarePlay message or SIWS) issuing JWTs")
class AuthController {

    private final SignInService signIn;
    private final AuthProperties properties;
    private final AuthRepository repository;
    private final RateLimiter limiter;
    private final RateLimitProperties limits;

    AuthController(
            SignInService signIn,
            AuthProperties properties,
            AuthRepository repository,
            RateLimiter limiter,
            RateLimitProperties limits) {
        this.signIn = signIn;
        this.properties = properties;
        this.repository = repository;
        this.limiter = limiter;
        this.limits = limits;
    }

    @GetMapping("/api/auth/nonce")
    @Operation(
            summary = "A single-use nonce for a SIWS message",
            description =
                    "Valid for chainplay.auth.nonce-ttl (5 minutes). signInInput is what to pass"
                            + " to the wallet's signIn; sign its message and POST it to"
                            + " /api/auth/signin.")
    NonceReply nonce(HttpServletRequest request) {
        SignInService.Nonce nonce = signIn.issueNonce();
        String domain =
                properties.domains().isEmpty() ? host(request) : properties.domains().get(0);
        return new NonceReply(
                nonce.nonce(),
                nonce.issuedAt(),
                nonce.expiresAt(),
                new SignInInput(
                        domain,
                        "Sign in to " + properties.casino().name(),
                        "1",
                        nonce.nonce(),
                        nonce.issuedAt().toString()));
    }

    @PostMapping("/api/auth/signin")
    @Operation(
            summary = "Sign in with a signed wallet message; returns a JWT",
            description =
                    "The message is FarePlay's 'Sign in to FarePlay Casino' text or a SIWS message"
                            + " with Nonce and Issued At; signature is base58 Ed25519 over its"
                            + " UTF-8 bytes. 401 codes: invalid_signature, address_mismatch,"
                            + " message_expired, message_not_yet_valid, domain_mismatch,"
                            + " nonce_required, invalid_nonce, nonce_used, nonce_expired,"
                            + " message_replayed.")
    SignInReply signIn(
            @RequestBody(required = false) SignInRequest body,
            @Parameter(description = "FarePlay casino slug; default the configured casino")
                    @RequestParam(name = "casino", required = false)
                    String casinoParam,
            @RequestHeader(name = "X-Casino-Slug", required = false) String casinoHeader,
            HttpServletRequest request) {
        if (body == null
                || blank(body.walletAddress())
                || blank(body.message())
                || blank(body.signature())) {
            throw ApiException.badRequest(
                    "invalid_request",
                    "The body must be JSON with walletAddress, message and signature");
        }
        limiter.check("signin-wallet:" + body.walletAddress(), limits.signInPerWallet(), "wallet");
        SignInService.SignIn result =
                signIn.signIn(
                        body, host(request), casinoParam != null ? casinoParam : casinoHeader);
        Player player = result.player();
        return new SignInReply(
                result.token(),
                result.expiresAt(),
                new PlayerReply(player.id().toString(), player.wallet(), null, player.createdAt()),
                new CasinoReply(
                        result.casino().id(), result.casino().name(), result.casino().slug()));
    }

    @GetMapping("/api/me")
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "The signed-in player (requires the JWT)")
    MeReply me(HttpServletRequest request) {
        Caller caller = Caller.of(request);
        Instant createdAt =
                repository.findPlayer(caller.wallet()).map(Player::createdAt).orElse(null);
        AuthProperties.Casino casino = properties.casino();
        return new MeReply(
                new PlayerReply(caller.playerId(), caller.wallet(), null, createdAt),
                new CasinoReply(casino.id(), casino.name(), casino.slug()),
                caller.admin());
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    // Host with port as the browser sends it (SIWS domains are "authority": host[:port]).
    private static String host(HttpServletRequest request) {
        String host = request.getHeader("Host");
        return host != null ? host : request.getServerName() + ":" + request.getServerPort();
    }

    record NonceReply(String nonce, Instant issuedAt, Instant expiresAt, SignInInput signInInput) {}

    /** Wallet-standard's SolanaSignInInput; the wallet adds the address. */
    record SignInInput(
            String domain, String statement, String version, String nonce, String issuedAt) {}

    record SignInReply(String token, Instant expiresAt, PlayerReply player, CasinoReply casino) {}

    record PlayerReply(
            String id,
            String walletAddress,
            @JsonInclude(JsonInclude.Include.ALWAYS) String username,
            Instant createdAt) {}

    record CasinoReply(String id, String name, String slug) {}

    record MeReply(PlayerReply player, CasinoReply casino, boolean admin) {}
}
