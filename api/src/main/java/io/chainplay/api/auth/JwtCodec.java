package io.chainplay.api.auth;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * HS256 JSON Web Tokens (RFC 7519), issued at sign-in and checked on protected routes.
 *
 * <p>Hand-written rather than a JOSE library: one algorithm, pinned, is all the API needs, and
 * pinning it is the point: a token whose header names any other algorithm ({@code none}, RS256 with
 * the secret as a "public key") is refused before its signature is looked at. The signature is
 * compared in constant time. The key lives in a {@link SecretKeySpec} and is never printed.
 */
public final class JwtCodec {

    static final String HEADER_JSON = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final String HEADER = ENCODER.encodeToString(bytes(HEADER_JSON));
    // Bounds the work on a hostile Authorization header.
    private static final int MAX_TOKEN_LENGTH = 4096;

    private final SecretKeySpec key;
    private final Clock clock;
    private final JsonMapper json;

    public JwtCodec(byte[] secret, Clock clock, JsonMapper json) {
        if (secret.length < 32) {
            throw new IllegalArgumentException(
                    "The JWT secret must be at least 32 bytes (256 bits) for HS256");
        }
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.clock = clock;
        this.json = json;
    }

    /** Signs {@code claims} plus {@code iat} and {@code exp} (seconds since the epoch). */
    public String issue(Map<String, Object> claims, Instant expiresAt) {
        Map<String, Object> payload = new LinkedHashMap<>(claims);
        payload.put("iat", clock.instant().getEpochSecond());
        payload.put("exp", expiresAt.getEpochSecond());
        String body = ENCODER.encodeToString(json.writeValueAsBytes(payload));
        String signingInput = HEADER + "." + body;
        return signingInput + "." + ENCODER.encodeToString(mac(signingInput));
    }

    /**
     * The claims of a valid, unexpired token.
     *
     * @throws InvalidTokenException saying why the token is refused
     */
    public Map<String, Object> verify(String token) {
        if (token == null || token.length() > MAX_TOKEN_LENGTH) {
            throw new InvalidTokenException("malformed token");
        }
        int first = token.indexOf('.');
        int second = token.indexOf('.', first + 1);
        if (first < 0 || second < 0 || token.indexOf('.', second + 1) >= 0) {
            throw new InvalidTokenException("malformed token");
        }
        Map<String, Object> header = decode(token.substring(0, first));
        if (!"HS256".equals(header.get("alg"))) {
            throw new InvalidTokenException("unsupported algorithm");
        }
        byte[] signature;
        try {
            signature = DECODER.decode(token.substring(second + 1));
        } catch (IllegalArgumentException e) {
            throw new InvalidTokenException("malformed signature");
        }
        if (!MessageDigest.isEqual(signature, mac(token.substring(0, second)))) {
            throw new InvalidTokenException("bad signature");
        }
        Map<String, Object> claims = decode(token.substring(first + 1, second));
        if (!(claims.get("exp") instanceof Number exp)
                || clock.instant().getEpochSecond() >= exp.longValue()) {
            throw new InvalidTokenException("token expired");
        }
        return claims;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> decode(String part) {
        try {
            Object value = json.readValue(DECODER.decode(part), Map.class);
            return (Map<String, Object>) value;
        } catch (IllegalArgumentException | JacksonException | ClassCastException e) {
            throw new InvalidTokenException("malformed token");
        }
    }

    private byte[] mac(String signingInput) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(bytes(signingInput));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A token that is not accepted; the message says why, without echoing the token. */
    public static final class InvalidTokenException extends RuntimeException {
        InvalidTokenException(String message) {
            super(message, null, false, false);
        }
    }
}
