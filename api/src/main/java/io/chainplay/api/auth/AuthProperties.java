package io.chainplay.api.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * {@code chainplay.auth.*}: wallet sign-in and the JWTs it issues.
 *
 * @param jwtSecret the HS256 key (at least 32 bytes of text); empty means a random key per start,
 *     which invalidates tokens on restart and across instances. Never logged: {@link #toString()}
 *     leaves it out.
 * @param tokenTtl how long a token is valid (FarePlay: 7 days)
 * @param messageWindow how far a message's timestamp ({@code Issued At}, {@code Timestamp}) may be
 *     from the server's clock, either way
 * @param nonceTtl how long an issued nonce may be used
 * @param domains the SIWS domains accepted; empty means the {@code Host} the request came to
 * @param admins wallets allowed on {@code /api/admin/**}
 * @param casino the casino whose players sign in here (FarePlay's {@code casinoId/casinoSlug})
 */
@ConfigurationProperties("chainplay.auth")
public record AuthProperties(
        @DefaultValue("") String jwtSecret,
        @DefaultValue("7d") Duration tokenTtl,
        @DefaultValue("5m") Duration messageWindow,
        @DefaultValue("5m") Duration nonceTtl,
        @DefaultValue List<String> domains,
        @DefaultValue List<String> admins,
        @DefaultValue Casino casino) {

    /** The one casino this deployment serves. */
    public record Casino(
            @DefaultValue("chainplay") String slug,
            @DefaultValue("Chainplay Casino") String name,
            @DefaultValue("chainplay") String id) {}

    @Override
    public String toString() {
        return "AuthProperties[jwtSecret=<"
                + (jwtSecret.isEmpty() ? "random" : "configured")
                + ">, tokenTtl="
                + tokenTtl
                + ", messageWindow="
                + messageWindow
                + ", nonceTtl="
                + nonceTtl
                + ", domains="
                + domains
                + ", admins="
                + admins
                + ", casino="
                + casino
                + "]";
    }
}
