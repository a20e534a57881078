package io.chainplay.api.trading;

import io.chainplay.api.feed.KafkaSettings;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The producer behind {@code POST /api/trades}, closed with the context. */
@Configuration(proxyBeanMethods = false)
class TradeConfig {

    // The producer connects on the first send, so an API without Kafka still starts and serves
    // every read; only POST /api/trades then answers 503.
    @Bean(destroyMethod = "close")
    TradeRequestPublisher tradeRequestPublisher(KafkaSettings kafka, TradeProperties properties) {
        return new TradeRequestPublisher(kafka, properties);
    }
}
