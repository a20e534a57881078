package io.chainplay.api.auth;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;

/** The JWT codec, with its key from {@code chainplay.auth.jwt-secret}. */
@Configuration(proxyBeanMethods = false)
class AuthConfig {

    private static final Logger LOG = LoggerFactory.getLogger(AuthConfig.class);

    @Bean
    JwtCodec jwtCodec(AuthProperties properties, Clock clock, JsonMapper json) {
        byte[] secret;
        if (properties.jwtSecret().isEmpty()) {
            secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            // Says that a key is missing, never a key.
            LOG.warn(
                    "CHAINPLAY_JWT_SECRET is not set: tokens are signed with a random key, so they"
                            + " stop working when this instance restarts and are not accepted by"
                            + " other instances");
        } else {
            secret = properties.jwtSecret().getBytes(StandardCharsets.UTF_8);
            if (secret.length < 32) {
                throw new IllegalStateException(
                        "CHAINPLAY_JWT_SECRET must be at least 32 bytes (HS256); it has "
                                + secret.length);
            }
        }
        return new JwtCodec(secret, clock, json);
    }
}
