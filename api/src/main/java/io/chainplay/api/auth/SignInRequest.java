package io.chainplay.api.auth;

import com.fasterxml.jackson.annotation.JsonAlias;

/**
 * The body of {@code POST /api/auth/signin}, FarePlay's shape; SIWS clients send the wallet's
 * {@code signedMessage} as text in {@code message}.
 *
 * @param walletAddress the signing key, base58 ({@code publicKey} and {@code address} also
 *     accepted)
 * @param message the signed text; the signature covers its UTF-8 bytes exactly
 * @param signature base58 of the 64-byte detached Ed25519 signature
 */
public record SignInRequest(
        @JsonAlias({"publicKey", "address"}) String walletAddress,
        @JsonAlias("signedMessage") String message,
        String signature) {}
