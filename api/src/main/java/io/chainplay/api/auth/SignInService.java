package io.chainplay.api.auth;

import io.chainplay.api.ApiException;
import io.chainplay.api.Base58;
import io.chainplay.api.auth.AuthRepository.NonceOutcome;
import io.chainplay.api.auth.AuthRepository.Player;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Wallet sign-in: checks a signed FarePlay or SIWS message and issues a JWT.
 *
 * <p>The checks run cheapest and least revealing first, and the nonce is consumed last, so a
 * request refused for any other reason does not burn it: shape (400), the message's address against
 * the signing key, the Ed25519 signature over the exact UTF-8 bytes (canonical only, see {@link
 * Ed25519Verifier}), the time window, the domain, and then single use. Every refusal is an {@link
 * ApiException} with a code a client can branch on; nothing secret is echoed.
 */
@Service
public class SignInService {

    private static final Logger LOG = LoggerFactory.getLogger(SignInService.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] NONCE_ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    // Messages are a few hundred bytes; this bounds parsing and hashing on hostile input.
    static final int MAX_MESSAGE_LENGTH = 4096;

    private final AuthRepository repository;
    private final AuthProperties properties;
    private final JwtCodec jwt;
    private final Clock clock;

    SignInService(AuthRepository repository, AuthProperties properties, JwtCodec jwt, Clock clock) {
        this.repository = repository;
        this.properties = properties;
        this.jwt = jwt;
        this.clock = clock;
    }

    /** A fresh nonce, stored so that exactly one sign-in can use it before it expires. */
    public Nonce issueNonce() {
        char[] chars = new char[20]; // ~119 bits; SIWS wants at least 8 alphanumerics
        for (int i = 0; i < chars.length; i++) {
            chars[i] = NONCE_ALPHABET[RANDOM.nextInt(NONCE_ALPHABET.length)];
        }
        String nonce = new String(chars);
        Instant now = clock.instant();
        Instant expires = now.plus(properties.nonceTtl());
        repository.issueNonce(nonce, now, expires);
        return new Nonce(nonce, now, expires);
    }

    /**
     * Checks a sign-in and returns the token and who it is for.
     *
     * @param host the {@code Host} the request came to, the expected SIWS domain when none is
     *     configured
     * @param casinoSlug FarePlay's {@code ?casino=} / {@code X-Casino-Slug}; null for the default
     */
    public SignIn signIn(SignInRequest request, String host, String casinoSlug) {
        AuthProperties.Casino casino = properties.casino();
        if (casinoSlug != null && !casinoSlug.equals(casino.slug())) {
            throw new ApiException(
                    HttpStatus.NOT_FOUND,
                    "unknown_casino",
                    "No casino "
                            + ApiException.quote(casinoSlug)
                            + " here; this API serves '"
                            + casino.slug()
                            + "'");
        }
        String wallet = request.walletAddress();
        byte[] publicKey = Base58.decode(wallet, Ed25519Verifier.PUBLIC_KEY_BYTES);
        if (publicKey == null) {
            throw ApiException.badRequest(
                    "invalid_wallet",
                    "walletAddress must be a Solana public key (base58 of 32 bytes)");
        }
        byte[] signature = Base58.decode(request.signature(), Ed25519Verifier.SIGNATURE_BYTES);
        if (signature == null) {
            throw ApiException.badRequest(
                    "invalid_signature_encoding",
                    "signature must be base58 of the 64-byte Ed25519 signature");
        }
        String text = request.message();
        if (text.length() > MAX_MESSAGE_LENGTH) {
            throw ApiException.badRequest(
                    "invalid_message", "message is longer than " + MAX_MESSAGE_LENGTH);
        }
        byte[] messageBytes = text.getBytes(StandardCharsets.UTF_8);
        Instant now = clock.instant();

        if (FarePlayMessage.looksLike(text)) {
            FarePlayMessage message = parse(() -> FarePlayMessage.parse(text));
            requireAddress(message.wallet(), wallet);
            requireSignature(publicKey, messageBytes, signature);
            Instant stamp = Instant.ofEpochMilli(message.timestampMillis());
            requireWithinWindow(stamp, now, "Timestamp");
            // No nonce in this format: the message itself is single-use while it is valid.
            String key = "msg:" + sha256Hex(messageBytes);
            Instant expires = stamp.plus(properties.messageWindow());
            if (!repository.recordUsedMessage(key, wallet, now, expires)) {
                throw unauthorized(
                        "message_replayed",
                        "This signed message was already used to sign in; sign a new one");
            }
        } else if (SiwsMessage.looksLike(text)) {
            SiwsMessage message = parse(() -> SiwsMessage.parse(text));
            requireAddress(message.address(), wallet);
            requireSignature(publicKey, messageBytes, signature);
            if (message.issuedAt() == null) {
                throw unauthorized("issued_at_required", "The message must have 'Issued At'");
            }
            requireWithinWindow(instant(message.issuedAt(), "Issued At"), now, "Issued At");
            if (message.expirationTime() != null
                    && !now.isBefore(instant(message.expirationTime(), "Expiration Time"))) {
                throw unauthorized("message_expired", "The message's Expiration Time has passed");
            }
            if (message.notBefore() != null
                    && now.isBefore(instant(message.notBefore(), "Not Before"))) {
                throw unauthorized(
                        "message_not_yet_valid", "The message's Not Before is still ahead");
            }
            requireDomain(message.domain(), host);
            if (message.nonce() == null) {
                throw unauthorized(
                        "nonce_required",
                        "The message must carry a Nonce from GET /api/auth/nonce");
            }
            NonceOutcome outcome = repository.consumeNonce(message.nonce(), wallet, now);
            switch (outcome) {
                case CONSUMED -> {}
                case UNKNOWN ->
                        throw unauthorized("invalid_nonce", "The nonce was not issued by this API");
                case ALREADY_USED ->
                        throw unauthorized(
                                "nonce_used", "The nonce was already used; get a new one");
                case EXPIRED ->
                        throw unauthorized("nonce_expired", "The nonce expired; get a new one");
            }
        } else {
            throw ApiException.badRequest(
                    "unsupported_message",
                    "message must be a Sign-In With Solana message or FarePlay's 'Sign in to"
                            + " FarePlay Casino' message");
        }

        Player player = repository.signedIn(wallet, now);
        Instant expiresAt = now.plus(properties.tokenTtl());
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", wallet);
        claims.put("walletAddress", wallet);
        claims.put("playerId", player.id().toString());
        claims.put("casinoId", casino.id());
        claims.put("casinoSlug", casino.slug());
        String token = jwt.issue(claims, expiresAt);
        LOG.info("Signed in {}", wallet); // never the token
        return new SignIn(token, expiresAt, player, casino);
    }

    /** Deletes nonces an hour past expiry; used ones are kept that long for inspection. */
    @Scheduled(fixedDelayString = "${chainplay.auth.cleanup-interval:PT10M}")
    void deleteExpiredNonces() {
        int deleted = repository.deleteExpired(clock.instant().minus(Duration.ofHours(1)));
        if (deleted > 0) {
            LOG.debug("Deleted {} expired nonces", deleted);
        }
    }

    private void requireAddress(String inMessage, String wallet) {
        if (!inMessage.equals(wallet)) {
            throw unauthorized(
                    "address_mismatch",
                    "The message names another address than walletAddress, the signing key");
        }
    }

    private static void requireSignature(byte[] publicKey, byte[] message, byte[] signature) {
        if (!Ed25519Verifier.verify(publicKey, message, signature)) {
            throw unauthorized(
                    "invalid_signature",
                    "The signature does not verify for this message and wallet (canonical"
                            + " Ed25519 over the message's UTF-8 bytes)");
        }
    }

    private void requireWithinWindow(Instant stamp, Instant now, String field) {
        Duration window = properties.messageWindow();
        if (stamp.isBefore(now.minus(window))) {
            throw unauthorized(
                    "message_expired",
                    "The message's "
                            + field
                            + " is more than "
                            + window.toMinutes()
                            + " minutes old; sign a new one");
        }
        if (stamp.isAfter(now.plus(window))) {
            throw unauthorized(
                    "message_not_yet_valid",
                    "The message's "
                            + field
                            + " is more than "
                            + window.toMinutes()
                            + " minutes ahead of the server's clock");
        }
    }

    private void requireDomain(String domain, String host) {
        boolean allowed =
                properties.domains().isEmpty()
                        ? domain.equalsIgnoreCase(host)
                        : properties.domains().stream().anyMatch(domain::equalsIgnoreCase);
        if (!allowed) {
            throw unauthorized(
                    "domain_mismatch",
                    "The message was signed for "
                            + ApiException.quote(domain)
                            + ", which is not this API's domain");
        }
    }

    private static Instant instant(String value, String field) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(
                    "invalid_message",
                    field + " must be an ISO-8601 time such as" + " 2024-01-05T01:08:57.000Z");
        }
    }

    private static <T> T parse(java.util.function.Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(
                    "invalid_message", "Malformed message: " + e.getMessage());
        }
    }

    private static ApiException unauthorized(String code, String message) {
        return new ApiException(HttpStatus.UNAUTHORIZED, code, message);
    }

    private static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An issued nonce. */
    public record Nonce(String nonce, Instant issuedAt, Instant expiresAt) {}

    /** A successful sign-in. */
    public record SignIn(
            String token, Instant expiresAt, Player player, AuthProperties.Casino casino) {}
}
