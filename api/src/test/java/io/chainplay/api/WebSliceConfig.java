package io.chainplay.api;

import io.chainplay.api.auth.AuthProperties;
import io.chainplay.api.auth.JwtCodec;
import io.chainplay.api.feed.FeedProperties;
import io.chainplay.api.feed.KafkaSettings;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * What the servlet filters need in a {@code @WebMvcTest} slice, which loads filters but not the
 * components they use.
 */
@TestConfiguration
@Import({RateLimiter.class, ErrorWriter.class})
@EnableConfigurationProperties({
    RateLimitProperties.class,
    AuthProperties.class,
    KafkaSettings.class,
    FeedProperties.class
})
public class WebSliceConfig {

    public static final byte[] SECRET =
            "slice-test-secret-slice-test-secret".getBytes(StandardCharsets.UTF_8);

    @Bean
    JwtCodec jwtCodec(Clock clock, JsonMapper json) {
        return new JwtCodec(SECRET, clock, json);
    }
}
