package io.chainplay.api.feed;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code chainplay.kafka.*}: where the feed topics live ({@code CHAINPLAY_KAFKA_BOOTSTRAP}).
 *
 * @param bootstrapServers comma-separated host:port
 */
@ConfigurationProperties("chainplay.kafka")
public record KafkaSettings(@DefaultValue("localhost:9092") String bootstrapServers) {}
